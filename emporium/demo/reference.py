"""The small, fixed part of the demo: shops, warehouses, categories, brands,
options and attributes. Found by slug or code when present, so a second run
reuses them; shops are opened and approved through the vendors services.
"""

from dataclasses import dataclass, field
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw

from emporium.accounts.models import User
from emporium.catalog.constants import AttributeType
from emporium.catalog.models import (
    Attribute,
    AttributeChoice,
    Brand,
    Category,
    Option,
    OptionValue,
)
from emporium.core.html import sanitize_html
from emporium.demo import data
from emporium.inventory.models import Warehouse
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop
from emporium.vendors.services import create_shop
from emporium.vendors.states import transition_shop


@dataclass
class Reference:
    """Ids the bulk builder needs, loaded once."""

    shops: list[Shop]  # approved, in the order of data.SHOPS
    pending_shop: Shop
    warehouses: dict[int, list[int]]  # shop id -> warehouse ids
    # (root name, child name) -> category id
    categories: dict[tuple[str, str], int]
    brand_ids: list[int]
    option_values: dict[tuple[str, str], int]  # (option code, value) -> id
    attributes: dict[str, int]  # code -> id
    choices: dict[tuple[str, str], int] = field(default_factory=dict)


def _logo(name: str, colour: tuple[int, int, int]) -> ContentFile:
    image = Image.new("RGB", (256, 256), colour)
    initials = "".join(word[0] for word in name.split()[:2]).upper()
    ImageDraw.Draw(image).text(
        (128, 128), initials, fill="white", anchor="mm", font_size=110
    )
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=f"{slugify(name)}.png")


def _ensure_shop(spec: tuple, *, approve: bool) -> Shop:
    name, commission, colour, description = spec
    shop = Shop.objects.filter(slug=slugify(name)).first()
    if shop is not None:
        return shop
    email = f"owner@{slugify(name)}.demo.example"
    owner = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=None
    )
    shop = create_shop(
        name=name,
        owner=owner,
        description=f"<p><strong>{name}</strong>: {description}</p>",
        commission_rate=commission,
        default_currency_code="EUR",
    )
    # No service sets a logo yet; the file is the only thing written here.
    shop.logo.save(f"{shop.slug}.png", _logo(name, colour), save=False)
    shop.save(update_fields=["logo"])
    if approve:
        shop = transition_shop(
            shop_id=shop.pk, to=ShopStatus.APPROVED, actor=None, reason="Demo data"
        )
    return shop


def _ensure_warehouses(shop: Shop) -> list[int]:
    ids = []
    sites = [("main", "Main", "Berlin", "DE"), ("east", "East", "Vienna", "AT")]
    for code, name, city, country in sites:
        warehouse, _ = Warehouse.objects.get_or_create(
            shop=shop,
            code=code,
            defaults={"name": f"{shop.name} {name}", "city": city, "country": country},
        )
        ids.append(warehouse.pk)
    return ids


def _ensure_categories() -> dict[tuple[str, str], int]:
    ids = {}
    for position, (root_name, children) in enumerate(data.CATEGORY_TREE.items()):
        root = Category.objects.filter(slug=slugify(root_name)).first()
        if root is None:
            root = Category.objects.add_root(
                {"name": root_name, "slug": slugify(root_name), "position": position}
            )
        for child_position, child_name in enumerate(children):
            slug = f"{slugify(root_name)}-{slugify(child_name)}"
            child = Category.objects.filter(slug=slug).first()
            if child is None:
                root.refresh_from_db()  # add_child needs the current numchild
                child = Category.objects.add_child(
                    root, {"name": child_name, "slug": slug, "position": child_position}
                )
            ids[(root_name, child_name)] = child.pk
    return ids


def _ensure_options() -> dict[tuple[str, str], int]:
    axes = [
        ("size", "Size", data.SIZES),
        ("shoe_size", "Shoe size", data.SHOE_SIZES),
        ("colour", "Colour", list(data.COLOURS)),
    ]
    ids = {}
    for position, (code, name, values) in enumerate(axes):
        option, _ = Option.objects.get_or_create(
            code=code, defaults={"name": name, "position": position}
        )
        for value_position, value in enumerate(values):
            row, _ = OptionValue.objects.get_or_create(
                option=option, value=value, defaults={"position": value_position}
            )
            ids[(code, value)] = row.pk
    return ids


def _ensure_attributes() -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    materials = sorted({m for p in data.ROOT_PROFILES.values() for m in p["materials"]})
    specs = [
        ("material", "Material", AttributeType.CHOICE, True, materials),
        ("fit", "Fit", AttributeType.CHOICE, True, data.FITS),
        ("waterproof", "Waterproof", AttributeType.BOOL, True, []),
        ("weight_kg", "Weight (kg)", AttributeType.NUMBER, True, []),
        ("care", "Care", AttributeType.TEXT, False, []),
    ]
    attributes, choices = {}, {}
    for position, (code, name, kind, filterable, values) in enumerate(specs):
        attribute, _ = Attribute.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "type": kind,
                "is_filterable": filterable,
                "position": position,
            },
        )
        attributes[code] = attribute.pk
        for value_position, value in enumerate(values):
            choice, _ = AttributeChoice.objects.get_or_create(
                attribute=attribute,
                slug=slugify(value),
                defaults={"value": value, "position": value_position},
            )
            choices[(code, value)] = choice.pk
    return attributes, choices


def ensure_reference() -> Reference:
    """Create (or find) everything products point at; returns their ids."""
    shops = [_ensure_shop(spec, approve=True) for spec in data.SHOPS]
    pending = _ensure_shop(data.PENDING_SHOP, approve=False)
    brand_ids = [
        Brand.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0].pk
        for name in data.BRANDS
    ]
    attributes, choices = _ensure_attributes()
    return Reference(
        shops=shops,
        pending_shop=pending,
        warehouses={s.pk: _ensure_warehouses(s) for s in [*shops, pending]},
        categories=_ensure_categories(),
        brand_ids=brand_ids,
        option_values=_ensure_options(),
        attributes=attributes,
        choices=choices,
    )


def describe(title: str, brand: str, material: str, point: str) -> str:
    """A product's sanitised HTML description."""
    return sanitize_html(
        f"<p>The <strong>{title}</strong> by {brand}. {point}</p>"
        f"<ul><li>Material: {material}</li><li>Ships in 2-3 working days</li></ul>"
    )
