"""Dashboard pages of this part, included by `dashboard/urls.py`."""

urlpatterns: list = []
