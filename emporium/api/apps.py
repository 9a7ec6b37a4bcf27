from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "emporium.api"
    label = "api"
    verbose_name = "API"
