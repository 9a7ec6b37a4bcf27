"""Registration and email verification."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from emporium.accounts import constants, throttling, tokens
from emporium.accounts.errors import EmailAlreadyRegistered, InvalidToken, WeakPassword
from emporium.accounts.models import User, normalize_email
from emporium.accounts.selectors import find_user, find_user_by_email
from emporium.core.events import publish
from emporium.core.http import client_ip


def check_password_strength(password: str, *, user: User | None = None) -> None:
    """Raises WeakPassword with the validators' messages under `password`."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise WeakPassword(
            "Choose a stronger password.", fields={"password": list(exc.messages)}
        ) from exc


def register_user(
    *, email: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create a customer account and send the verification email after commit.

    Raises:
        EmailAlreadyRegistered: an account already uses this email.
        WeakPassword: the password fails the configured validators.
    """
    email = normalize_email(email)
    candidate = User(email=email, first_name=first_name, last_name=last_name)
    check_password_strength(password, user=candidate)
    if User.objects.filter(email=email).exists():
        raise EmailAlreadyRegistered(
            "An account with this email already exists.",
            extra={"field": "email"},
        )
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email,
                password=password,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
            )
            publish(constants.USER_REGISTERED, {"user_id": str(user.pk)})
    except IntegrityError as exc:  # lost a race with a concurrent registration
        raise EmailAlreadyRegistered(
            "An account with this email already exists."
        ) from exc
    return user


def request_email_verification(*, request: HttpRequest, email: str) -> None:
    """Send a fresh verification link if an active, unverified account has
    this email. Answers the same either way, so it reveals no account.

    Every request counts towards the per-address and per-account limits,
    so the link cannot be used to flood someone's inbox.

    Raises:
        RateLimited: too many requests recently.
    """
    subject = throttling.Subject(
        scope="verification", ip=client_ip(request), account=normalize_email(email)
    )
    throttling.check(subject)
    throttling.record_failure(subject)
    user = find_user_by_email(email)
    if user is None or not user.is_active or user.is_email_verified:
        return
    with transaction.atomic():
        publish(constants.EMAIL_VERIFICATION_REQUESTED, {"user_id": str(user.pk)})


def verify_email(*, token: str) -> User:
    """Mark the account's email verified. Idempotent for a valid token.

    Raises:
        InvalidToken: tampered token, unknown user, or the email has changed.
        TokenExpired: the link is older than ACCOUNTS_VERIFICATION_MAX_AGE.
    """
    user_id, email = tokens.read_verification_token(token)
    with transaction.atomic():
        user = find_user(user_id)
        if user is None or user.email != email:
            raise InvalidToken("This verification link is not valid.")
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_email_verified:
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
            publish(constants.EMAIL_VERIFIED, {"user_id": str(user.pk)})
    return user
