"""Forms of the catalogue pages: they check shape and types and hand the
values to the shop services, which hold the rules (and whose refusals come
back as errors of these forms, see `common.attempt`)."""

from decimal import Decimal
from typing import Any

from django import forms
from django_countries import countries

from emporium.catalog.constants import AttributeType, ProductStatus, TaxClass
from emporium.catalog.models import Attribute, Brand, Category, Option, Product
from emporium.catalog.services import AttributeInput
from emporium.core.errors import InvalidInput
from emporium.core.money import Money
from emporium.inventory.constants import MANUAL_MOVEMENT_REASONS
from emporium.inventory.models import Warehouse

# The integer columns hold 2^31 - 1; one adjustment moves at most a million.
MAX_INT = 2_147_483_647
MAX_DELTA = 1_000_000


class Control:
    """The widget classes of the site's forms."""

    TEXT = {"class": "field-control"}
    CHECK = {"class": "field-check"}


def text(**kwargs: Any) -> forms.CharField:
    return forms.CharField(widget=forms.TextInput(attrs=Control.TEXT), **kwargs)


def number(**kwargs: Any) -> forms.IntegerField:
    attrs = {**Control.TEXT, "inputmode": "numeric"}
    return forms.IntegerField(widget=forms.NumberInput(attrs=attrs), **kwargs)


def amount(**kwargs: Any) -> forms.DecimalField:
    attrs = {**Control.TEXT, "inputmode": "decimal", "step": "any"}
    return forms.DecimalField(
        max_digits=15,
        decimal_places=3,
        min_value=Decimal("0"),
        widget=forms.NumberInput(attrs=attrs),
        **kwargs,
    )


def select(**kwargs: Any) -> dict[str, Any]:
    return {"widget": forms.Select(attrs=Control.TEXT), **kwargs}


def check(**kwargs: Any) -> forms.BooleanField:
    return forms.BooleanField(
        required=False, widget=forms.CheckboxInput(attrs=Control.CHECK), **kwargs
    )


