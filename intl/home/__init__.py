"""The home page each user lands on."""
