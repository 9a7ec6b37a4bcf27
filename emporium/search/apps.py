from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "emporium.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from emporium.search import handlers  # noqa: F401  (subscribes)