def to_money(form: forms.Form, field: str, value: Decimal, currency: str) -> Money:
    """`Money`, or a form error: an unknown currency, or more decimals than
    the currency has (19.999 EUR)."""
    try:
        money = Money(value, currency)
    except InvalidInput as exc:
        raise forms.ValidationError({"currency": exc.message}) from exc
    if money.quantize().amount != value:
        raise forms.ValidationError({field: f"Too many decimal places for {currency}."})
    return money


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories indented by depth, in tree order."""

    def label_from_instance(self, category: Category) -> str:
        return f"{'— ' * (category.depth - 1)}{category.name}"


# --- Lists ----------------------------------------------------------------------


class ProductFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(
            attrs={**Control.TEXT, "type": "search", "placeholder": "Title or SKU"}
        ),
    )
    status = forms.ChoiceField(
        required=False,
        choices=[("", "Every status"), *ProductStatus.choices],
        **select(),
    )


class OfferFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(
            attrs={**Control.TEXT, "type": "search", "placeholder": "SKU or title"}
        ),
    )
    active = forms.ChoiceField(
        required=False,
        label="On sale",
        choices=[("", "All offers"), ("yes", "On sale"), ("no", "Off sale")],
        **select(),
    )

    def is_active(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get("active", ""))


class TextFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(
            attrs={**Control.TEXT, "type": "search", "placeholder": "Title"}
        ),
    )


class StockFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label="Search",
        widget=forms.TextInput(
            attrs={**Control.TEXT, "type": "search", "placeholder": "SKU or title"}
        ),
    )
    warehouse = forms.ModelChoiceField(
        queryset=Warehouse.objects.none(),
        required=False,
        empty_label="Every warehouse",
        **select(),
    )
    low = check(label="Low stock only")

    def __init__(self, *args: Any, warehouses, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["warehouse"].queryset = warehouses


# --- Products -------------------------------------------------------------------


class ProductForm(forms.Form):
    title = text(max_length=200)
    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={**Control.TEXT, "rows": 6}),
        help_text="HTML: paragraphs, lists, bold, italic, links. Anything else "
        "(scripts, styles) is removed when saved.",
    )
    category = CategoryChoiceField(queryset=Category.objects.none(), **select())
    brand = forms.ModelChoiceField(
        queryset=Brand.objects.none(),
        required=False,
        empty_label="No brand",
        help_text="Staff add brands.",
        **select(),
    )
    tax_class = forms.ChoiceField(
        choices=TaxClass.choices, initial=TaxClass.STANDARD, **select()
    )
    status = forms.ChoiceField(
        choices=ProductStatus.choices,
        initial=ProductStatus.DRAFT,
        help_text="Only active products with an active offer are for sale.",
        **select(),
    )

    def __init__(self, *args: Any, categories, brands, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["brand"].queryset = brands

    @staticmethod
    def initial_for(product: Product) -> dict[str, Any]:
        return {
            "title": product.title,
            "description": product.description,
            "category": product.category_id,
            "brand": product.brand_id,
            "tax_class": product.tax_class,
            "status": product.status,
        }


class AttributesForm(forms.Form):
    """One field per attribute, by its type; blank means "no value"."""

    PREFIX = "attr_"

    def __init__(self, *args: Any, attributes: list[Attribute], product, **kwargs):
        super().__init__(*args, **kwargs)
        self.attributes = attributes
        self.field_names = {a.code: self.PREFIX + a.code for a in attributes}
        current = _current_values(product)
        for attribute in attributes:
            name = self.PREFIX + attribute.code
            self.fields[name] = _attribute_field(attribute)
            if attribute.code in current:
                self.initial[name] = current[attribute.code]

    def values(self) -> list[AttributeInput]:
        inputs = []
        for attribute in self.attributes:
            value = self.cleaned_data.get(self.PREFIX + attribute.code)
            if value in (None, "", []):
                continue
            if attribute.type == AttributeType.BOOL:
                value = value == "yes"
            inputs.append(AttributeInput(code=attribute.code, value=value))
        return inputs


def _attribute_field(attribute: Attribute) -> forms.Field:
    label = attribute.name
    match attribute.type:
        case AttributeType.CHOICE:
            return forms.MultipleChoiceField(
                label=label,
                required=False,
                choices=[(c.slug, c.value) for c in attribute.choices.all()],
                widget=forms.CheckboxSelectMultiple(attrs=Control.CHECK),
            )
        case AttributeType.NUMBER:
            return forms.DecimalField(
                label=label,
                required=False,
                max_digits=14,
                decimal_places=4,
                widget=forms.NumberInput(attrs={**Control.TEXT, "step": "any"}),
            )
        case AttributeType.BOOL:
            return forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", "Not said"), ("yes", "Yes"), ("no", "No")],
                **select(),
            )
    return text(label=label, required=False, max_length=255)


def _current_values(product) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for row in product.attribute_list:
        attribute = row.attribute
        if attribute.type == AttributeType.CHOICE:
            values.setdefault(attribute.code, []).append(row.choice.slug)
        elif attribute.type == AttributeType.BOOL:
            values[attribute.code] = "yes" if row.value_bool else "no"
        else:
            values[attribute.code] = row.value
    return values


class VariantForm(forms.Form):
    """A variant's option values (one field per option) and fields."""

    PREFIX = "option_"

    name = text(
        max_length=200,
        required=False,
        help_text="Left blank: made from the options (\u201cM / Blue\u201d).",
    )
    weight_grams = number(
        required=False, min_value=0, max_value=MAX_INT, label="Weight (grams)"
    )
    barcode = text(
        max_length=14, required=False, label="Barcode (GTIN-8, 12, 13 or 14)"
    )
    position = number(min_value=0, max_value=MAX_INT, initial=0)

    def __init__(self, *args: Any, options: list[Option], variant=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options = options
        self.field_names = {o.code: self.PREFIX + o.code for o in options}
        current = {}
        if variant is not None:
            current = {v.option.code: v.value for v in variant.option_list}
            self.initial.update(
                name=variant.name,
                weight_grams=variant.weight_grams,
                barcode=variant.barcode,
                position=variant.position,
            )
        for option in options:
            name = self.PREFIX + option.code
            self.fields[name] = text(label=option.name, max_length=100, required=False)
            self.initial.setdefault(name, current.get(option.code, ""))

    def chosen_options(self) -> dict[str, str]:
        chosen = {}
        for option in self.options:
            value = self.cleaned_data.get(self.PREFIX + option.code, "").strip()
            if value:
                chosen[option.code] = value
        return chosen

    def fields_data(self) -> dict[str, Any]:
        """The fields to save; a blank name is left to the service, which
        makes it from the option values."""
        data = self.cleaned_data
        fields = {
            "weight_grams": data["weight_grams"],
            "barcode": data["barcode"],
            "position": data["position"] or 0,
        }
        if data["name"].strip():
            fields["name"] = data["name"]
        return fields


class ImageUploadForm(forms.Form):
    file = forms.FileField(
        label="Image",
        help_text="JPEG, PNG, WebP or GIF, up to 10 MB.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": "image/jpeg,image/png,image/webp,image/gif",
                "class": "block w-full text-sm text-ink-700",
            }
        ),
    )
    alt_text = text(
        max_length=255,
        required=False,
        label="Alt text",
        help_text="What the picture shows, for people who cannot see it.",
    )


