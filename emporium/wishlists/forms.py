"""What a heart posts: a product or a shop, and the page to go back to."""

from django import forms


class WishlistSubjectForm(forms.Form):
    product = forms.IntegerField(required=False, min_value=1)
    shop = forms.IntegerField(required=False, min_value=1)
    next = forms.CharField(required=False, max_length=2000)

    def clean(self) -> dict:
        data = super().clean()
        if (data.get("product") is None) == (data.get("shop") is None):
            raise forms.ValidationError("Give a product or a shop.")
        return data

    @property
    def subject(self) -> dict[str, int]:
        """`product_id=` or `shop_id=`, for the services and selectors."""
        data = self.cleaned_data
        if data.get("product") is not None:
            return {"product_id": data["product"]}
        return {"shop_id": data["shop"]}
