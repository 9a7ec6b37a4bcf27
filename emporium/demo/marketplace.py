"""The marketplace part of the demo: a vendor who can log in, shop branches,
and buyers' reviews of products and shops. Everything goes through the
vendors and reviews services, so events, summaries and caches follow.
"""

import os
import random
import secrets
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from emporium.accounts.models import User
from emporium.demo import data
from emporium.reviews.constants import ReviewStatus
from emporium.reviews.models import Review
from emporium.reviews.services import create_review, publish_review
from emporium.vendors.models import Shop
from emporium.vendors.services import BranchData, create_branch

VENDOR_LOGIN_FILE = Path(settings.BASE_DIR) / "var" / "demo-vendor-login.txt"
REVIEWED_PRODUCTS = 40
REVIEWS_PER_PRODUCT = (1, 5)


def ensure_branches(shops: list[Shop]) -> int:
    """Two branches for each shop that has none yet."""
    created = 0
    for i, shop in enumerate(shops):
        if shop.branches.exists():
            continue
        for site in (data.BRANCH_SITES[i % 6], data.BRANCH_SITES[(i + 1) % 6]):
            name, line1, postal_code, city, country, lat, lon = site
            create_branch(
                shop_id=shop.pk,
                data=BranchData(
                    name=f"{shop.name} {name}",
                    line1=line1,
                    postal_code=postal_code,
                    city=city,
                    country=country,
                    latitude=lat,
                    longitude=lon,
                    opening_hours=data.OPENING_HOURS,
                ),
            )
            created += 1
    return created


def _reviewers() -> list[User]:
    people = []
    for name in data.REVIEWERS:
        email = f"{name.lower()}@buyers.demo.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=None,
                first_name=name,
                email_verified_at=timezone.now(),
            )
        people.append(user)
    return people


def add_reviews(rng: random.Random, product_ids: list[int], shops: list[Shop]) -> int:
    """Published reviews of the first showcase products and of every shop,
    by the demo buyers (at most one each per product and shop)."""
    people = _reviewers()
    written = 0
    subjects = [{"product_id": pk} for pk in product_ids[:REVIEWED_PRODUCTS]]
    subjects += [{"shop_id": shop.pk} for shop in shops]
    for subject in subjects:
        if Review.objects.filter(**subject).exists():
            continue  # a second run adds none
        count = rng.randint(*REVIEWS_PER_PRODUCT)
        for author in rng.sample(people, count):
            rating, title, body = rng.choice(data.REVIEWS)
            review = create_review(
                author=author, rating=rating, title=title, body=body, **subject
            )
            if review.status == ReviewStatus.PENDING:  # moderation first
                publish_review(review_id=review.pk, actor=None, reason="Demo data")
            written += 1
    return written


def find_demo_vendor_shop() -> Shop | None:
    """The first demo shop, whose owner is the demo vendor (if loaded)."""
    name = data.SHOPS[0][0]
    return Shop.objects.filter(slug=slugify(name), owner__isnull=False).first()


def ensure_vendor_login(shop: Shop) -> tuple[str, str]:
    """Let the first demo shop's owner log in: a random password, kept in
    var/ (git-ignored, mode 600) so `make run` can print it."""
    owner = shop.owner
    saved = _saved_login()
    if saved and saved[0] == owner.email and owner.check_password(saved[1]):
        return saved
    password = secrets.token_urlsafe(12)
    owner.set_password(password)
    owner.email_verified_at = owner.email_verified_at or timezone.now()
    owner.first_name = owner.first_name or "Demo"
    owner.save(update_fields=["password", "email_verified_at", "first_name"])
    VENDOR_LOGIN_FILE.parent.mkdir(parents=True, exist_ok=True)
    VENDOR_LOGIN_FILE.write_text(f"{owner.email}\n{password}\n")
    os.chmod(VENDOR_LOGIN_FILE, 0o600)
    return owner.email, password


def _saved_login() -> tuple[str, str] | None:
    if not VENDOR_LOGIN_FILE.is_file():
        return None
    lines = VENDOR_LOGIN_FILE.read_text().splitlines()
    return (lines[0], lines[1]) if len(lines) >= 2 else None


def vendor_login() -> tuple[str, str] | None:
    """The demo vendor's login while it still works, else None."""
    saved = _saved_login()
    if saved is None:
        return None
    user = User.objects.filter(email=saved[0]).first()
    return saved if user is not None and user.check_password(saved[1]) else None
