"""The test provider's confirmation page (its stand-in for 3-D Secure).

Opened through the signed link the test provider gives as `next_action`;
a bad, expired or foreign link, or the provider switched off, is a 404.
"Complete authentication" pays the order, "Fail authentication" fails the
payment; then the buyer goes back to `return_url` (if it is on this
site) or to the order page.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from emporium.orders.access import order_access_url
from emporium.payments.constants import PROVIDER_TEST
from emporium.payments.errors import PaymentNotFound
from emporium.payments.models import Payment
from emporium.payments.providers.test import read_confirm_token
from emporium.payments.selectors import get_payment
from emporium.payments.services import confirm_payment

OUTCOMES = ("complete", "fail")


def _payment_for(request: HttpRequest, payment_id: int) -> Payment:
    if not settings.PAYMENTS_TEST_PROVIDER_ENABLED:
        raise Http404("Payment not found.")
    try:
        if read_confirm_token(request.GET.get("token", "")) != payment_id:
            raise PaymentNotFound("Payment not found.")
        payment = get_payment(payment_id=payment_id)
    except PaymentNotFound as exc:
        raise Http404(exc.message) from exc
    if payment.provider != PROVIDER_TEST:
        raise Http404("Payment not found.")
    return payment


def _next_url(request: HttpRequest, payment: Payment) -> str:
    back = payment.return_url
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    order = payment.order
    if order.customer_id and order.customer_id == request.user.pk:
        return reverse("orders:detail", args=[order.number])
    return order_access_url(order)


@never_cache
@require_http_methods(["GET", "POST"])
def test_confirm(request: HttpRequest, payment_id: int) -> HttpResponse:
    payment = _payment_for(request, payment_id)
    if request.method == "POST" and request.POST.get("outcome") in OUTCOMES:
        actor = request.user if request.user.is_authenticated else None
        confirm_payment(
            payment_id=payment.pk,
            params={"outcome": request.POST["outcome"]},
            actor=actor,
        )
        return redirect(_next_url(request, payment))
    response = render(request, "payments/test_confirm.html", {"payment": payment})
    # The link is the key: never send it to another site. Not "no-referrer":
    # browsers then post the form with `Origin: null`, which CSRF refuses.
    response["Referrer-Policy"] = "same-origin"
    return response
