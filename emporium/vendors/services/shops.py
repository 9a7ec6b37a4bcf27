"""Opening shops: staff-made shops, applications, resubmissions, and the
public profile (description, logo, contact, policies, social links).

Status changes go through `states.transition_shop`; staff decisions through
`services.decisions`.
"""

from dataclasses import dataclass, fields
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from emporium.accounts.errors import EmailNotVerified
from emporium.accounts.models import User, normalize_email
from emporium.core.errors import InvalidInput
from emporium.core.events import publish
from emporium.core.html import sanitize_html
from emporium.core.money import check_currency, default_currency
from emporium.vendors.constants import (
    DEFAULT_COMMISSION_RATE,
    MAX_COMMISSION_RATE,
    MAX_DESCRIPTION_LENGTH,
    MAX_POLICY_LENGTH,
    MAX_URL_LENGTH,
    MIN_COMMISSION_RATE,
    SHOP_APPLICATION_SUBMITTED,
    SHOP_CREATED,
    SHOP_PROFILE_UPDATED,
    SOCIAL_NETWORKS,
    ShopMemberRole,
    ShopStatus,
)
from emporium.vendors.errors import (
    ApplicationPending,
    CommissionNotAccepted,
    InvalidShopProfile,
    ShopNameLocked,
    ShopNotFound,
)
from emporium.vendors.images import check_logo_upload
from emporium.vendors.models import Shop, ShopMember
from emporium.vendors.selectors import forget_runs_a_shop
from emporium.vendors.states import transition_shop

# The name staff approved stays: a renamed approved shop could pose as
# another brand. Staff may still rename it in the admin.
NAME_EDITABLE = frozenset({ShopStatus.PENDING, ShopStatus.REJECTED})
_http_url = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True, kw_only=True)
class ShopProfile:
    """What an applicant or owner writes about the shop; `None` leaves a
    field as it is (for edits), `remove_logo` drops the current logo."""

    name: str | None = None
    description: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    returns_policy: str | None = None
    shipping_policy: str | None = None
    social_links: dict[str, str] | None = None
    logo: File | None = None
    remove_logo: bool = False

    def given(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("logo", "remove_logo")
            and getattr(self, f.name) is not None
        }


def _unique_slug(name: str) -> str:
    base = slugify(name)[:150] or "shop"
    slug, n = base, 1
    while Shop.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _check_commission(rate: Decimal) -> Decimal:
    if not MIN_COMMISSION_RATE <= rate <= MAX_COMMISSION_RATE:
        raise InvalidInput(
            "Commission must be between 0 and 100 percent.",
            code="invalid_commission_rate",
            fields={"commission_rate": ["Must be between 0 and 100."]},
        )
    return rate


def create_shop(
    *,
    name: str,
    owner: User | None,
    description: str = "",
    commission_rate: Decimal = DEFAULT_COMMISSION_RATE,
    default_currency_code: str | None = None,
    prices_include_tax: bool = True,
) -> Shop:
    """Open a shop; it starts `pending` until staff approve it.

    The owner (if any) becomes the shop's first member, role owner. For
    staff and data loads; buyers apply with `apply_for_shop`.

    Publishes `shop.created` after commit.

    Raises:
        InvalidInput: commission outside 0-100 (`invalid_commission_rate`),
            a name another shop has (`shop_name_taken`).
        InvalidCurrency: an unknown currency code.
    """
    currency = check_currency(default_currency_code or default_currency())
    _check_commission(commission_rate)
    try:
        with transaction.atomic():
            shop = Shop.objects.create(
                name=name.strip(),
                slug=_unique_slug(name),
                owner=owner,
                status=ShopStatus.PENDING,
                description=sanitize_html(description),
                commission_rate=commission_rate,
                default_currency=currency,
                prices_include_tax=prices_include_tax,
            )
            if owner is not None:
                ShopMember.objects.create(
                    shop=shop, user=owner, role=ShopMemberRole.OWNER
                )
                transaction.on_commit(partial(forget_runs_a_shop, owner.pk))
            publish(SHOP_CREATED, {"shop_id": shop.pk})
    except IntegrityError as exc:  # a concurrent shop took the slug
        raise InvalidInput(
            "A shop with this name already exists.", code="shop_name_taken"
        ) from exc
    return shop


