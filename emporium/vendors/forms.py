"""Storefront and dashboard forms of shops: input shape only, never a rule.

The rules (verified email, commission accepted, one pending application,
name locked once approved, logo checks, opening hours) live in the
services; a form shows the `DomainError` they raise with
`add_domain_error`.
"""

import re

from django import forms
from django.core.validators import URLValidator

from emporium.accounts.forms import DomainErrorFormMixin
from emporium.vendors.constants import SOCIAL_NETWORKS, WEEKDAY_LABELS, WEEKDAYS

INPUT = "field-control"
CHECK = "field-check"
LOGO_ACCEPT = "image/jpeg,image/png,image/webp"


def _text(**attrs) -> forms.TextInput:
    return forms.TextInput(attrs={"class": INPUT, **attrs})


def _area(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"class": INPUT, "rows": rows})


class ShopProfileFields(DomainErrorFormMixin, forms.Form):
    """What applicants and owners write about a shop."""

    name = forms.CharField(max_length=150, widget=_text(autocomplete="organization"))
    description = forms.CharField(
        required=False,
        widget=_area(6),
        help_text="What you sell and what makes your shop special. Basic "
        "formatting (paragraphs, lists, bold, links) is kept.",
    )
    contact_email = forms.EmailField(
        required=False, widget=forms.EmailInput(attrs={"class": INPUT})
    )
    contact_phone = forms.CharField(
        max_length=32, required=False, widget=_text(autocomplete="tel", type="tel")
    )
    logo = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": INPUT, "accept": LOGO_ACCEPT}),
        help_text="JPEG, PNG or WebP, at most 2 MB and 4096 pixels a side.",
    )

    def profile_changes(self) -> dict:
        data = dict(self.cleaned_data)
        logo = data.pop("logo", None)
        changes = {k: v for k, v in data.items() if k in self.profile_fields}
        if logo is False:  # "clear" ticked on the current logo
            changes["remove_logo"] = True
        elif logo:
            changes["logo"] = logo
        return changes

    profile_fields = ("name", "description", "contact_email", "contact_phone")


class ShopApplicationForm(ShopProfileFields):
    accept_commission = forms.BooleanField(
        required=False,
        widget=forms.CheckboxInput(attrs={"class": CHECK}),
    )

    def __init__(self, *args, commission_rate, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_commission"].label = (
            f"I accept the platform's commission of {commission_rate}% of each "
            "sale's net amount."
        )


class ShopProfileForm(ShopProfileFields):
    returns_policy = forms.CharField(required=False, widget=_area(4))
    shipping_policy = forms.CharField(required=False, widget=_area(4))

    profile_fields = (
        *ShopProfileFields.profile_fields,
        "returns_policy",
        "shipping_policy",
        "social_links",
    )

    def __init__(self, *args, name_editable: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        for network in SOCIAL_NETWORKS:
            self.fields[f"social_{network}"] = forms.URLField(
                required=False,
                max_length=200,
                assume_scheme="https",
                validators=[URLValidator(schemes=["http", "https"])],
                label=network.capitalize() if network != "x" else "X",
                widget=forms.URLInput(attrs={"class": INPUT}),
            )
        if not name_editable:
            self.fields["name"].disabled = True
            self.fields["name"].help_text = (
                "An approved shop keeps its name; ask the platform's staff to "
                "rename it."
            )

    def clean(self):
        cleaned = super().clean()
        cleaned["social_links"] = {
            network: cleaned.pop(f"social_{network}", "") or ""
            for network in SOCIAL_NETWORKS
        }
        return cleaned

    @staticmethod
    def initial_for(shop) -> dict:
        initial = {
            field: getattr(shop, field)
            for field in (
                "name",
                "description",
                "contact_email",
                "contact_phone",
                "returns_policy",
                "shipping_policy",
            )
        }
        initial["logo"] = shop.logo
        for network, url in (shop.social_links or {}).items():
            initial[f"social_{network}"] = url
        return initial


# --- Team -----------------------------------------------------------------------


class InvitationForm(DomainErrorFormMixin, forms.Form):
    email = forms.EmailField(
        max_length=254,
        widget=forms.EmailInput(
            attrs={"class": INPUT, "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text="They join as staff once they accept the emailed link "
        "(valid 7 days), signed in with this address.",
    )


# --- Branches -------------------------------------------------------------------

_INTERVAL = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-\u2013]\s*(\d{1,2}:\d{2})\s*$")


def parse_day_hours(text: str) -> list[list[str]] | str:
    """ "09:00-12:00, 13:00-18:00" as intervals; the text itself when it
    does not read as intervals (the service then says what is wrong)."""
    intervals = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        match = _INTERVAL.match(part)
        if match is None:
            return text
        intervals.append([value.zfill(5) for value in match.groups()])
    return intervals


def format_day_hours(intervals: list[list[str]]) -> str:
    return ", ".join(f"{opens}-{closes}" for opens, closes in intervals)


class BranchForm(DomainErrorFormMixin, forms.Form):
    field_aliases = {"opening_hours": "hours_mon"}

    name = forms.CharField(max_length=120, widget=_text())
    line1 = forms.CharField(label="Address line 1", max_length=255, widget=_text())
    line2 = forms.CharField(
        label="Address line 2", max_length=255, required=False, widget=_text()
    )
    postal_code = forms.CharField(max_length=20, required=False, widget=_text())
    city = forms.CharField(max_length=120, widget=_text())
    country = forms.CharField(
        max_length=2,
        widget=_text(size=2),
        help_text="Two-letter country code, e.g. DE.",
    )
    phone = forms.CharField(max_length=32, required=False, widget=_text(type="tel"))
    latitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"class": INPUT, "step": "any"}),
        help_text="-90 to 90, e.g. 52.520008.",
    )
    longitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        widget=forms.NumberInput(attrs={"class": INPUT, "step": "any"}),
        help_text="-180 to 180, e.g. 13.404954.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, label in WEEKDAY_LABELS.items():
            self.fields[f"hours_{day}"] = forms.CharField(
                label=label,
                required=False,
                max_length=100,
                widget=_text(placeholder="09:00-12:00, 13:00-18:00"),
            )
        self.fields["hours_mon"].help_text = (
            "Opening times as HH:MM-HH:MM, several separated by commas; "
            "leave a day empty when closed."
        )

    def branch_values(self) -> dict:
        data = dict(self.cleaned_data)
        hours = {day: parse_day_hours(data.pop(f"hours_{day}", "")) for day in WEEKDAYS}
        data["opening_hours"] = {day: value for day, value in hours.items() if value}
        return data

    @staticmethod
    def initial_for(branch) -> dict:
        initial = {
            field: getattr(branch, field)
            for field in (
                "name",
                "line1",
                "line2",
                "postal_code",
                "city",
                "phone",
                "latitude",
                "longitude",
            )
        }
        initial["country"] = branch.country.code
        for day, intervals in (branch.opening_hours or {}).items():
            initial[f"hours_{day}"] = format_day_hours(intervals)
        return initial
