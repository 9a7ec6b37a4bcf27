"""Storefront pages of shops: applying to open one (/sell/), following and
resubmitting one's application (/sell/<slug>/), and joining a shop's team
from an emailed invitation (/vendor/invitations/<token>/).

Thin edges: each validates a form, calls one service or selector, renders.
A service's `DomainError` shows on the form (or the page, with its status).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from emporium.core.errors import DomainError
from emporium.vendors import selectors, services
from emporium.vendors.constants import DEFAULT_COMMISSION_RATE, ShopStatus
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.forms import ShopApplicationForm

get_and_post = require_http_methods(["GET", "POST"])


def _application_form(request: HttpRequest, **kwargs) -> ShopApplicationForm:
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    return ShopApplicationForm(*data, commission_rate=DEFAULT_COMMISSION_RATE, **kwargs)


@never_cache
@login_required
@get_and_post
def apply(request: HttpRequest) -> HttpResponse:
    """/sell/: the application form, and the user's shops with their status."""
    form = _application_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            shop = services.apply_for_shop(
                user=request.user,
                profile=services.ShopProfile(**form.profile_changes()),
                accepts_commission=form.cleaned_data["accept_commission"],
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(
                request, f"Thank you: we received your application for {shop.name}."
            )
            return redirect("vendors:application", shop.slug)
    context = {
        "form": form,
        "applications": selectors.list_shop_applications(user=request.user),
        "commission_rate": DEFAULT_COMMISSION_RATE,
    }
    return render(request, "vendors/apply.html", context)


@never_cache
@login_required
@get_and_post
def application(request: HttpRequest, slug: str) -> HttpResponse:
    """/sell/<slug>/: one of the user's shops; a rejected one can be changed
    and sent again."""
    try:
        shop = selectors.get_shop_application(user=request.user, slug=slug)
    except ShopNotFound as exc:
        raise Http404(exc.message) from exc
    can_resubmit = shop.status == ShopStatus.REJECTED
    form = None
    if can_resubmit:
        form = _application_form(request, initial=_initial(shop))
        if request.method == "POST" and form.is_valid():
            try:
                services.resubmit_shop_application(
                    shop_id=shop.pk,
                    user=request.user,
                    profile=services.ShopProfile(**form.profile_changes()),
                    accepts_commission=form.cleaned_data["accept_commission"],
                )
            except DomainError as exc:
                form.add_domain_error(exc)
            else:
                messages.success(request, "Your application is back with our team.")
                return redirect("vendors:application", shop.slug)
    elif request.method == "POST":
        return redirect("vendors:application", shop.slug)
    context = {"shop": shop, "form": form, "commission_rate": shop.commission_rate}
    return render(request, "vendors/application.html", context)


def _initial(shop) -> dict:
    fields = ("name", "description", "contact_email", "contact_phone")
    return {field: getattr(shop, field) for field in fields} | {"logo": shop.logo}


@never_cache
@get_and_post
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """/vendor/invitations/<token>/: see the invitation, then join on POST."""
    if not request.user.is_authenticated:
        query = urlencode({"next": request.path})
        return redirect(f"{reverse('accounts:login')}?{query}")
    try:
        if request.method == "POST":
            member = services.accept_shop_invitation(token=token, user=request.user)
            messages.success(request, f"Welcome to the team of {member.shop.name}.")
            query = urlencode({"shop": member.shop.slug})
            return redirect(f"{reverse('dashboard:home')}?{query}")
        found = services.check_shop_invitation(token=token, user=request.user)
    except DomainError as exc:
        context = {"error": exc}
        return render(
            request, "vendors/invitation.html", context, status=exc.status_code
        )
    return render(request, "vendors/invitation.html", {"invitation": found})
