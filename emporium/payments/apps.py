from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "emporium.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self) -> None:
        from emporium.payments import handlers  # noqa: F401  (subscribes)
