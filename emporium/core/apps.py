from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "emporium.core"
    label = "core"
    verbose_name = "Core"
