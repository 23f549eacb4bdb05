"""Users, roles, signing in and out, and each user's own settings."""
