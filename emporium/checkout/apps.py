from django.apps import AppConfig


class CheckoutConfig(AppConfig):
    name = "emporium.checkout"
    label = "checkout"
    verbose_name = "Checkout"
