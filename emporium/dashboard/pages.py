"""Rendering a dashboard page: the shop, the user's other shops and the menu
go into every template's context."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from emporium.dashboard.navigation import menu
from emporium.vendors.selectors import list_member_shops


def render_dashboard(
    request: HttpRequest,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    status: int = 200,
) -> HttpResponse:
    shop = request.vendor_shop
    base = {
        "vendor_shop": shop,
        "vendor_membership": request.vendor_membership,
        "vendor_shops": list(list_member_shops(user=request.user)),
        "vendor_menu": menu(),
        "vendor_section": request.resolver_match.url_name
        if request.resolver_match
        else "",
    }
    return render(request, template, {**base, **(context or {})}, status=status)
