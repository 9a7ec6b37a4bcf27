"""Storefront account pages under /account/: thin edges over the services.

Each view validates a form, calls one service or selector and renders or
redirects. A `DomainError` from a service is shown on the form; a
`RateLimited` one answers 429 with Retry-After; `AddressNotFound` is a 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import TemplateView

from emporium.accounts import selectors, services
from emporium.accounts.errors import AddressNotFound, InvalidToken, TokenExpired
from emporium.accounts.forms import (
    AddressForm,
    EmailForm,
    LoginForm,
    PasswordChangeForm,
    ProfileForm,
    RegisterForm,
    SetPasswordForm,
)
from emporium.core.errors import DomainError, RateLimited

# Like Django's PasswordResetConfirmView: the reset token moves from the URL
# into the session, so the form page never leaks it in a Referer header.
RESET_SESSION_KEY = "_password_reset_token"
RESET_URL_TOKEN = "set-password"  # noqa: S105

get_and_post = require_http_methods(["GET", "POST"])


def _render_form(
    request: HttpRequest, template: str, form, error: DomainError | None = None, **ctx
) -> HttpResponse:
    """Render a form page; show a service's error on it, 429 when rate limited."""
    if error is not None:
        form.add_domain_error(error)
    response = render(request, template, {"form": form, "error": error, **ctx})
    if isinstance(error, RateLimited):
        response.status_code = 429
        response["Retry-After"] = str(error.retry_after)
    return response


