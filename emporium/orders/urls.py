"""Storefront order pages, mounted at the site root: "My Account" orders
under /account/orders/, a guest's signed link under /orders/."""

from django.urls import path

from emporium.orders import views

app_name = "orders"

urlpatterns = [
    path("account/orders/", views.order_list, name="list"),
    path("account/orders/<str:number>/", views.order_detail, name="detail"),
    path("account/orders/<str:number>/cancel/", views.order_cancel, name="cancel"),
    path("orders/<str:number>/", views.guest_order_detail, name="guest-detail"),
]
