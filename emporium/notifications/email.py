"""Transactional email: one HTML + text message from a template trio.

`notifications/email/<name>_subject.txt`, `<name>.txt` and `<name>.html`
are rendered with the shop name and SITE_URL in the context. Called from
event handlers, which run in a Celery task after the change committed.
"""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context, Engine
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _render_plain_text(template_name: str, context: dict[str, Any]) -> str:
    # Subjects and text bodies are not HTML: "Bob's Bikes & Boards" must not
    # arrive as "Bob&#x27;s Bikes &amp; Boards".
    template = Engine.get_default().get_template(template_name)
    return template.render(Context(context, autoescape=False))


def send_templated_email(*, to: str, template: str, context: dict[str, Any]) -> None:
    context = {
        "shop_name": settings.SHOP_NAME,
        "site_url": settings.SITE_URL,
        **context,
    }
    prefix = f"notifications/email/{template}"
    subject = _render_plain_text(f"{prefix}_subject.txt", context).strip()
    subject = " ".join(subject.splitlines())
    text = _render_plain_text(f"{prefix}.txt", context)
    html = render_to_string(f"{prefix}.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    message.attach_alternative(html, "text/html")
    message.send()
