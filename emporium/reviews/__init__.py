"""Product and shop reviews: ratings, verified purchases, moderation (issue 5)."""
