from django.apps import AppConfig


class CatalogIoConfig(AppConfig):
    name = "emporium.catalog_io"
    label = "catalog_io"
    verbose_name = "Catalog import and export"
