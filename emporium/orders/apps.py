from django.apps import AppConfig


class OrdersConfig(AppConfig):
    name = "emporium.orders"
    label = "orders"
    verbose_name = "Orders"

    def ready(self) -> None:
        from emporium.orders import handlers  # noqa: F401  (subscribes)
