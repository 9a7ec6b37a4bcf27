"""Dashboard pages of this part, included by `dashboard/urls.py`: the sales
overview, the shop's orders (its fulfilments) and its money."""

from django.urls import path

from emporium.dashboard.sales import views

urlpatterns = [
    path("overview/", views.overview, name="overview"),
    path("orders/", views.order_list, name="orders"),
    path("orders/<int:fulfilment_id>/", views.order_detail, name="order-detail"),
    path("orders/<int:fulfilment_id>/ship/", views.order_ship, name="order-ship"),
    path(
        "orders/<int:fulfilment_id>/deliver/",
        views.order_deliver,
        name="order-deliver",
    ),
    path("money/", views.money, name="money"),
]