# --- Applications -----------------------------------------------------------------


def _check_applicant(user: User, accepts_commission: bool) -> None:
    if not user.is_email_verified:
        raise EmailNotVerified(
            "Please verify your email address before applying to open a shop."
        )
    if not accepts_commission:
        raise CommissionNotAccepted(
            "Please accept the platform's commission to apply.",
            fields={"accept_commission": ["You must accept the commission."]},
        )


def _lock_applicant(user: User, *, resubmitted: Shop | None = None) -> None:
    # One application at a time per user: concurrent ones queue on the
    # user's row, so the second sees the first as pending.
    User.objects.select_for_update().filter(pk=user.pk).first()
    pending = Shop.objects.filter(owner=user, status=ShopStatus.PENDING)
    if resubmitted is not None:  # its own status is the transition's to check
        pending = pending.exclude(pk=resubmitted.pk)
    pending = pending.first()
    if pending is not None:
        raise ApplicationPending(
            f"Your application for {pending.name!r} is still waiting for a "
            "decision; you may apply again once it is decided.",
            extra={"shop": pending.slug},
        )


def apply_for_shop(
    *, user: User, profile: ShopProfile, accepts_commission: bool
) -> Shop:
    """Apply to open a shop; the user becomes its owner, staff decide next.

    The shop starts `pending` at the platform's commission rate, which the
    applicant accepted. Publishes `shop.created` and
    `shop.application_submitted` (the "application received" email).

    Raises:
        EmailNotVerified: the user has not verified their email (403).
        CommissionNotAccepted: the commission was not accepted (400).
        ApplicationPending: the user waits for a decision already (409).
        InvalidShopProfile, InvalidLogo: see `update_shop_profile`.
        InvalidInput: another shop has this name (`shop_name_taken`).
    """
    _check_applicant(user, accepts_commission)
    name = _clean_name(profile.name)
    with transaction.atomic():
        _lock_applicant(user)
        shop = create_shop(name=name, owner=user)
        _apply_profile(shop, profile, name_editable=True)
        shop.commission_accepted_at = timezone.now()
        shop.save()
        publish(SHOP_APPLICATION_SUBMITTED, {"shop_id": shop.pk, "resubmitted": False})
    return shop


def resubmit_shop_application(
    *, shop_id: int, user: User, profile: ShopProfile, accepts_commission: bool
) -> Shop:
    """Send a rejected shop back to staff, with the owner's changes.

    Runs `transition_shop` (rejected -> pending), then publishes
    `shop.application_submitted` with `resubmitted: true`.

    Raises:
        ShopNotFound: not a shop the user owns.
        InvalidTransition: the shop is not rejected (409).
        and the errors of `apply_for_shop`.
    """
    _check_applicant(user, accepts_commission)
    with transaction.atomic():
        shop = _owned_shop(shop_id, user)
        _lock_applicant(user, resubmitted=shop)
        shop = transition_shop(
            shop_id=shop.pk, to=ShopStatus.PENDING, actor=user, reason="Resubmitted"
        )
        _apply_profile(shop, profile, name_editable=True)
        shop.commission_accepted_at = timezone.now()
        shop.save()
        publish(SHOP_APPLICATION_SUBMITTED, {"shop_id": shop.pk, "resubmitted": True})
    return shop


def _owned_shop(shop_id: int, user: User) -> Shop:
    shop = (
        Shop.objects.select_for_update()
        .filter(pk=shop_id, members__user=user, members__role=ShopMemberRole.OWNER)
        .first()
    )
    if shop is None:
        raise ShopNotFound("Shop not found.")
    return shop


# --- Profile --------------------------------------------------------------------


