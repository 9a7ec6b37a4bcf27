"""Storefront cart pages, mounted at /cart/."""

from django.urls import path

from emporium.cart import views

app_name = "cart"

urlpatterns = [
    path("", views.cart_detail, name="detail"),
    path("add/", views.cart_add, name="add"),
    path("mini/", views.mini_cart, name="mini"),
    path("lines/<int:line_id>/", views.line_update, name="line-update"),
    path("lines/<int:line_id>/remove/", views.line_remove, name="line-remove"),
    path("voucher/", views.voucher_apply, name="voucher-apply"),
    path("voucher/remove/", views.voucher_remove, name="voucher-remove"),
]
