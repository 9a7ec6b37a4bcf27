from django.apps import AppConfig


class CartConfig(AppConfig):
    name = "emporium.cart"
    label = "cart"
    verbose_name = "Carts"

    def ready(self) -> None:
        from emporium.cart.signals import connect_signals

        connect_signals()
