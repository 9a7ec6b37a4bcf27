"""What the dashboard catalogue tests share besides fixtures."""

from django.urls import reverse


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=args)


def texts(response) -> str:
    """The page's HTML as text, for `in` checks."""
    return response.content.decode()
