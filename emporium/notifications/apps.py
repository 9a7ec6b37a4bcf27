from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "emporium.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from emporium.notifications import (  # noqa: F401  (subscribes)
            handlers,
            order_emails,
            payment_emails,
            shop_emails,
            stock_emails,
            vendor_order_emails,
        )
