"""Gifts given and received, the ethics record public servants owe, and the gift store."""
