"""Vendor API routes of this part, included by `api/vendor/urls.py`."""

urlpatterns: list = []
