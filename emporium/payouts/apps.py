from django.apps import AppConfig


class PayoutsConfig(AppConfig):
    name = "emporium.payouts"
    label = "payouts"
    verbose_name = "Payouts"
