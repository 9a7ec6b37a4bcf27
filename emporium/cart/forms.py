"""Storefront forms of the cart: input shape only, never a rule.

Stock, prices and vouchers are the services' rules; a refusal comes back
as a `DomainError` whose message the page shows.
"""

from django import forms

from emporium.cart.constants import MAX_LINE_QUANTITY
from emporium.pricing.constants import VOUCHER_CODE_MAX_LENGTH


def _number_errors(low: int) -> dict[str, str]:
    text = f"Enter a whole number from {low} to {MAX_LINE_QUANTITY}."
    return {key: text for key in ("invalid", "min_value", "max_value", "required")}


class AddToCartForm(forms.Form):
    offer = forms.IntegerField(min_value=1)
    quantity = forms.IntegerField(
        min_value=1,
        max_value=MAX_LINE_QUANTITY,
        initial=1,
        error_messages=_number_errors(1),
    )


class QuantityForm(forms.Form):
    quantity = forms.IntegerField(
        min_value=0,
        max_value=MAX_LINE_QUANTITY,
        error_messages=_number_errors(0),
    )


class VoucherForm(forms.Form):
    code = forms.CharField(
        label="Voucher code",
        max_length=VOUCHER_CODE_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={
                "class": "field-control",
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": "Enter a voucher code."},
    )


def first_error(form: forms.Form) -> str:
    """The first message of an invalid form, for a one-line notice."""
    for errors in form.errors.values():
        return str(errors[0])
    return "Please check your input."
