"""Product and shop reviews: ratings, verified purchases, moderation (issue 5)."""

from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "emporium.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from emporium.reviews.handlers import subscribe_handlers

        subscribe_handlers()
