"""REST routes of this package, mounted under /api/v1/."""

urlpatterns: list = []
