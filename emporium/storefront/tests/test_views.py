"""The storefront frame: home page, shared layout, error pages."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from emporium.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REMOTE_SCRIPT = re.compile(r"<script[^>]*\ssrc=[\"']?(https?:)?//", re.IGNORECASE)
REMOTE_LINK = re.compile(r"<link[^>]*\shref=[\"']?(https?:)?//", re.IGNORECASE)
SEO_METADATA = re.compile(
    r'<link rel="canonical"[^>]*>|<meta property="og:[a-z_:]+"[^>]*>'
    r'|<script type="application/ld\+json">.*?</script>',
    re.DOTALL,
)


def test_home_page_loads_css_and_scripts_from_our_own_static_files(client):
    response = client.get(reverse("storefront:home"))

    assert response.status_code == 200
    html = response.text
    assert '<link rel="stylesheet" href="/static/css/app.css">' in html
    # Absolute URLs of our own site (canonical, Open Graph, JSON-LD) are
    # metadata, not assets; everything the browser loads must be local.
    html = SEO_METADATA.sub("", html)
    for script in ("vendor/htmx.min.js", "js/app.js", "vendor/alpine.min.js"):
        assert f'<script defer src="/static/{script}"></script>' in html
    assert "http://" not in html
    assert "https://" not in html
    assert not REMOTE_SCRIPT.search(html)
    assert not REMOTE_LINK.search(html)


def test_home_page_welcomes_with_the_shop_name(client, settings):
    settings.SHOP_NAME = "Corner Shop"

    response = client.get(reverse("storefront:home"))

    assert "<title>Corner Shop</title>" in response.text
    assert "Welcome to Corner Shop" in response.text
    assert "Our catalog is coming soon" in response.text


def test_layout_has_landmarks_a_skip_link_and_a_labelled_search(client):
    html = client.get(reverse("storefront:home")).text

    assert '<html lang="en"' in html
    assert '<a href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html
    assert "<footer" in html
    assert '<form action="/search/" method="get" role="search"' in html
    assert '<label for="site-search"' in html


def test_anonymous_visitors_see_sign_in_and_register(client):
    html = client.get(reverse("storefront:home")).text

    assert f'href="{reverse("accounts:login")}"' in html
    assert f'href="{reverse("accounts:register")}"' in html


def test_signed_in_customers_see_their_account_and_a_sign_out_form(client):
    client.force_login(UserFactory())

    html = client.get(reverse("storefront:home")).text

    assert f'href="{reverse("accounts:profile")}"' in html
    sign_out = re.search(
        r'<form method="post" action="{}"[^>]*>\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken"'.format(reverse("accounts:logout")),
        html,
    )
    assert sign_out is not None


def test_messages_are_shown_in_the_layout(client):
    client.force_login(UserFactory())

    response = client.post(reverse("accounts:logout"), follow=True)

    assert 'id="messages"' in response.text
    assert "You have signed out." in response.text


def test_unknown_page_renders_the_404_page_in_the_layout(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "We could not find that page" in response.text
    assert '<main id="main"' in response.text


def test_csrf_failure_explains_the_expired_form():
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("accounts:login"), {"email": "a@example.com"})

    assert response.status_code == 403
    assert "This form has expired" in response.text


def test_500_page_stands_alone_without_request_or_context():
    html = render_to_string("500.html")

    assert "Something went wrong on our side" in html
    assert 'href="/static/css/app.css"' in html
    assert "Skip to content" not in html  # not the shared layout
