"""Vendor API routes of the shop's catalogue, offers, stock and CSV
import/export, included by `api/vendor/urls.py` (namespace "v1")."""

from django.urls import path

from emporium.api.vendor import catalog_io, offers, products, stock

urlpatterns = [
    # Products, their variants and images
    path("products/", products.ProductListApi.as_view(), name="vendor-product-list"),
    path(
        "products/<int:id>/",
        products.ProductDetailApi.as_view(),
        name="vendor-product-detail",
    ),
    path(
        "products/<int:id>/attributes/",
        products.ProductAttributesApi.as_view(),
        name="vendor-product-attributes",
    ),
    path(
        "products/<int:id>/variants/",
        products.ProductVariantsApi.as_view(),
        name="vendor-product-variants",
    ),
    path(
        "products/<int:id>/images/",
        products.ProductImagesApi.as_view(),
        name="vendor-product-images",
    ),
    path(
        "variants/<int:id>/",
        products.VariantDetailApi.as_view(),
        name="vendor-variant-detail",
    ),
    path(
        "images/<int:id>/",
        products.ImageDetailApi.as_view(),
        name="vendor-image-detail",
    ),
    # Offers, and other shops' products open to other sellers
    path("offers/", offers.OfferListApi.as_view(), name="vendor-offer-list"),
    path(
        "offers/<int:id>/", offers.OfferDetailApi.as_view(), name="vendor-offer-detail"
    ),
    path(
        "open-products/",
        offers.OpenProductListApi.as_view(),
        name="vendor-open-product-list",
    ),
    # Warehouses, stock rows, adjustments and the ledger
    path("warehouses/", stock.WarehouseListApi.as_view(), name="vendor-warehouse-list"),
    path(
        "warehouses/<int:id>/",
        stock.WarehouseDetailApi.as_view(),
        name="vendor-warehouse-detail",
    ),
    path("stock/", stock.StockListApi.as_view(), name="vendor-stock-list"),
    path("stock/<int:id>/", stock.StockDetailApi.as_view(), name="vendor-stock-detail"),
    path(
        "stock/<int:id>/adjustments/",
        stock.StockAdjustmentApi.as_view(),
        name="vendor-stock-adjustments",
    ),
    path(
        "stock/<int:id>/movements/",
        stock.StockMovementListApi.as_view(),
        name="vendor-stock-movements",
    ),
    # CSV import and export
    path(
        "catalog/import/",
        catalog_io.CatalogImportApi.as_view(),
        name="vendor-catalog-import",
    ),
    path(
        "catalog/imports/",
        catalog_io.CatalogImportListApi.as_view(),
        name="vendor-catalog-import-list",
    ),
    path(
        "catalog/imports/<int:id>/",
        catalog_io.CatalogImportDetailApi.as_view(),
        name="vendor-catalog-import-detail",
    ),
    path(
        "catalog/export/",
        catalog_io.CatalogExportApi.as_view(),
        name="vendor-catalog-export",
    ),
]
