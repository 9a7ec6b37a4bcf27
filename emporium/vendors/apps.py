from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "emporium.vendors"
    label = "vendors"
    verbose_name = "Shops"
