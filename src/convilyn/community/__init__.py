"""The community around public user workflows: the public listing, likes and comments."""
