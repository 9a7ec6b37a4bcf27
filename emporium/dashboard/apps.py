from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "emporium.dashboard"
    label = "dashboard"
    verbose_name = "Vendor dashboard"
