"""Read the links our account emails carry, as a person would click them."""

import re

from django.core.mail import EmailMessage


def _groups(mail: EmailMessage, pattern: str) -> tuple[str, ...]:
    match = re.search(pattern, mail.body)
    assert match, f"no link matching {pattern!r} in:\n{mail.body}"
    return match.groups()


def verification_token(mail: EmailMessage) -> str:
    """The token: last path segment of the /account/verify/<token>/ link."""
    return _groups(mail, r"/account/verify/([^/\s]+)/")[0]


def reset_uid_and_token(mail: EmailMessage) -> tuple[str, str]:
    """uid and token of the /account/password-reset/<uid>/<token>/ link."""
    uid, token = _groups(mail, r"/account/password-reset/([^/\s]+)/([^/\s]+)/")
    return uid, token
