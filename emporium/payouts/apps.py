from django.apps import AppConfig


class PayoutsConfig(AppConfig):
    name = "emporium.payouts"
    label = "payouts"
    verbose_name = "Payouts"

    def ready(self) -> None:
        from emporium.payouts import handlers  # noqa: F401  (subscribes)
