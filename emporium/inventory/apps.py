from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "emporium.inventory"
    label = "inventory"
    verbose_name = "Inventory"