def update_shop_profile(*, shop_id: int, profile: ShopProfile) -> Shop:
    """Change a shop's public profile (the fields given in `profile`).

    The description is sanitised HTML, policies plain text, social links
    http(s) URLs of known networks, the logo a checked image. The name may
    change only before approval (`NAME_EDITABLE`). Publishes
    `shop.profile_updated` with the changed fields.

    Raises:
        ShopNotFound: no shop with this id.
        ShopNameLocked: a new name for an approved or suspended shop (409).
        InvalidShopProfile: a field breaks a rule (400, names the field).
        InvalidLogo: the logo is not an acceptable image (400).
    """
    with transaction.atomic():
        shop = Shop.objects.select_for_update().filter(pk=shop_id).first()
        if shop is None:
            raise ShopNotFound("Shop not found.")
        changed = _apply_profile(
            shop, profile, name_editable=shop.status in NAME_EDITABLE
        )
        if changed:
            shop.save(update_fields=[*changed, "updated_at"])
            publish(SHOP_PROFILE_UPDATED, {"shop_id": shop.pk, "fields": changed})
    return shop


def _apply_profile(shop: Shop, profile: ShopProfile, *, name_editable: bool) -> list:
    """Set the given profile fields on `shop` (unsaved); return their names."""
    cleaners = {
        "name": _clean_name,
        "description": _clean_description,
        "contact_email": _clean_contact_email,
        "contact_phone": lambda value: value.strip()[:32],
        "returns_policy": lambda value: _clean_policy(value, "returns_policy"),
        "shipping_policy": lambda value: _clean_policy(value, "shipping_policy"),
        "social_links": clean_social_links,
    }
    changed = []
    for name, value in profile.given().items():
        value = cleaners[name](value)
        if name == "name" and value != shop.name and not name_editable:
            raise ShopNameLocked(
                "An approved shop keeps its name; ask the platform's staff to "
                "rename it.",
                extra={"field": "name"},
            )
        if getattr(shop, name) != value:
            setattr(shop, name, value)
            changed.append(name)
    if profile.logo is not None:
        extension = check_logo_upload(profile.logo)
        shop.logo.save(f"{shop.slug}.{extension}", profile.logo, save=False)
        changed.append("logo")
    elif profile.remove_logo and shop.logo:
        shop.logo = ""
        changed.append("logo")
    return changed


def _invalid(field: str, message: str) -> InvalidShopProfile:
    return InvalidShopProfile(message, fields={field: [message]})


def _clean_name(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise _invalid("name", "Give the shop a name.")
    if len(name) > 150:
        raise _invalid("name", "A shop name has at most 150 characters.")
    return name


def _clean_description(html: str) -> str:
    if len(html) > MAX_DESCRIPTION_LENGTH:
        raise _invalid(
            "description",
            f"The description has at most {MAX_DESCRIPTION_LENGTH} characters.",
        )
    return sanitize_html(html)


def _clean_contact_email(email: str) -> str:
    email = normalize_email(email)
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise _invalid("contact_email", "Enter a valid email address.") from exc
    return email


def _clean_policy(text: str, field: str) -> str:
    text = text.strip()
    if len(text) > MAX_POLICY_LENGTH:
        raise _invalid(field, f"A policy has at most {MAX_POLICY_LENGTH} characters.")
    return text


def clean_social_links(links: dict[str, str]) -> dict[str, str]:
    """The links kept: known networks only, each an http(s) URL; empty
    values are dropped.

    Raises:
        InvalidShopProfile: an unknown network or a value that is no URL.
    """
    cleaned = {}
    for network, url in links.items():
        if network not in SOCIAL_NETWORKS:
            raise _invalid(
                "social_links",
                f"Unknown network {network!r}; use one of "
                f"{', '.join(SOCIAL_NETWORKS)}.",
            )
        url = (url or "").strip()
        if not url:
            continue
        try:
            if len(url) > MAX_URL_LENGTH:
                raise ValidationError("too long")
            _http_url(url)
        except ValidationError as exc:
            raise _invalid(
                "social_links",
                f"The {network} link must be an http(s) URL of at most "
                f"{MAX_URL_LENGTH} characters.",
            ) from exc
        cleaned[network] = url
    return {
        network: cleaned[network] for network in SOCIAL_NETWORKS if network in cleaned
    }
