"""Wishlists: the products and shops a buyer keeps for later (issue 5)."""
