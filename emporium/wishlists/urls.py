"""Storefront routes of this package, mounted at the site root."""

app_name = "wishlists"

urlpatterns: list = []
