"""Staff admin for shipping: zones with their methods, methods with brackets.

The forms only translate: every rule comes from the `check_*` functions in
`shipping.services`, and their `InvalidShippingRate` becomes form errors on
the fields it names.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from emporium.shipping.errors import InvalidShippingRate
from emporium.shipping.models import ShippingMethod, ShippingRateBracket, ShippingZone
from emporium.shipping.services import (
    BracketInput,
    check_brackets,
    check_method_amounts,
    check_zone,
)


def _add_errors(form: forms.BaseForm, error: InvalidShippingRate) -> None:
    for field, messages in (error.fields or {None: [error.message]}).items():
        form.add_error(field if field in form.fields else None, messages)


class ShippingZoneForm(forms.ModelForm):
    class Meta:
        model = ShippingZone
        fields = ["name", "shop", "countries", "is_rest_of_world"]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        shop = cleaned.get("shop")
        try:
            check_zone(
                countries=list(cleaned.get("countries") or []),
                is_rest_of_world=bool(cleaned.get("is_rest_of_world")),
                shop_id=shop.pk if shop else None,
                zone_id=self.instance.pk,
            )
        except InvalidShippingRate as error:
            _add_errors(self, error)
        return cleaned


class ShippingMethodForm(forms.ModelForm):
    class Meta:
        model = ShippingMethod
        fields = [
            "name",
            "description",
            "kind",
            "currency",
            "price_amount",
            "free_above_amount",
            "min_delivery_days",
            "max_delivery_days",
            "is_active",
            "position",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            check_method_amounts(
                kind=cleaned.get("kind"),
                currency=cleaned.get("currency"),
                price_amount=cleaned.get("price_amount"),
                free_above_amount=cleaned.get("free_above_amount"),
            )
        except InvalidShippingRate as error:
            _add_errors(self, error)
        return cleaned


class ZoneMethodForm(ShippingMethodForm):
    """A method edited on its zone's page, where its brackets are not shown:
    a new kind or currency must still fit the brackets it has."""

    def clean(self):
        cleaned = super().clean()
        if self.errors or self.instance.pk is None:
            return cleaned
        brackets = [
            BracketInput(b.lower_bound, b.upper_bound, b.price_amount)
            for b in self.instance.brackets.all()
        ]
        try:
            check_brackets(
                kind=cleaned["kind"], currency=cleaned["currency"], brackets=brackets
            )
        except InvalidShippingRate as error:
            raise ValidationError(
                error.fields.get("brackets", [error.message])
            ) from error
        return cleaned


class BracketFormSet(forms.BaseInlineFormSet):
    """Checks the brackets as one set, against the method's kind and currency."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        brackets = [
            BracketInput(data["lower_bound"], data["upper_bound"], data["price_amount"])
            for data in kept
        ]
        try:
            check_brackets(
                kind=self.instance.kind,
                currency=self.instance.currency,
                brackets=brackets,
            )
        except InvalidShippingRate as error:
            raise ValidationError(
                error.fields.get("brackets", [error.message])
            ) from error


class ShippingMethodInline(admin.TabularInline):
    model = ShippingMethod
    form = ZoneMethodForm
    extra = 0
    show_change_link = True  # brackets are edited on the method's page


@admin.register(ShippingZone)
class ShippingZoneAdmin(admin.ModelAdmin):
    form = ShippingZoneForm
    list_display = ["name", "shop", "country_list", "is_rest_of_world"]
    list_filter = ["is_rest_of_world"]
    search_fields = ["name", "shop__name"]
    list_select_related = ["shop"]
    raw_id_fields = ["shop"]
    inlines = [ShippingMethodInline]

    @admin.display(description="countries")
    def country_list(self, zone: ShippingZone) -> str:
        return ", ".join(zone.country_codes) or "(rest of world)"


class ShippingRateBracketInline(admin.TabularInline):
    model = ShippingRateBracket
    formset = BracketFormSet
    fields = ["lower_bound", "upper_bound", "price_amount"]
    extra = 1


@admin.register(ShippingMethod)
class ShippingMethodAdmin(admin.ModelAdmin):
    form = ShippingMethodForm
    fields = ["zone", *ShippingMethodForm.Meta.fields]
    list_display = [
        "name",
        "zone",
        "kind",
        "currency",
        "price_amount",
        "free_above_amount",
        "is_active",
        "position",
    ]
    list_filter = ["kind", "is_active", "currency"]
    search_fields = ["name", "zone__name"]
    list_select_related = ["zone"]
    inlines = [ShippingRateBracketInline]
