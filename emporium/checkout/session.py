"""What the storefront's checkout keeps in the visitor's session.

- One-time form tokens: every render of the checkout form carries a fresh
  token, which becomes the idempotency key of the order it places. A
  double submit sends the same token twice and so gets the same order; a
  token this session never issued places nothing.
- The numbers of the orders placed in this session, which it may open
  (confirmation, payment) without signing in or a signed link.
"""

import secrets

from django.http import HttpRequest

from emporium.checkout.constants import (
    MAX_FORM_TOKENS,
    MAX_SESSION_ORDERS,
    SESSION_FORM_TOKENS,
    SESSION_ORDERS,
)
from emporium.orders.numbers import normalize_order_number


def issue_form_token(request: HttpRequest) -> str:
    token = secrets.token_urlsafe(24)
    tokens = [*request.session.get(SESSION_FORM_TOKENS, []), token]
    request.session[SESSION_FORM_TOKENS] = tokens[-MAX_FORM_TOKENS:]
    return token


def is_issued_form_token(request: HttpRequest, token: str) -> bool:
    return bool(token) and token in request.session.get(SESSION_FORM_TOKENS, [])


def idempotency_key_for(token: str) -> str:
    return f"form-{token}"


def remember_order(request: HttpRequest, number: str) -> None:
    numbers = [n for n in request.session.get(SESSION_ORDERS, []) if n != number]
    request.session[SESSION_ORDERS] = [*numbers, number][-MAX_SESSION_ORDERS:]


def placed_here(request: HttpRequest, number: str) -> bool:
    return normalize_order_number(number) in request.session.get(SESSION_ORDERS, [])
