from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SearchConfig(AppConfig):
    name = "emporium.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from emporium.search import handlers  # noqa: F401  (subscribes)
        from emporium.search.backends.sqlite import register_functions

        # The SQLite typo fallback calls a Python function in SQL.
        connection_created.connect(register_functions)
