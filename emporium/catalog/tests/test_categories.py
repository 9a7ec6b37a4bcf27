"""The category tree and GTIN validation."""

import pytest
from django.core.exceptions import ValidationError

from emporium.catalog.models import Category
from emporium.catalog.selectors import list_subtree_category_ids
from emporium.catalog.tests.factories import CategoryFactory
from emporium.catalog.validators import validate_gtin


@pytest.mark.django_db
def test_subtree_holds_every_descendant_at_any_depth_and_nothing_else():
    clothing = CategoryFactory(name="Clothing")
    men = CategoryFactory(name="Men", parent=clothing)
    shirts = CategoryFactory(name="Shirts", parent=men)
    linen = CategoryFactory(name="Linen", parent=shirts)
    other = CategoryFactory(name="Garden")

    ids = list_subtree_category_ids(clothing)

    assert sorted(ids) == sorted([clothing.pk, men.pk, shirts.pk, linen.pk])
    assert other.pk not in ids
    assert [c.name for c in Category.objects.get_ancestors(linen)] == [
        "Clothing",
        "Men",
        "Shirts",
    ]


@pytest.mark.parametrize("code", ["4006381333931", "036000291452", "96385074"])
def test_valid_gtins_pass(code):
    validate_gtin(code)


@pytest.mark.parametrize("code", ["4006381333932", "12345", "40063813339a1"])
def test_invalid_gtins_are_refused(code):
    with pytest.raises(ValidationError):
        validate_gtin(code)
