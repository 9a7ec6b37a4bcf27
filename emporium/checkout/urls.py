"""Storefront checkout pages, mounted at /checkout/."""

from django.urls import path

from emporium.checkout import views

app_name = "checkout"

urlpatterns = [
    path("", views.checkout_page, name="page"),
    path("options/", views.checkout_options, name="options"),
    path("voucher/", views.voucher_apply, name="voucher-apply"),
    path("voucher/remove/", views.voucher_remove, name="voucher-remove"),
    path("pay/<str:number>/", views.pay_page, name="pay"),
    path("return/<str:number>/", views.payment_return, name="return"),
    path("complete/<str:number>/", views.complete_page, name="complete"),
    path("reorder/<str:number>/", views.reorder_order, name="reorder"),
]
