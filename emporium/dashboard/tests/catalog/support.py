"""What the dashboard catalogue tests share besides fixtures."""

from django.conf import settings
from django.urls import reverse

# The session (none when sessions live in the cache, as with Redis), the
# user, the user's shops (vendor_required), the membership, and the shop
# switcher's list (render_dashboard): the same for every page, whatever
# the number of rows.
SESSION_QUERIES = int(settings.SESSION_ENGINE.endswith(".db"))
FRAME_QUERIES = SESSION_QUERIES + 4


def url(name: str, *args) -> str:
    return reverse(f"dashboard:{name}", args=args)


def texts(response) -> str:
    """The page's HTML as text, for `in` checks."""
    return response.content.decode()