class ImageForm(forms.Form):
    alt_text = text(max_length=255, required=False, label="Alt text")
    position = number(min_value=0, max_value=MAX_INT, label="Order")
    variant = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, label="Shows", **select()
    )

    field_names = {"variant_id": "variant"}

    def __init__(self, *args: Any, variants, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [("", "The whole product")]
        choices += [(v.pk, v.name or f"Variant {v.pk}") for v in variants]
        self.fields["variant"].choices = choices


# --- Offers ---------------------------------------------------------------------


class OfferCreateForm(forms.Form):
    sku = text(
        max_length=64, label="SKU", help_text="Your own code, unique in your shop."
    )
    price = amount()
    currency = text(min_length=3, max_length=3, help_text="ISO 4217, e.g. EUR.")
    compare_at_price = amount(
        required=False, help_text="The former price, shown struck through."
    )
    warehouse = forms.ModelChoiceField(
        queryset=Warehouse.objects.none(),
        required=False,
        empty_label="No stock yet",
        help_text="Where the opening stock is.",
        **select(),
    )
    quantity = number(min_value=0, max_value=MAX_INT, initial=0, label="Opening stock")

    def __init__(self, *args: Any, warehouses, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["warehouse"].queryset = warehouses

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        currency = data.get("currency", "").upper()
        if data.get("price") is not None and currency:
            data["price"] = to_money(self, "price", data["price"], currency)
            if data.get("compare_at_price") is not None:
                data["compare_at_price"] = to_money(
                    self, "compare_at_price", data["compare_at_price"], currency
                )
        return data


class OfferForm(forms.Form):
    sku = text(max_length=64, label="SKU")
    price = amount()
    compare_at_price = amount(required=False)
    is_active = check(label="On sale")

    def __init__(self, *args: Any, currency: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.currency = currency

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for field in ("price", "compare_at_price"):
            if data.get(field) is not None:
                data[field] = to_money(self, field, data[field], self.currency)
        return data


# --- Warehouses and stock -------------------------------------------------------


class WarehouseForm(forms.Form):
    name = text(max_length=120)
    code = forms.SlugField(
        max_length=40,
        widget=forms.TextInput(attrs=Control.TEXT),
        help_text="Letters, digits, - and _; CSV columns name it (stock:<code>).",
    )
    line1 = text(max_length=255, required=False, label="Address line 1")
    line2 = text(max_length=255, required=False, label="Address line 2")
    postal_code = text(max_length=20, required=False)
    city = text(max_length=120, required=False)
    region = text(max_length=120, required=False, label="State / region")
    country = forms.ChoiceField(choices=list(countries), **select())
    is_active = check(
        label="Active", initial=True, help_text="Units here count as available."
    )

    @staticmethod
    def initial_for(warehouse: Warehouse) -> dict[str, Any]:
        names = ("name", "code", "line1", "line2", "postal_code", "city", "region")
        initial = {name: getattr(warehouse, name) for name in names}
        return {
            **initial,
            "country": warehouse.country.code,
            "is_active": warehouse.is_active,
        }


class StockCreateForm(forms.Form):
    warehouse = forms.ModelChoiceField(queryset=Warehouse.objects.none(), **select())
    quantity = number(min_value=0, max_value=MAX_INT, initial=0, label="Opening stock")
    low_stock_threshold = number(
        min_value=0, max_value=MAX_INT, initial=5, label="Low-stock threshold"
    )
    backorder_allowed = check(label="Sell beyond stock (backorders)")

    def __init__(self, *args: Any, warehouses, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["warehouse"].queryset = warehouses


class StockSettingsForm(forms.Form):
    low_stock_threshold = number(
        min_value=0,
        max_value=MAX_INT,
        label="Low-stock threshold",
        help_text="Your shop gets an email when the available units fall to "
        "this number or below (once each time).",
    )
    backorder_allowed = check(
        label="Sell beyond stock (backorders)",
        help_text="Buyers may order more than is available.",
    )


class AdjustmentForm(forms.Form):
    delta = number(
        min_value=-MAX_DELTA,
        max_value=MAX_DELTA,
        label="Units",
        help_text="Units to add; a negative number removes them.",
    )
    reason = forms.ChoiceField(
        choices=[(reason.value, reason.label) for reason in MANUAL_MOVEMENT_REASONS],
        **select(),
    )
    note = text(max_length=255, required=False)

    def clean_delta(self) -> int:
        delta = self.cleaned_data["delta"]
        if delta == 0:
            raise forms.ValidationError("Enter a number other than 0.")
        return delta
