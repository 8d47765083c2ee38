"""Users, tiers, API keys and JWTs: who is calling."""