def _safe_next_url(request: HttpRequest) -> str:
    """The `next` parameter when it points at this site, else ""."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    is_safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if is_safe else ""


# --- Registration and verification -------------------------------------------


@sensitive_post_parameters("password", "password_confirm")
@get_and_post
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.register_user(
                email=data["email"],
                password=data["password"],
                first_name=data["first_name"],
                last_name=data["last_name"],
            )
        except DomainError as exc:
            return _render_form(request, "accounts/register.html", form, exc)
        return redirect("accounts:register-done")
    return _render_form(request, "accounts/register.html", form)


register_done = TemplateView.as_view(template_name="accounts/register_done.html")


@require_GET
def verify_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        user = services.verify_email(token=token)
    except (InvalidToken, TokenExpired) as exc:
        context = {"error": exc, "form": EmailForm()}
        return render(request, "accounts/verify_failed.html", context, status=400)
    return render(request, "accounts/verify_done.html", {"verified_user": user})


@get_and_post
def resend_verification(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_email_verification(
                request=request, email=form.cleaned_data["email"]
            )
        except DomainError as exc:
            return _render_form(request, "accounts/resend_verification.html", form, exc)
        # The same answer for every address, so it reveals no account.
        messages.success(
            request,
            "If an unverified account uses that address, we have sent it a new "
            "verification link. Please check your inbox.",
        )
        return redirect(_safe_next_url(request) or "accounts:resend-verification")
    return _render_form(request, "accounts/resend_verification.html", form)


# --- Log in and out ----------------------------------------------------------


@sensitive_post_parameters("password")
@never_cache
@get_and_post
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = _safe_next_url(request)
    if request.method == "GET" and request.user.is_authenticated:
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.authenticate_user(request=request, **form.cleaned_data)
        except DomainError as exc:
            return _render_form(
                request, "accounts/login.html", form, exc, next=next_url
            )
        auth_login(request, user)
        return redirect(next_url or settings.LOGIN_REDIRECT_URL)
    return _render_form(request, "accounts/login.html", form, next=next_url)


@get_and_post
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        if not request.user.is_authenticated:
            return redirect(settings.LOGOUT_REDIRECT_URL)
        return render(request, "accounts/logout_confirm.html")
    auth_logout(request)
    messages.info(request, "You have signed out.")
    return redirect(settings.LOGOUT_REDIRECT_URL)


# --- Password reset ----------------------------------------------------------


@get_and_post
def password_reset(request: HttpRequest) -> HttpResponse:
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_password_reset(
                request=request, email=form.cleaned_data["email"]
            )
        except DomainError as exc:
            return _render_form(request, "accounts/password_reset.html", form, exc)
        return redirect("accounts:password-reset-done")
    return _render_form(request, "accounts/password_reset.html", form)


password_reset_done = TemplateView.as_view(
    template_name="accounts/password_reset_done.html"
)
password_reset_complete = TemplateView.as_view(
    template_name="accounts/password_reset_complete.html"
)


def _reset_link_is_valid(uidb64: str, token: str) -> bool:
    return selectors.find_user_for_password_reset(uid=uidb64, token=token) is not None


def _reset_link_invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_invalid.html", status=400)


def _move_reset_token_to_session(
    request: HttpRequest, uidb64: str, token: str
) -> HttpResponse:
    if not _reset_link_is_valid(uidb64, token):
        return _reset_link_invalid(request)
    request.session[RESET_SESSION_KEY] = token
    return redirect(
        "accounts:password-reset-confirm", uidb64=uidb64, token=RESET_URL_TOKEN
    )


@sensitive_post_parameters("new_password", "new_password_confirm")
@never_cache
@get_and_post
def password_reset_confirm(
    request: HttpRequest, uidb64: str, token: str
) -> HttpResponse:
    if token != RESET_URL_TOKEN:
        return _move_reset_token_to_session(request, uidb64, token)
    session_token = request.session.get(RESET_SESSION_KEY, "")
    if not _reset_link_is_valid(uidb64, session_token):
        return _reset_link_invalid(request)
    form = SetPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reset_password(
                uid=uidb64,
                token=session_token,
                new_password=form.cleaned_data["new_password"],
            )
        except DomainError as exc:
            return _render_form(
                request, "accounts/password_reset_confirm.html", form, exc
            )
        del request.session[RESET_SESSION_KEY]
        return redirect("accounts:password-reset-complete")
    return _render_form(request, "accounts/password_reset_confirm.html", form)


# --- Profile and password ----------------------------------------------------


@login_required
@get_and_post
def profile(request: HttpRequest) -> HttpResponse:
    initial = {name: getattr(request.user, name) for name in ProfileForm.base_fields}
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            return _render_form(request, "accounts/profile.html", form, exc)
        messages.success(request, "Your details have been saved.")
        return redirect("accounts:profile")
    return _render_form(request, "accounts/profile.html", form)


@sensitive_post_parameters()
@login_required
@get_and_post
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.change_password(
                user=request.user, new_password=form.cleaned_data["new_password"]
            )
        except DomainError as exc:
            return _render_form(request, "accounts/password_change.html", form, exc)
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed.")
        return redirect("accounts:profile")
    return _render_form(request, "accounts/password_change.html", form)


# --- Address book ------------------------------------------------------------


@login_required
@require_GET
def address_list(request: HttpRequest) -> HttpResponse:
    addresses = selectors.list_addresses(user=request.user)
    return render(request, "accounts/address_list.html", {"addresses": addresses})


@login_required
@get_and_post
def address_create(request: HttpRequest) -> HttpResponse:
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_address(user=request.user, data=form.cleaned_data)
        except DomainError as exc:
            return _render_form(request, "accounts/address_form.html", form, exc)
        messages.success(request, "The address has been added.")
        return redirect("accounts:address-list")
    return _render_form(request, "accounts/address_form.html", form)


def _address_or_404(request: HttpRequest, pk: int):
    try:
        return selectors.get_address(user=request.user, address_id=pk)
    except AddressNotFound as exc:  # another user's address: ids reveal nothing
        raise Http404(exc.message) from exc


@login_required
@get_and_post
def address_update(request: HttpRequest, pk: int) -> HttpResponse:
    form = AddressForm(request.POST or None, instance=_address_or_404(request, pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_address(
                user=request.user, address_id=pk, data=form.cleaned_data
            )
        except DomainError as exc:
            return _render_form(request, "accounts/address_form.html", form, exc)
        messages.success(request, "The address has been updated.")
        return redirect("accounts:address-list")
    return _render_form(request, "accounts/address_form.html", form)


@login_required
@get_and_post
def address_delete(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "GET":
        address = _address_or_404(request, pk)
        return render(request, "accounts/address_delete.html", {"address": address})
    try:
        services.delete_address(user=request.user, address_id=pk)
    except AddressNotFound as exc:
        raise Http404(exc.message) from exc
    messages.success(request, "The address has been deleted.")
    return redirect("accounts:address-list")
