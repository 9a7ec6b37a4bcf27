from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "emporium.storefront"
    label = "storefront"
    verbose_name = "Storefront"

    def ready(self) -> None:
        from emporium.storefront.cache import subscribe_handlers

        subscribe_handlers()
