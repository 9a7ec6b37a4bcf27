"""Giving an existing variant its option values (`set_variant_options`)."""

import pytest

from emporium.catalog.constants import VARIANT_UPDATED
from emporium.catalog.errors import DuplicateVariant, InvalidVariant, VariantNotFound
from emporium.catalog.models import Option
from emporium.catalog.services import create_variant
from emporium.catalog.services.variant_options import set_variant_options
from emporium.catalog.tests.factories import ProductFactory, VariantFactory
from emporium.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def options(db):
    Option.objects.create(code="size", name="Size", position=0)
    Option.objects.create(code="colour", name="Colour", position=1)


def test_variant_without_name_gets_options_and_is_named_after_them(options):
    variant = VariantFactory(name="")

    set_variant_options(variant_id=variant.pk, options={"colour": "Blue", "size": "M"})

    variant.refresh_from_db()
    assert variant.name == "M / Blue"
    assert sorted(v.value for v in variant.option_values.all()) == ["Blue", "M"]
    event = OutboxEvent.objects.get(name=VARIANT_UPDATED)
    assert event.payload["fields"] == ["option_values", "name"]


def test_variant_with_its_own_name_keeps_it(options):
    variant = VariantFactory(name="Limited edition")

    set_variant_options(variant_id=variant.pk, options={"size": "L"})

    variant.refresh_from_db()
    assert variant.name == "Limited edition"


def test_options_of_another_variant_of_the_product_are_refused(options):
    product = ProductFactory()
    create_variant(product_id=product.pk, options={"size": "M"})
    variant = VariantFactory(product=product, name="")

    with pytest.raises(DuplicateVariant) as caught:
        set_variant_options(variant_id=variant.pk, options={"size": "M"})

    assert caught.value.code == "duplicate_variant"
    assert not variant.option_values.exists()


def test_unknown_option_is_refused(options):
    variant = VariantFactory()

    with pytest.raises(InvalidVariant) as caught:
        set_variant_options(variant_id=variant.pk, options={"fit": "slim"})

    assert caught.value.fields == {"fit": ["Unknown option."]}


def test_missing_variant_is_refused(options):
    with pytest.raises(VariantNotFound):
        set_variant_options(variant_id=404, options={"size": "M"})
