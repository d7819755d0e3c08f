from __future__ import annotations

from django.db import transaction

from herald.councils.models import Council
from herald.core.errors import ValidationFailed
from herald.records.audit import audit_record
from herald.records.events import EventType


@transaction.atomic
def council_create(*, acting_user, name: str, slug: str, address: str = "", telephone: str = "",
                   contact_email: str = "", website: str = "") -> Council:
    """Create a council. `acting_user` may be None only for set-up commands run by the host."""
    if Council.objects.filter(slug=slug).exists():
        raise ValidationFailed(f"A council with the short name {slug!r} already exists.", field="slug")
    council = Council(name=name, slug=slug, address=address, telephone=telephone,
                      contact_email=contact_email, website=website)
    council.full_clean()
    council.save()
    audit_record(council=council, actor=acting_user, event_type=EventType.COUNCIL_CREATED, target=council,
                 after={"name": name, "slug": slug})
    return council
