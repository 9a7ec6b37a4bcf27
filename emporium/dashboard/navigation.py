"""The dashboard's menu: each entry shows once its page exists."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True, slots=True)
class NavItem:
    label: str
    url: str
    url_name: str


MENU = (
    ("Overview", "dashboard:overview"),
    ("Products", "dashboard:products"),
    ("Offers", "dashboard:offers"),
    ("Stock", "dashboard:stock"),
    ("Import / export", "dashboard:catalog-io"),
    ("Orders", "dashboard:orders"),
    ("Money", "dashboard:money"),
    ("Reviews", "dashboard:reviews"),
    ("Shop profile", "dashboard:shop-profile"),
    ("Branches", "dashboard:branches"),
    ("Team", "dashboard:team"),
)


def menu() -> list[NavItem]:
    items = []
    for label, url_name in MENU:
        try:
            items.append(NavItem(label, reverse(url_name), url_name))
        except NoReverseMatch:
            continue
    return items
