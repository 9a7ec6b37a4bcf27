"""Root URLconf: storefront, accounts, cart, checkout, vendor dashboard,
admin, API, health."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from emporium.core import views as core_views

admin.site.site_header = f"{settings.SHOP_NAME} administration"
admin.site.site_title = settings.SHOP_NAME

urlpatterns = [
    path("health/live", core_views.health_live, name="health-live"),
    path("health/ready", core_views.health_ready, name="health-ready"),
    path("admin/", admin.site.urls),
    path("api/", include("emporium.api.urls")),
    path("account/", include("emporium.accounts.urls")),
    path("cart/", include("emporium.cart.urls")),
    path("checkout/", include("emporium.checkout.urls")),
    path("vendor/", include("emporium.dashboard.urls")),
    path("", include("emporium.vendors.urls")),
    path("", include("emporium.reviews.urls")),
    path("", include("emporium.wishlists.urls")),
    path("", include("emporium.orders.urls")),
    path("", include("emporium.payments.urls")),
    path("", include("emporium.storefront.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded files from MEDIA_ROOT, for development and single-machine
    # installs; larger deployments serve media from object storage or the
    # reverse proxy and leave SERVE_MEDIA off.
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns.insert(
        0,
        re_path(
            rf"^{media_prefix}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    )

handler400 = "emporium.core.views.bad_request"
handler403 = "emporium.core.views.permission_denied"
handler404 = "emporium.core.views.page_not_found"
handler500 = "emporium.core.views.server_error"
