from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "emporium.shipping"
    label = "shipping"
    verbose_name = "Shipping"
