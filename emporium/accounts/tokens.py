"""Signed, expiring tokens for email verification and password reset.

Verification tokens sign the user id *and* email, so changing the email
invalidates older links. Reset tokens are Django's: they die once the
password changes or the user logs in.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from emporium.accounts.errors import InvalidToken, TokenExpired
from emporium.accounts.models import User

VERIFY_SALT = "emporium.accounts.verify-email"


def make_verification_token(user: User) -> str:
    return signing.dumps({"u": str(user.pk), "e": user.email}, salt=VERIFY_SALT)


def read_verification_token(token: str) -> tuple[str, str]:
    """Return (user_id, email). Raises InvalidToken or TokenExpired."""
    try:
        data = signing.loads(
            token, salt=VERIFY_SALT, max_age=settings.ACCOUNTS_VERIFICATION_MAX_AGE
        )
    except signing.SignatureExpired as exc:
        raise TokenExpired(
            "This verification link has expired; ask for a new one."
        ) from exc
    except signing.BadSignature as exc:
        raise InvalidToken("This verification link is not valid.") from exc
    return data["u"], data["e"]


def make_password_reset_token(user: User) -> tuple[str, str]:
    """Return (uid, token) for a reset link."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return uid, default_token_generator.make_token(user)


def decode_reset_uid(uid: str) -> str | None:
    try:
        return force_str(urlsafe_base64_decode(uid))
    except (ValueError, TypeError, UnicodeDecodeError):
        return None


def check_password_reset_token(user: User, token: str) -> bool:
    return default_token_generator.check_token(user, token)
