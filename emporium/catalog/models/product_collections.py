"""Collections: hand-picked, ordered sets of products ("Summer sale")."""

from django.db import models


class Collection(models.Model):
    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    description = models.TextField(blank=True)
    is_featured = models.BooleanField(default=False)
    products = models.ManyToManyField(
        "catalog.Product", through="CollectionProduct", related_name="collections"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CollectionProduct(models.Model):
    collection = models.ForeignKey(
        Collection, on_delete=models.CASCADE, related_name="entries"
    )
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.CASCADE, related_name="collection_entries"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "product"], name="collection_product_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.collection_id}#{self.position}: {self.product_id}"
