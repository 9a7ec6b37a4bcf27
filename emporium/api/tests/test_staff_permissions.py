"""Only staff may use the staff API: every route and method refuses others
(401 anonymous, 403 signed in without staff rights) and changes nothing."""

from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.models import User
from emporium.accounts.tests.factories import UserFactory
from emporium.catalog.constants import AttributeType
from emporium.catalog.models import (
    Attribute,
    AttributeValue,
    Offer,
    Option,
    OptionValue,
    Product,
    ProductVariant,
)
from emporium.catalog.tests.factories import (
    OfferFactory,
    ProductFactory,
    VariantFactory,
)
from emporium.core.models import OutboxEvent
from emporium.inventory.models import Stock, StockMovement
from emporium.inventory.tests.factories import StockFactory, WarehouseFactory
from emporium.reviews.models import Review
from emporium.reviews.services import create_review, hide_review
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import Shop, ShopStatusEvent
from emporium.vendors.tests.factories import ShopFactory

pytestmark = pytest.mark.django_db

STAFF = "/api/v1/staff"
HTTP_METHODS = {"get", "put", "post", "delete", "patch"}
ROUTES = {
    "/api/v1/staff/products/": {"get", "post"},
    "/api/v1/staff/products/{id}/": {"get", "patch", "delete"},
    "/api/v1/staff/products/{id}/attributes/": {"put"},
    "/api/v1/staff/products/{id}/variants/": {"post"},
    "/api/v1/staff/variants/{id}/": {"get", "patch", "delete"},
    "/api/v1/staff/offers/": {"post"},
    "/api/v1/staff/offers/{id}/": {"get", "patch"},
    "/api/v1/staff/stock/": {"get", "post"},
    "/api/v1/staff/stock/{id}/": {"get", "patch"},
    "/api/v1/staff/stock/{id}/adjustments/": {"post"},
    "/api/v1/staff/warehouses/": {"get"},
    "/api/v1/staff/shops/": {"get"},
    "/api/v1/staff/shops/{slug}/": {"get"},
    "/api/v1/staff/shops/{slug}/approve/": {"post"},
    "/api/v1/staff/shops/{slug}/reject/": {"post"},
    "/api/v1/staff/shops/{slug}/suspend/": {"post"},
    "/api/v1/staff/reviews/": {"get"},
    "/api/v1/staff/reviews/{id}/hide/": {"post"},
    "/api/v1/staff/reviews/{id}/publish/": {"post"},
}


