"""User workflows: fork, CRUD, import/export, visibility, and their compile to a DestinationSpec."""
