"""Orders routes of the REST API, mounted at /api/v1/ (namespace "v1")."""

from django.urls import path

from emporium.orders.api import views

urlpatterns = [
    path("orders/", views.OrderListApi.as_view(), name="order-list"),
    path("orders/<str:number>/", views.OrderDetailApi.as_view(), name="order-detail"),
    path(
        "orders/<str:number>/cancel/",
        views.OrderCancelApi.as_view(),
        name="order-cancel",
    ),
]
