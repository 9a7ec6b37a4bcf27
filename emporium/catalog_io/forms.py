"""The upload form of the admin's catalog import page."""

from django import forms


class CatalogImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="UTF-8, one line per offer; see docs/catalog-import.md.",
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Dry run",
        help_text="Check the file and count what would change; import nothing.",
    )
