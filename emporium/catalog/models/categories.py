"""The category tree (materialised path, django-treebeard) and brands."""

from django.db import models
from treebeard.mp_tree import MP_Node


class Category(MP_Node):
    """A node of the category tree, any depth.

    Materialised path: a subtree is one indexed `path LIKE 'prefix%'` query
    (`get_descendants()`), ancestors for breadcrumbs one `path IN (...)`.
    Siblings are kept ordered by (position, name) when nodes are added or
    moved; create and move nodes with treebeard's manager API
    (`Category.objects.add_root(...)`, `.add_child(parent, ...)`, `.move(...)`),
    never by setting `path`.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    position = models.PositiveIntegerField(default=0)
    # Set on every save through the catalog services (and the admin, which
    # calls them); the category sitemap reads it as `lastmod`.
    updated_at = models.DateTimeField(auto_now=True)

    node_order_by = ["position", "name"]

    class Meta:
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name


class Brand(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
