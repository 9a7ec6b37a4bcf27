"""Forms of the sales pages: input shape only, never a rule. The rules
(date ranges, tracking links, who may ship) live in the services and
selectors; a form shows their `DomainError` with `add_domain_error`."""

from django import forms

from emporium.accounts.forms import DomainErrorFormMixin
from emporium.orders.constants import FulfilmentStatus
from emporium.payouts.constants import EntryKind

INPUT = "field-control"


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": INPUT}),
    )


class DateRangeForm(DomainErrorFormMixin, forms.Form):
    """`?from=YYYY-MM-DD&to=YYYY-MM-DD`, both optional."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from"] = _date_field("From")
        self.fields["to"] = _date_field("To")


class FulfilmentFilterForm(DateRangeForm):
    """The orders list's filters: a shipment status and the day placed."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All"), *FulfilmentStatus.choices],
        widget=forms.Select(attrs={"class": INPUT}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            self.add_error("from", "Choose a day on or before the end.")
        return data

    def filters(self) -> dict:
        """Keyword arguments of `orders.selectors.list_fulfilments_for_shop`."""
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "placed_from": data.get("from"),
            "placed_to": data.get("to"),
        }


class LedgerFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind",
        required=False,
        choices=[("", "All"), *EntryKind.choices],
        widget=forms.Select(attrs={"class": INPUT}),
    )


class ShipForm(DomainErrorFormMixin, forms.Form):
    carrier = forms.CharField(
        label="Carrier",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"class": INPUT, "placeholder": "DHL"}),
    )
    tracking_number = forms.CharField(
        label="Tracking number",
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": INPUT}),
    )
    # A CharField: the service checks the link (http or https) and names
    # this field when it refuses one.
    tracking_url = forms.CharField(
        label="Tracking link",
        max_length=500,
        required=False,
        widget=forms.URLInput(
            attrs={"class": INPUT, "placeholder": "https://", "inputmode": "url"}
        ),
    )
