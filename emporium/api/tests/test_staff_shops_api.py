"""/api/v1/staff/shops/: the review queue, one shop's history, decisions."""

import pytest
from django.core import mail
from rest_framework.test import APIClient

from emporium.accounts.tests.factories import UserFactory
from emporium.vendors.constants import ShopStatus
from emporium.vendors.models import ShopStatusEvent
from emporium.vendors.services import reject_shop
from emporium.vendors.tests.factories import ShopFactory, ShopMemberFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/staff/shops/"


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, email="staff@example.com")


@pytest.fixture
def staff_client(staff) -> APIClient:
    client = APIClient()
    client.force_authenticate(staff)
    return client


def _every_route(slug: str) -> list[tuple[str, str]]:
    return [
        ("get", URL),
        ("get", f"{URL}{slug}/"),
        ("post", f"{URL}{slug}/approve/"),
        ("post", f"{URL}{slug}/reject/"),
        ("post", f"{URL}{slug}/suspend/"),
    ]


def test_anonymous_caller_is_401_everywhere(api_client):
    shop = ShopFactory(status=ShopStatus.PENDING)

    for method, url in _every_route(shop.slug):
        response = getattr(api_client, method)(url)
        assert response.status_code == 401, url
        assert response.json()["code"] == "not_authenticated"


def test_non_staff_is_403_everywhere_even_the_shops_owner():
    shop = ShopFactory(status=ShopStatus.PENDING)
    client = APIClient()
    client.force_authenticate(shop.owner)

    for method, url in _every_route(shop.slug):
        response = getattr(client, method)(url, {"reason": "x"})
        assert response.status_code == 403, url
        assert response.json()["code"] == "permission_denied"
    shop.refresh_from_db()
    assert shop.status == ShopStatus.PENDING


def test_list_filters_by_status_oldest_first(staff_client, django_assert_num_queries):
    first = ShopFactory(status=ShopStatus.PENDING, name="First")
    second = ShopFactory(status=ShopStatus.PENDING, name="Second")
    ShopFactory(status=ShopStatus.APPROVED)

    with django_assert_num_queries(2):  # count + page
        response = staff_client.get(URL, {"status": "pending"})

    results = response.json()["results"]
    assert [r["slug"] for r in results] == [first.slug, second.slug]
    assert results[0]["owner"]["email"] == first.owner.email


def test_list_without_status_lists_every_shop(staff_client):
    for status in ShopStatus:
        ShopFactory(status=status)

    assert staff_client.get(URL).json()["count"] == 4


def test_an_unknown_status_is_400(staff_client):
    response = staff_client.get(URL, {"status": "closed"})

    assert response.status_code == 400
    assert "status" in response.json()["fields"]


def test_detail_has_the_team_and_the_status_history(
    staff_client, staff, django_assert_num_queries
):
    shop = ShopFactory(status=ShopStatus.PENDING)
    ShopMemberFactory(shop=shop)
    reject_shop(shop_id=shop.pk, actor=staff, reason="Blurry logo")

    with django_assert_num_queries(3):  # shop + owner, members, events
        response = staff_client.get(f"{URL}{shop.slug}/")

    body = response.json()
    assert body["status"] == "rejected"
    assert body["status_reason"] == "Blurry logo"
    assert len(body["members"]) == 2
    assert body["history"] == [
        {
            "from_status": "pending",
            "to_status": "rejected",
            "reason": "Blurry logo",
            "actor": "staff@example.com",
            "created_at": body["history"][0]["created_at"],
        }
    ]


def test_an_unknown_shop_is_404(staff_client):
    for method, url in _every_route("nope")[1:]:
        response = getattr(staff_client, method)(url, {"reason": "x"})
        assert response.status_code == 404, url
        assert response.json()["code"] == "shop_not_found"


def test_approve_a_pending_shop_emails_the_owner(
    staff_client, staff, django_capture_on_commit_callbacks
):
    shop = ShopFactory(status=ShopStatus.PENDING, name="Owl")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"{URL}{shop.slug}/approve/")

    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert ShopStatusEvent.objects.get(shop=shop).actor == staff
    assert [m.subject for m in mail.outbox] == ["Owl is open on Emporium"]


def test_reject_needs_a_reason(staff_client):
    shop = ShopFactory(status=ShopStatus.PENDING)

    response = staff_client.post(f"{URL}{shop.slug}/reject/", {"reason": "  "})

    assert response.status_code == 400
    assert response.json()["code"] == "reason_required"
    shop.refresh_from_db()
    assert shop.status == ShopStatus.PENDING


def test_reject_with_a_reason(staff_client):
    shop = ShopFactory(status=ShopStatus.PENDING)

    response = staff_client.post(f"{URL}{shop.slug}/reject/", {"reason": "No logo"})

    assert response.json()["status"] == "rejected"
    assert response.json()["history"][-1]["reason"] == "No logo"


def test_suspend_needs_a_reason_then_suspends(staff_client):
    shop = ShopFactory(status=ShopStatus.APPROVED)

    refused = staff_client.post(f"{URL}{shop.slug}/suspend/")
    done = staff_client.post(f"{URL}{shop.slug}/suspend/", {"reason": "Fraud"})

    assert refused.json()["code"] == "reason_required"
    assert done.json()["status"] == "suspended"


def test_approve_reinstates_a_suspended_shop(staff_client):
    shop = ShopFactory(status=ShopStatus.SUSPENDED)

    response = staff_client.post(f"{URL}{shop.slug}/approve/")

    assert response.json()["status"] == "approved"
    assert response.json()["history"][-1]["from_status"] == "suspended"


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (ShopStatus.APPROVED, "approve"),
        (ShopStatus.REJECTED, "approve"),
        (ShopStatus.APPROVED, "reject"),
        (ShopStatus.PENDING, "suspend"),
        (ShopStatus.SUSPENDED, "suspend"),
    ],
)
def test_a_move_the_state_machine_refuses_is_409(staff_client, status, action):
    shop = ShopFactory(status=status)

    response = staff_client.post(f"{URL}{shop.slug}/{action}/", {"reason": "Because"})

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    shop.refresh_from_db()
    assert shop.status == status
