"""/api/: version 1 of the REST API, its OpenAPI schema and the docs UIs.

Each domain owns its routes in `<domain>/api/urls.py`; they are mounted here.
"""

from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)

from emporium.core.views import page_not_found

v1 = [
    path("", include("emporium.accounts.api.urls")),
    path("", include("emporium.api.catalog.urls")),
    path("", include("emporium.orders.api.urls")),
    path("", include("emporium.payments.api.urls")),
    path("", include("emporium.cart.api.urls")),
    path("", include("emporium.checkout.api.urls")),
    path("", include("emporium.reviews.api.urls")),
    path("", include("emporium.wishlists.api.urls")),
    path("staff/", include("emporium.api.staff.urls")),
    path("vendor/", include("emporium.api.vendor.urls")),
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"
    ),
    path(
        "redoc/", SpectacularRedocView.as_view(url_name="api-schema"), name="api-redoc"
    ),
    # Unknown API routes answer JSON 404 whatever the method (no CSRF 403).
    re_path(r"^.*$", csrf_exempt(page_not_found)),
]
