"""The vendor dashboard, mounted at /vendor/. Each part owns its routes:
`catalog/` (products, offers, stock, import/export), `sales/` (overview,
orders, money), `shop/` (profile, branches, team), `reviews/` (what buyers
said of the shop and its products)."""

from django.urls import include, path

from emporium.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("choose-shop/", views.choose_shop, name="choose-shop"),
    path("", include("emporium.dashboard.catalog.urls")),
    path("", include("emporium.dashboard.sales.urls")),
    path("", include("emporium.dashboard.shop.urls")),
    path("", include("emporium.dashboard.reviews.urls")),
]
