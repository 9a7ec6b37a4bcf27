"""What the dashboard catalogue tests share besides fixtures."""

from django.test import Client
from django.urls import reverse

# The session, the user, the user's shops (vendor_required), the
# membership, and the shop switcher's list (render_dashboard).
FRAME_QUERIES = 5


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=args)


def texts(response) -> str:
    """The page's HTML as text, for `in` checks."""
    return response.content.decode()


def follow_post(client: Client, path: str, data: dict | None = None, **extra):
    return client.post(path, data or {}, follow=True, **extra)
