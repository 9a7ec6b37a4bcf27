"""Writes of accounts. Every edge (API, storefront, admin, commands) uses these."""

from .addresses import create_address, delete_address, update_address
from .authentication import (
    authenticate_user,
    issue_api_tokens,
    revoke_refresh_token,
    revoke_refresh_tokens,
)
from .passwords import change_password, request_password_reset, reset_password
from .profile import update_profile
from .registration import register_user, request_email_verification, verify_email

__all__ = [
    "authenticate_user",
    "change_password",
    "create_address",
    "delete_address",
    "issue_api_tokens",
    "register_user",
    "request_email_verification",
    "request_password_reset",
    "reset_password",
    "revoke_refresh_token",
    "revoke_refresh_tokens",
    "update_address",
    "update_profile",
    "verify_email",
]
