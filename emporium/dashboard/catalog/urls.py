"""Dashboard pages of the shop's catalogue, offers, stock and CSV
import/export, included by `dashboard/urls.py` (namespace "dashboard").

`products`, `offers`, `stock` and `catalog-io` are the menu's entries
(`dashboard.navigation.MENU`); every other page sits under one of their
paths so that the menu marks its section.
"""

from django.urls import path

from emporium.dashboard.catalog import imports, offers, products, stock

urlpatterns = [
    # Products, variants, images
    path("products/", products.product_list, name="products"),
    path("products/new/", products.product_create, name="product-create"),
    path("products/<int:product_id>/", products.product_detail, name="product-detail"),
    path(
        "products/<int:product_id>/attributes/",
        products.product_attributes,
        name="product-attributes",
    ),
    path(
        "products/<int:product_id>/archive/",
        products.product_archive,
        name="product-archive",
    ),
    path(
        "products/<int:product_id>/variants/new/",
        products.variant_create,
        name="variant-create",
    ),
    path(
        "products/<int:product_id>/images/",
        products.image_upload,
        name="image-upload",
    ),
    path(
        "products/variants/<int:variant_id>/",
        products.variant_edit,
        name="variant-edit",
    ),
    path(
        "products/variants/<int:variant_id>/activity/",
        products.variant_activity,
        name="variant-activity",
    ),
    path("products/images/<int:image_id>/", products.image_edit, name="image-edit"),
    path(
        "products/images/<int:image_id>/delete/",
        products.image_delete,
        name="image-delete",
    ),
    # Offers
    path("offers/", offers.offer_list, name="offers"),
    path("offers/new/", offers.offer_create, name="offer-create"),
    path("offers/open-products/", offers.open_products, name="open-products"),
    path("offers/<int:offer_id>/", offers.offer_edit, name="offer-edit"),
    path("offers/<int:offer_id>/sale/", offers.offer_toggle, name="offer-toggle"),
    path(
        "offers/<int:offer_id>/stock/",
        offers.offer_stock_create,
        name="offer-stock-create",
    ),
    # Stock and warehouses
    path("stock/", stock.stock_list, name="stock"),
    path("stock/<int:stock_id>/", stock.stock_detail, name="stock-detail"),
    path("stock/<int:stock_id>/adjust/", stock.stock_adjust, name="stock-adjust"),
    path("stock/<int:stock_id>/settings/", stock.stock_settings, name="stock-settings"),
    path("stock/warehouses/", stock.warehouse_list, name="warehouses"),
    path("stock/warehouses/new/", stock.warehouse_create, name="warehouse-create"),
    path(
        "stock/warehouses/<int:warehouse_id>/",
        stock.warehouse_edit,
        name="warehouse-edit",
    ),
    # CSV import and export
    path("catalog-io/", imports.catalog_io, name="catalog-io"),
    path("catalog-io/export/", imports.catalog_export, name="catalog-export"),
    path("catalog-io/<int:import_id>/", imports.catalog_import, name="catalog-import"),
]
