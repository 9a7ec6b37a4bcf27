"""Storefront routes of shops (applying to open one, joining one), mounted
at the site root."""

app_name = "vendors"

urlpatterns: list = []
