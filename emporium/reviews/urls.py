"""Storefront routes of this package, mounted at the site root."""

app_name = "reviews"

urlpatterns: list = []
