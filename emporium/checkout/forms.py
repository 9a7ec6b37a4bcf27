"""Storefront checkout forms: input shape only, never a rule.

Whether the cart can be bought, what it costs, whether a method ships it
and whether a card is good are `checkout.services`' (and the layers
below) to say; a form shows their `DomainError` on the field it names.
"""

import re

from django import forms
from django.urls import reverse_lazy
from django_countries import countries

from emporium.accounts.forms import DomainErrorFormMixin
from emporium.accounts.models import Address
from emporium.checkout.selectors import PaymentChoice
from emporium.orders.drafts import AddressSnapshot
from emporium.payments.cards import CardDetails
from emporium.pricing.constants import VOUCHER_CODE_MAX_LENGTH

INPUT = "field-control"
NEW_ADDRESS = "new"
ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company",
    "line1",
    "line2",
    "city",
    "region",
    "postal_code",
    "country",
    "phone",
)
REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "city", "country")
CARD_FIELDS = ("card_number", "card_expiry", "card_cvc")
EXPIRY = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{2}|\d{4})\s*$")


def _text(autocomplete: str, **attrs) -> forms.TextInput:
    return forms.TextInput(
        attrs={"class": INPUT, "autocomplete": autocomplete, **attrs}
    )


def _field(label: str, max_length: int, autocomplete: str, **attrs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        widget=_text(autocomplete, **attrs),
    )


class PaymentFieldsMixin:
    """The payment method and, for the test provider, the card fields."""

    def add_payment_fields(self, choices: list[PaymentChoice]) -> None:
        self.payment_choices = {choice.method: choice for choice in choices}
        self.fields["payment_method"] = forms.ChoiceField(
            label="Payment method",
            choices=[(choice.method, choice.label) for choice in choices],
            widget=forms.RadioSelect,
            initial=choices[0].method if choices else None,
        )
        self.fields["card_number"] = _field(
            "Card number", 40, "cc-number", inputmode="numeric"
        )
        self.fields["card_expiry"] = _field(
            "Expiry (MM/YY)", 7, "cc-exp", placeholder="MM/YY"
        )
        self.fields["card_cvc"] = _field("CVC", 4, "cc-csc", inputmode="numeric")
        # The card fields are needed when the chosen method takes a card here.
        chosen = (
            self.data.get("payment_method")
            if self.is_bound
            else self.fields["payment_method"].initial
        )
        takes_card = getattr(self.payment_choices.get(chosen), "takes_card", False)
        for name in CARD_FIELDS:
            self.fields[name].required = takes_card

    def payment_options(self) -> list[tuple[forms.BoundField, PaymentChoice]]:
        """Each method's radio with what the page says about it."""
        radios = list(self["payment_method"])
        return [(radio, self.payment_choices[radio.data["value"]]) for radio in radios]

    def shows_test_cards(self) -> bool:
        return any(choice.is_test for choice in self.payment_choices.values())

    def takes_card(self) -> bool:
        choice = self.payment_choices.get(self.cleaned_data.get("payment_method"))
        return bool(choice and choice.takes_card)

    def clean_payment(self) -> None:
        expiry = self.cleaned_data.get("card_expiry")
        if self.takes_card() and expiry and not EXPIRY.match(expiry):
            self.add_error("card_expiry", "Enter the expiry as MM/YY.")

    def card_details(self) -> CardDetails | None:
        """The card typed, or None when the method takes no card here."""
        if not self.takes_card():
            return None
        month, year = EXPIRY.match(self.cleaned_data["card_expiry"]).groups()
        return CardDetails(
            number=self.cleaned_data["card_number"],
            exp_month=int(month),
            exp_year=int(year),
            cvc=self.cleaned_data["card_cvc"].strip(),
        )


class CheckoutForm(PaymentFieldsMixin, DomainErrorFormMixin, forms.Form):
    """Contact, address, shipping method and payment of the checkout page.

    Guests give an email; signed-in buyers pick a saved address or enter a
    new one (`address`). The shipping method is whatever the page offered:
    checkout validates it against the cart and address.
    """

    field_aliases = {
        "card.number": "card_number",
        "card.exp_month": "card_expiry",
        "card.exp_year": "card_expiry",
        "card.cvc": "card_cvc",
        "shipping_address.country": "country",
    }

    email = forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(
            attrs={"class": INPUT, "autocomplete": "email", "spellcheck": "false"}
        ),
        help_text="For your order confirmation and the link to your order.",
    )
    first_name = _field("First name", 150, "given-name")
    last_name = _field("Last name", 150, "family-name")
    company = _field("Company", 200, "organization")
    line1 = _field("Address", 255, "address-line1")
    line2 = _field("Apartment, suite, etc.", 255, "address-line2")
    city = _field("City", 120, "address-level2")
    region = _field("State / region", 120, "address-level1")
    postal_code = _field("Postal code", 20, "postal-code")
    country = forms.ChoiceField(
        label="Country",
        required=False,
        choices=[("", "Choose a country"), *countries],
        # htmx: a new country reloads the shipping methods and the summary.
        widget=forms.Select(
            attrs={
                "class": INPUT,
                "autocomplete": "country",
                "hx-get": reverse_lazy("checkout:options"),
                "hx-trigger": "change",
            }
        ),
    )
    phone = _field("Phone", 32, "tel", type="tel")
    shipping_method = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        is_guest: bool,
        addresses: list[Address],
        payment_choices: list[PaymentChoice],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.addresses = {str(address.pk): address for address in addresses}
        if not is_guest:
            del self.fields["email"]
        if self.addresses:
            self.fields["address"] = forms.ChoiceField(
                label="Ship to",
                choices=[
                    *((pk, str(address)) for pk, address in self.addresses.items()),
                    (NEW_ADDRESS, "A new address"),
                ],
                widget=forms.RadioSelect,
                initial=next(iter(self.addresses)),
            )
        self.add_payment_fields(payment_choices)
        # A new address needs its fields; a saved one chosen needs none.
        for name in REQUIRED_ADDRESS_FIELDS:
            self.fields[name].required = self._chosen_address() == NEW_ADDRESS

    def _chosen_address(self) -> str:
        if "address" not in self.fields:
            return NEW_ADDRESS
        if self.is_bound:
            return self.data.get("address") or NEW_ADDRESS
        return self.fields["address"].initial

    def uses_new_address(self) -> bool:
        return self.cleaned_data.get("address", NEW_ADDRESS) == NEW_ADDRESS

    def clean(self) -> dict:
        cleaned = super().clean()
        self.clean_payment()
        return cleaned

    def shipping_address(self) -> AddressSnapshot:
        if not self.uses_new_address():
            return AddressSnapshot.from_address(
                self.addresses[self.cleaned_data["address"]]
            )
        return AddressSnapshot(
            **{name: self.cleaned_data.get(name) or "" for name in ADDRESS_FIELDS}
        )


class PaymentForm(PaymentFieldsMixin, DomainErrorFormMixin, forms.Form):
    """Paying a placed order again (after a decline)."""

    field_aliases = CheckoutForm.field_aliases

    def __init__(self, *args, payment_choices: list[PaymentChoice], **kwargs):
        super().__init__(*args, **kwargs)
        self.add_payment_fields(payment_choices)

    def clean(self) -> dict:
        cleaned = super().clean()
        self.clean_payment()
        return cleaned


class VoucherForm(forms.Form):
    code = forms.CharField(
        label="Voucher code",
        max_length=VOUCHER_CODE_MAX_LENGTH,
        widget=forms.TextInput(
            attrs={"class": INPUT, "autocomplete": "off", "spellcheck": "false"}
        ),
    )
