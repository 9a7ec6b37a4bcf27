"""Storefront forms of the account pages: input shape only, never a rule.

Rules (password strength, unique email, address limits) live in the
services; a form shows the `DomainError` they raise with
`add_domain_error`, on the field it names when it names one.
"""

from django import forms

from emporium.accounts.constants import ADDRESS_FIELDS
from emporium.accounts.models import Address
from emporium.core.errors import DomainError, InvalidInput

INPUT = "field-control"
CHECK = "field-check"


class DomainErrorFormMixin:
    """Lets a view show a service's `DomainError` on this form.

    `field_aliases` maps a field named by a service (`password`) to this
    form's field (`new_password`).
    """

    field_aliases: dict[str, str] = {}

    def add_domain_error(self, exc: DomainError) -> None:
        fields = exc.fields if isinstance(exc, InvalidInput) else {}
        if not fields and exc.extra.get("field"):
            fields = {exc.extra["field"]: [exc.message]}
        placed = False
        for name, messages in fields.items():
            name = self.field_aliases.get(name, name)
            if name in self.fields:
                self.add_error(name, messages)
                placed = True
        if not placed:
            self.add_error(None, exc.message)


def _text(autocomplete: str, **attrs) -> forms.TextInput:
    return forms.TextInput(
        attrs={"class": INPUT, "autocomplete": autocomplete, **attrs}
    )


def _email(autocomplete: str = "email") -> forms.EmailInput:
    return forms.EmailInput(
        attrs={"class": INPUT, "autocomplete": autocomplete, "spellcheck": "false"}
    )


def _password(autocomplete: str) -> forms.PasswordInput:
    return forms.PasswordInput(attrs={"class": INPUT, "autocomplete": autocomplete})


class ConfirmedPasswordMixin:
    """Two password fields that must be equal (typing, not a business rule)."""

    confirmed_field = "password"
    confirmation_field = "password_confirm"

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get(self.confirmed_field)
        confirm = cleaned.get(self.confirmation_field)
        if password and confirm and password != confirm:
            self.add_error(self.confirmation_field, "The two passwords do not match.")
        return cleaned


class RegisterForm(ConfirmedPasswordMixin, DomainErrorFormMixin, forms.Form):
    first_name = forms.CharField(max_length=150, widget=_text("given-name"))
    last_name = forms.CharField(max_length=150, widget=_text("family-name"))
    email = forms.EmailField(max_length=254, widget=_email())
    password = forms.CharField(
        strip=False,
        widget=_password("new-password"),
        help_text="At least 10 characters; not a common or all-numeric password.",
    )
    password_confirm = forms.CharField(
        label="Confirm password", strip=False, widget=_password("new-password")
    )


class EmailForm(DomainErrorFormMixin, forms.Form):
    """One email field: resend verification, request a password reset."""

    email = forms.EmailField(max_length=254, widget=_email())


class LoginForm(DomainErrorFormMixin, forms.Form):
    email = forms.EmailField(max_length=254, widget=_email("username"))
    password = forms.CharField(strip=False, widget=_password("current-password"))


class SetPasswordForm(ConfirmedPasswordMixin, DomainErrorFormMixin, forms.Form):
    field_aliases = {"password": "new_password"}
    confirmed_field = "new_password"
    confirmation_field = "new_password_confirm"

    new_password = forms.CharField(
        strip=False,
        widget=_password("new-password"),
        help_text="At least 10 characters; not a common or all-numeric password.",
    )
    new_password_confirm = forms.CharField(
        label="Confirm new password", strip=False, widget=_password("new-password")
    )


class PasswordChangeForm(SetPasswordForm):
    current_password = forms.CharField(
        strip=False, widget=_password("current-password")
    )

    field_order = ["current_password", "new_password", "new_password_confirm"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_current_password(self) -> str:
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("Your current password is not correct.")
        return password


class ProfileForm(DomainErrorFormMixin, forms.Form):
    first_name = forms.CharField(
        max_length=150, required=False, widget=_text("given-name")
    )
    last_name = forms.CharField(
        max_length=150, required=False, widget=_text("family-name")
    )
    phone = forms.CharField(
        max_length=32,
        required=False,
        widget=forms.TextInput(
            attrs={"class": INPUT, "autocomplete": "tel", "type": "tel"}
        ),
        help_text="Only used to reach you about your orders.",
    )


class AddressForm(DomainErrorFormMixin, forms.ModelForm):
    """The editable address fields; the view saves through the services."""

    class Meta:
        model = Address
        fields = list(ADDRESS_FIELDS)
        labels = {
            "is_default_shipping": "Use as my default shipping address",
            "is_default_billing": "Use as my default billing address",
        }
        widgets = {
            "first_name": _text("given-name"),
            "last_name": _text("family-name"),
            "company": _text("organization"),
            "line1": _text("address-line1"),
            "line2": _text("address-line2"),
            "city": _text("address-level2"),
            "region": _text("address-level1"),
            "postal_code": _text("postal-code"),
            "phone": forms.TextInput(
                attrs={"class": INPUT, "autocomplete": "tel", "type": "tel"}
            ),
            "is_default_shipping": forms.CheckboxInput(attrs={"class": CHECK}),
            "is_default_billing": forms.CheckboxInput(attrs={"class": CHECK}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Keep django-countries' own (lazy, translated, sorted) select widget.
        country = self.fields["country"]
        country.widget.attrs.update({"class": INPUT, "autocomplete": "country"})
        country.choices = [("", "Select a country"), *list(country.choices)[1:]]
