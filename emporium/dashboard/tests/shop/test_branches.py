"""/vendor/branches/: list, add, edit, remove the shop's branches."""

import pytest
from django.urls import reverse

from emporium.vendors.constants import ShopMemberRole
from emporium.vendors.models import ShopBranch
from emporium.vendors.tests.factories import (
    ShopBranchFactory,
    ShopFactory,
    ShopMemberFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("dashboard:branches")
CREATE = reverse("dashboard:branch-create")


def edit_url(branch) -> str:
    return reverse("dashboard:branch-edit", args=[branch.pk])


def delete_url(branch) -> str:
    return reverse("dashboard:branch-delete", args=[branch.pk])


FORM = {
    "name": "Mitte",
    "line1": "Hauptstr. 1",
    "postal_code": "10115",
    "city": "Berlin",
    "country": "de",
    "latitude": "52.520008",
    "longitude": "13.404954",
    "hours_mon": "09:00-12:00, 13:00 - 18:00",
    "hours_sat": "10:00-14:00",
}


@pytest.fixture
def shop():
    return ShopFactory()


@pytest.fixture
def owner(client, shop):
    client.force_login(shop.owner)
    return client


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_list_shows_own_branches_in_bounded_queries(
    owner, shop, django_assert_max_num_queries
):
    for _ in range(5):
        ShopBranchFactory(shop=shop)
    ShopBranchFactory(name="Elsewhere")
    owner.get(LIST)

    # Whatever the number of rows; one fewer with sessions in Redis.
    with django_assert_max_num_queries(6):
        response = owner.get(LIST)

    content = response.content.decode()
    assert content.count("data-branch=") == 5
    assert "Elsewhere" not in content


def test_add_a_branch_with_opening_hours(owner, shop):
    response = owner.post(CREATE, FORM)

    assert response.status_code == 302
    branch = ShopBranch.objects.get(shop=shop)
    assert branch.country.code == "DE"
    assert branch.opening_hours == {
        "mon": [["09:00", "12:00"], ["13:00", "18:00"]],
        "sat": [["10:00", "14:00"]],
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"hours_tue": "18:00-09:00"}, b"tue: 18:00 is not before 09:00."),
        ({"hours_tue": "all day"}, b"tue: a list of at most"),
        ({"latitude": "95"}, b"The latitude lies between -90 and 90."),
        ({"country": "zz"}, b"Unknown country code"),
    ],
)
def test_a_bad_branch_shows_the_error(owner, change, message):
    response = owner.post(CREATE, {**FORM, **change})

    assert response.status_code == 200
    assert message in response.content
    assert not ShopBranch.objects.exists()


def test_edit_shows_the_hours_and_saves_changes(owner, shop):
    branch = ShopBranchFactory(shop=shop, opening_hours={"mon": [["09:00", "18:00"]]})

    page = owner.get(edit_url(branch))
    response = owner.post(edit_url(branch), {**FORM, "city": "Potsdam"})

    assert b'value="09:00-18:00"' in page.content
    assert response.status_code == 302
    branch.refresh_from_db()
    assert branch.city == "Potsdam"


def test_remove_asks_then_removes(owner, shop):
    branch = ShopBranchFactory(shop=shop, name="Mitte")

    page = owner.get(delete_url(branch))
    response = owner.post(delete_url(branch))

    assert b"Remove Mitte?" in page.content
    assert response.status_code == 302
    assert not ShopBranch.objects.exists()


def test_staff_members_manage_branches(client, shop):
    client.force_login(ShopMemberFactory(shop=shop, role=ShopMemberRole.STAFF).user)

    response = client.post(CREATE, FORM)

    assert response.status_code == 302
    assert ShopBranch.objects.filter(shop=shop).exists()


def test_another_shops_branch_is_404_to_view_edit_and_remove(owner):
    theirs = ShopBranchFactory(city="Berlin")

    statuses = [
        owner.get(edit_url(theirs)).status_code,
        owner.post(edit_url(theirs), {**FORM, "city": "Hacked"}).status_code,
        owner.get(delete_url(theirs)).status_code,
        owner.post(delete_url(theirs)).status_code,
    ]

    assert statuses == [404, 404, 404, 404]
    theirs.refresh_from_db()
    assert theirs.city == "Berlin"
