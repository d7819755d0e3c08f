from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models


class Council(models.Model):
    """A council using Herald: the tenant every other record belongs to."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    address = models.TextField(blank=True)
    telephone = models.CharField(max_length=40, blank=True)
    contact_email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    brand_colour = models.CharField(
        max_length=7, default="#1d5c3a",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", "Enter a colour like #1d5c3a")],
    )
    active_policy = models.ForeignKey(
        "policy.PolicyVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CouncilOwned(models.Model):
    """Base for every record that belongs to one council."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT)

    class Meta:
        abstract = True
