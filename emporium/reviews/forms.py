"""The storefront's review form: rating, optional title and text.

It checks the shape only; `reviews.services` decides (and checks again)."""

from django import forms

from emporium.reviews.constants import BODY_MAX_LENGTH, RATINGS, TITLE_MAX_LENGTH
from emporium.reviews.models import Review

RATING_LABELS = {
    1: "1 star: poor",
    2: "2 stars: fair",
    3: "3 stars: good",
    4: "4 stars: very good",
    5: "5 stars: excellent",
}


class ReviewForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Your rating",
        choices=[(stars, RATING_LABELS[stars]) for stars in reversed(RATINGS)],
        coerce=int,
        widget=forms.RadioSelect(
            attrs={
                "class": "h-4 w-4 border-ink-300 text-brand-600 focus:ring-brand-500"
            }
        ),
        error_messages={"required": "Choose a rating from 1 to 5 stars."},
    )
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"class": "field-control"}),
    )
    body = forms.CharField(
        label="Your review",
        max_length=BODY_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"class": "field-control", "rows": 5}),
        help_text="Plain text: what you liked, what you did not.",
    )

    @classmethod
    def for_review(cls, review: Review | None, data=None) -> "ReviewForm":
        """The form, filled with `review` when editing one."""
        initial = (
            {"rating": review.rating, "title": review.title, "body": review.body}
            if review is not None
            else None
        )
        return cls(data, initial=initial)
