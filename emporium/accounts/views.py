"""STUB: replaced by the storefront account pages."""

from django.http import HttpResponse


def register(request, *args, **kwargs):
    return HttpResponse("register")


def register_done(request, *args, **kwargs):
    return HttpResponse("register_done")


def resend_verification(request, *args, **kwargs):
    return HttpResponse("resend_verification")


def verify_email(request, *args, **kwargs):
    return HttpResponse("verify_email")


def login_view(request, *args, **kwargs):
    return HttpResponse("login_view")


def logout_view(request, *args, **kwargs):
    return HttpResponse("logout_view")


def password_reset(request, *args, **kwargs):
    return HttpResponse("password_reset")


def password_reset_done(request, *args, **kwargs):
    return HttpResponse("password_reset_done")


def password_reset_confirm(request, *args, **kwargs):
    return HttpResponse("password_reset_confirm")


def password_reset_complete(request, *args, **kwargs):
    return HttpResponse("password_reset_complete")


def profile(request, *args, **kwargs):
    return HttpResponse("profile")


def password_change(request, *args, **kwargs):
    return HttpResponse("password_change")


def address_list(request, *args, **kwargs):
    return HttpResponse("address_list")


def address_create(request, *args, **kwargs):
    return HttpResponse("address_create")


def address_update(request, *args, **kwargs):
    return HttpResponse("address_update")


def address_delete(request, *args, **kwargs):
    return HttpResponse("address_delete")
