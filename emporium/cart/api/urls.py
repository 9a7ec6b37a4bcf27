"""Cart routes of the REST API, mounted at /api/v1/ (namespace "v1")."""

from django.urls import path

from emporium.cart.api import views

urlpatterns = [
    path("cart/", views.CartApi.as_view(), name="cart"),
    path("cart/items/", views.CartItemsApi.as_view(), name="cart-items"),
    path("cart/items/<int:id>/", views.CartItemApi.as_view(), name="cart-item"),
    path("cart/voucher/", views.CartVoucherApi.as_view(), name="cart-voucher"),
]
