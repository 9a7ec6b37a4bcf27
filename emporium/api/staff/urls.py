"""Staff routes of the REST API, mounted at /api/v1/staff/ (namespace "v1")."""

from django.urls import path

from emporium.api.staff import products, shops, stock

urlpatterns = [
    path("products/", products.ProductListApi.as_view(), name="staff-product-list"),
    path(
        "products/<int:id>/",
        products.ProductDetailApi.as_view(),
        name="staff-product-detail",
    ),
    path(
        "products/<int:id>/attributes/",
        products.ProductAttributesApi.as_view(),
        name="staff-product-attributes",
    ),
    path(
        "products/<int:id>/variants/",
        products.ProductVariantsApi.as_view(),
        name="staff-product-variants",
    ),
    path(
        "variants/<int:id>/",
        products.VariantDetailApi.as_view(),
        name="staff-variant-detail",
    ),
    path("offers/", products.OfferListApi.as_view(), name="staff-offer-list"),
    path(
        "offers/<int:id>/", products.OfferDetailApi.as_view(), name="staff-offer-detail"
    ),
    path("stock/", stock.StockListApi.as_view(), name="staff-stock-list"),
    path("stock/<int:id>/", stock.StockDetailApi.as_view(), name="staff-stock-detail"),
    path(
        "stock/<int:id>/adjustments/",
        stock.StockAdjustmentApi.as_view(),
        name="staff-stock-adjustments",
    ),
    path("warehouses/", stock.WarehouseListApi.as_view(), name="staff-warehouse-list"),
    path("shops/", shops.StaffShopListApi.as_view(), name="staff-shop-list"),
    path(
        "shops/<slug:slug>/",
        shops.StaffShopDetailApi.as_view(),
        name="staff-shop-detail",
    ),
    path(
        "shops/<slug:slug>/approve/",
        shops.StaffShopApproveApi.as_view(),
        name="staff-shop-approve",
    ),
    path(
        "shops/<slug:slug>/reject/",
        shops.StaffShopRejectApi.as_view(),
        name="staff-shop-reject",
    ),
    path(
        "shops/<slug:slug>/suspend/",
        shops.StaffShopSuspendApi.as_view(),
        name="staff-shop-suspend",
    ),
]