def client_for(user: User) -> APIClient:
    client = APIClient()
    token = RefreshToken.for_user(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def staff_client() -> APIClient:
    return client_for(UserFactory(is_staff=True))


@dataclass
class World:
    """A product with an offer in stock, and what a write may refer to."""

    product: Product
    variant: ProductVariant
    spare_variant: ProductVariant
    offer: Offer
    stock: Stock
    spare_warehouse_id: int
    pending_shop_slug: str  # staff may approve or reject it
    review_id: int  # published: staff may hide it
    hidden_review_id: int  # hidden: staff may publish it


@pytest.fixture
def world() -> World:
    product = ProductFactory()
    variant = VariantFactory(product=product, is_default=True)
    offer = OfferFactory(variant=variant)
    stock = StockFactory(offer=offer, quantity_on_hand=10)
    Option.objects.create(code="size", name="Size")
    Attribute.objects.create(code="material", name="Material", type=AttributeType.TEXT)
    return World(
        product=product,
        variant=variant,
        spare_variant=VariantFactory(product=product, name="Spare"),
        offer=offer,
        stock=stock,
        spare_warehouse_id=WarehouseFactory(shop=product.shop).pk,
        pending_shop_slug=ShopFactory(status=ShopStatus.PENDING).slug,
        review_id=create_review(
            author=UserFactory(), product_id=product.pk, rating=4
        ).pk,
        hidden_review_id=hide_review(
            review_id=create_review(
                author=UserFactory(), shop_id=product.shop_id, rating=2
            ).pk,
            actor=None,
        ).pk,
    )


def request_for(route: str, method: str, w: World) -> tuple[str, dict | None]:
    """A valid call of each route and method (staff would succeed with it)."""
    p, v, o, st = w.product.pk, w.variant.pk, w.offer.pk, w.stock.pk
    shop, category = w.product.shop_id, w.product.category_id
    calls = {
        ("/products/", "get"): ("/products/", None),
        ("/products/", "post"): (
            "/products/",
            {"shop": shop, "title": "New thing", "category": category},
        ),
        ("/products/{id}/", "get"): (f"/products/{p}/", None),
        ("/products/{id}/", "patch"): (f"/products/{p}/", {"title": "Renamed"}),
        ("/products/{id}/", "delete"): (f"/products/{p}/", None),
        ("/products/{id}/attributes/", "put"): (
            f"/products/{p}/attributes/",
            {"attributes": [{"code": "material", "value": "Wool"}]},
        ),
        ("/products/{id}/variants/", "post"): (
            f"/products/{p}/variants/",
            {"options": {"size": "M"}},
        ),
        ("/variants/{id}/", "get"): (f"/variants/{v}/", None),
        ("/variants/{id}/", "patch"): (f"/variants/{v}/", {"name": "Large"}),
        ("/variants/{id}/", "delete"): (f"/variants/{v}/", None),
        ("/offers/", "post"): (
            "/offers/",
            {
                "variant": w.spare_variant.pk,
                "shop": shop,
                "sku": "NEW-1",
                "price": "9.99",
                "currency": "EUR",
            },
        ),
        ("/offers/{id}/", "get"): (f"/offers/{o}/", None),
        ("/offers/{id}/", "patch"): (f"/offers/{o}/", {"price": "5.00"}),
        ("/stock/", "get"): ("/stock/", None),
        ("/stock/", "post"): (
            "/stock/",
            {"offer": o, "warehouse": w.spare_warehouse_id, "quantity": 3},
        ),
        ("/stock/{id}/", "get"): (f"/stock/{st}/", None),
        ("/stock/{id}/", "patch"): (f"/stock/{st}/", {"backorder_allowed": True}),
        ("/stock/{id}/adjustments/", "post"): (
            f"/stock/{st}/adjustments/",
            {"delta": 2, "reason": "receipt"},
        ),
        ("/warehouses/", "get"): ("/warehouses/", None),
        ("/shops/", "get"): ("/shops/", None),
        ("/shops/{slug}/", "get"): (f"/shops/{w.pending_shop_slug}/", None),
        ("/shops/{slug}/approve/", "post"): (
            f"/shops/{w.pending_shop_slug}/approve/",
            {},
        ),
        ("/shops/{slug}/reject/", "post"): (
            f"/shops/{w.pending_shop_slug}/reject/",
            {"reason": "Incomplete"},
        ),
        ("/shops/{slug}/suspend/", "post"): (
            f"/shops/{w.product.shop.slug}/suspend/",
            {"reason": "Fraud"},
        ),
        ("/reviews/", "get"): ("/reviews/", None),
        ("/reviews/{id}/hide/", "post"): (
            f"/reviews/{w.review_id}/hide/",
            {"reason": "Spam"},
        ),
        ("/reviews/{id}/publish/", "post"): (
            f"/reviews/{w.hidden_review_id}/publish/",
            {},
        ),
    }
    path, body = calls[(route.removeprefix("/api/v1/staff"), method)]
    return STAFF + path, body


CALLS = sorted(
    (route, method) for route, methods in ROUTES.items() for method in methods
)


def call(client: APIClient, route: str, method: str, w: World):
    path, body = request_for(route, method, w)
    return getattr(client, method)(path, body, format="json")


def snapshot() -> dict:
    """Everything a staff write could change."""
    models = [
        Product,
        ProductVariant,
        OptionValue,
        AttributeValue,
        Offer,
        Stock,
        StockMovement,
        Shop,
        ShopStatusEvent,
        Review,
    ]
    rows = {m.__name__: list(m.objects.order_by("pk").values()) for m in models}
    return {**rows, "events": OutboxEvent.objects.count()}


def test_every_staff_route_is_in_the_schema_with_the_staff_tag(api_client):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    listed = {
        path: {method for method in item if method in HTTP_METHODS}
        for path, item in schema["paths"].items()
        if path.startswith(STAFF + "/")
    }

    assert listed == ROUTES
    for path, methods in listed.items():
        for method in methods:
            assert schema["paths"][path][method]["tags"] == ["staff"]


@pytest.mark.parametrize(("route", "method"), CALLS)
def test_anonymous_callers_are_refused_with_401_and_nothing_changes(
    api_client, world, route, method
):
    before = snapshot()

    response = call(api_client, route, method, world)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert snapshot() == before


@pytest.mark.parametrize(("route", "method"), CALLS)
def test_signed_in_non_staff_are_refused_with_403_and_nothing_changes(
    user_client, world, route, method
):
    before = snapshot()

    response = call(user_client, route, method, world)

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert snapshot() == before


@pytest.mark.parametrize(("route", "method"), CALLS)
def test_the_shop_owner_without_staff_rights_is_refused_too(world, route, method):
    owner = client_for(world.product.shop.owner)
    before = snapshot()

    response = call(owner, route, method, world)

    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize(("route", "method"), CALLS)
def test_staff_succeed_with_the_same_calls(staff_client, world, route, method):
    response = call(staff_client, route, method, world)

    assert response.status_code in (200, 201), response.json()


def test_a_malformed_token_answers_401_token_not_valid(api_client, world):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = api_client.get(f"{STAFF}/products/")

    assert response.status_code == 401
    assert response.json()["code"] == "token_not_valid"
