"""Merge the guest cart at storefront sign-in.

Django announces a session log-in with `user_logged_in`; the accounts
views do not know about carts (accounts sits below cart), so listening to
the signal is the one way to merge at that moment without accounts
importing cart. The handler stays thin: the rule is `resolve_cart`'s, the
same service every cart request runs (which would merge on the next cart
request anyway). Merging at log-in makes the header count right at once
and tells the buyer what changed.
"""

from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest

from emporium.accounts.models import User
from emporium.cart.constants import CART_COOKIE
from emporium.cart.services import resolve_cart

DISPATCH_UID = "emporium.cart.merge_guest_cart_at_login"


def merge_guest_cart_at_login(
    sender: type, request: HttpRequest | None, user: User, **kwargs
) -> None:
    token = request.COOKIES.get(CART_COOKIE) if request is not None else None
    if not token:
        return
    resolved = resolve_cart(user=user, token=token)
    for message in resolved.messages:
        messages.info(request, message.text, fail_silently=True)


def connect_signals() -> None:
    user_logged_in.connect(merge_guest_cart_at_login, dispatch_uid=DISPATCH_UID)
