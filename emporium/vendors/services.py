"""Writes of shops: opening one, its people, editing its profile.

Status changes live in `states.py` (`transition_shop`).
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.text import slugify

from emporium.accounts.models import User
from emporium.core.errors import InvalidInput
from emporium.core.events import publish
from emporium.core.html import sanitize_html
from emporium.core.money import check_currency, default_currency
from emporium.vendors.constants import (
    DEFAULT_COMMISSION_RATE,
    MAX_COMMISSION_RATE,
    MIN_COMMISSION_RATE,
    SHOP_CREATED,
    ShopMemberRole,
    ShopStatus,
)
from emporium.vendors.errors import ShopNotFound
from emporium.vendors.models import Shop, ShopMember


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
    """Open a shop application; it starts `pending` until staff approve it.

    The owner (if any) becomes the shop's first member, role owner.

    Publishes `shop.created` after commit.

    Raises:
        InvalidInput: commission outside 0-100 (`invalid_commission_rate`).
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
            publish(SHOP_CREATED, {"shop_id": shop.pk})
    except IntegrityError as exc:  # a concurrent shop took the slug
        raise InvalidInput(
            "A shop with this name already exists.", code="shop_name_taken"
        ) from exc
    return shop


def update_shop_profile(
    *, shop_id: int, name: str | None = None, description: str | None = None
) -> Shop:
    """Change a shop's public profile; the description is sanitised.

    Raises:
        ShopNotFound: no shop with this id.
    """
    shop = Shop.objects.filter(pk=shop_id).first()
    if shop is None:
        raise ShopNotFound("Shop not found.")
    fields = ["updated_at"]
    if name is not None:
        shop.name = name.strip()
        fields.append("name")
    if description is not None:
        shop.description = sanitize_html(description)
        fields.append("description")
    shop.save(update_fields=fields)
    return shop


def add_shop_member(
    *, shop_id: int, user: User, role: ShopMemberRole | str = ShopMemberRole.STAFF
) -> ShopMember:
    """Give `user` a role in the shop; a second call changes nothing.

    Returns the membership (the existing one when the user already has one,
    whatever its role).

    Raises:
        ShopNotFound: no shop with this id.
    """
    if not Shop.objects.filter(pk=shop_id).exists():
        raise ShopNotFound("Shop not found.")
    member, _ = ShopMember.objects.get_or_create(
        shop_id=shop_id, user=user, defaults={"role": ShopMemberRole(role)}
    )
    return member
