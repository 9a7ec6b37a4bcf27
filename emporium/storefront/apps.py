from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "emporium.storefront"
    label = "storefront"
    verbose_name = "Storefront"
