"""The gift pages: gifts given and received with their ethics record (gifts), the gift store (stock)."""
