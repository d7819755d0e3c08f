"""The public complaint form: validation, spam protection, duplicates, the reference, routing, deadlines."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q

from herald.channels.selectors import public_channel_list
from herald.complaints import notify
from herald.complaints.access import HANDLER_CAPABILITY, complaint_subject, handles_complaints
from herald.complaints.models import MAX_TEXT, About, ActionKind, Case, Complaint, Handler, Visibility
from herald.complaints.services.common import PUBLIC, add_action, deadline, london_date, place_holds
from herald.core import clock
from herald.core.errors import NotAllowed, ValidationFailed
from herald.councils.models import Council
from herald.people.capabilities import capabilities_for
from herald.people.models import Representative
from herald.posts.models import Post
from herald.records.audit import audit_record
from herald.records.events import EventType

DUPLICATE_WINDOW = dt.timedelta(hours=24)
RATE_WINDOW = dt.timedelta(hours=1)
PHONE = re.compile(r"^[0-9+() -]{6,40}$")
SPAM_MESSAGE = ("Your complaint could not be sent. Please try again, or contact the council by email, "
                "telephone or post.")


@dataclass(frozen=True)
class SubmitResult:
    complaint: Complaint
    created: bool  # False: the same complaint was already received (its reference is returned)


def reference_prefix(council: Council) -> str:
    """Letters for the council's complaint references: the initials of its name ("Stalbridge Town
    Council" -> "STC"), or the start of its slug."""
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z]+", council.name) if word[0].isupper())
    return (initials or council.slug.replace("-", "")[:3]).upper()[:6]


def ip_hash(ip_address: str | None) -> str:
    """A keyed hash of the sender's address: enough to count, never the address itself."""
    if not ip_address:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), ip_address.encode(), hashlib.sha256).hexdigest()


def _text_hash(email: str, text: str) -> str:
    return hashlib.sha256(f"{email}\n{' '.join(text.split()).lower()}".encode()).hexdigest()


def _clean_line(value: str, *, field: str, what: str, limit: int, required: bool = True) -> str:
    value = " ".join((value or "").replace("\x00", "").split())
    if required and not value:
        raise ValidationFailed(f"Enter {what}.", field=field)
    if len(value) > limit:
        raise ValidationFailed(f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer.", field=field)
    return value


def _clean_text(text: str) -> str:
    text = (text or "").replace("\x00", "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationFailed("Enter your complaint.", field="text")
    if len(text) > MAX_TEXT:
        raise ValidationFailed(f"Your complaint must be {MAX_TEXT:,} characters or fewer (it is {len(text):,}). "
                               "Send anything longer by email or post.", field="text")
    return text


def complaint_post(*, council: Council, post_id) -> Post | None:
    """A post residents may complain about: one the council published (even if since removed)."""
    try:
        post_id = int(post_id)
    except (TypeError, ValueError):
        return None
    return (Post.objects.select_related("author").filter(pk=post_id, council=council, published_at__isnull=False)
            .first())


_LINK = re.compile(r"(?:https?|at)://[^\s<>\"']+")
_BLUESKY_WEB = re.compile(r"/profile/(?P<actor>[^/]+)/post/(?P<rkey>[A-Za-z0-9._~:-]+)")


def post_from_link(*, council: Council, text: str) -> Post | None:
    """The council's published post a pasted link points to, if any: the link Herald recorded when it
    published (Bluesky or Mastodon web address, or an at:// record address), or a Bluesky web
    address that names the account by handle instead of its DID."""
    from herald.posts.models import Publication

    links = [link.rstrip(".,;:!?)]") for link in _LINK.findall(text or "")][:5]
    if not links:
        return None
    # As copied from a browser: perhaps with a query (?utm_source=…), a #fragment or a final slash.
    links += [re.split(r"[?#]", link, maxsplit=1)[0].rstrip("/") for link in links]
    published = Publication.objects.filter(council=council, published_at__isnull=False).select_related("post")
    match = Q(url__in=links) | Q(remote_id__in=links)
    for web in filter(None, map(_BLUESKY_WEB.search, links)):
        account = Q(remote_id__startswith=f"at://{web['actor']}/") | Q(channel__handle__iexact=web["actor"].lstrip("@"))
        match |= Q(channel__platform="bluesky", remote_id__endswith=f"/app.bsky.feed.post/{web['rkey']}") & account
    found = published.filter(match).order_by("pk").first()
    return found.post if found else None


def _handler_for(council: Council, complaint: Complaint,
                 subject: Representative | None) -> tuple[str, Representative | None]:
    """To the Clerk; to the Chair when it concerns the Clerk (or anyone who handles complaints)."""
    handler = Handler.CHAIR if complaint.about_clerk or (subject is not None and handles_complaints(subject)) \
        else Handler.CLERK
    capability = HANDLER_CAPABILITY[handler]
    candidates = [r for r in Representative.objects.filter(council=council, active=True).order_by("pk")
                  if capability in capabilities_for(r.roles) and (subject is None or r.pk != subject.pk)]
    return handler, (candidates[0] if candidates else None)


def _check_rate(source: str) -> None:
    if not source:
        return
    recent = Complaint.objects.filter(source_ip_hash=source, received_at__gte=clock.now() - RATE_WINDOW).count()
    if recent >= settings.HERALD_COMPLAINTS_PER_HOUR:
        raise NotAllowed("We have received several complaints from your connection in the last hour, so we cannot "
                         "take another one online just now. Please try again in an hour, or contact the council by "
                         "email, telephone or post.")


def complaint_submit(*, acting_user=None, council: Council, name: str, email: str, text: str, about: str,
                     phone: str = "", confidential: bool = False, about_detail: str = "", about_clerk: bool = False,
                     post_id=None, channel_id=None, ip_address: str | None = None,
                     honeypot: str = "") -> SubmitResult:
    """A complaint from the public form (or entered by the Clerk from a letter: pass acting_user).

    Opens its case, routed to the Clerk or (when it concerns the Clerk) the Chair, with deadlines
    in working days from the policy; places legal holds on what it is about; emails the
    complainant an acknowledgement with the reference and the handler the news. The same
    complaint sent again within 24 hours returns the first one's reference and opens nothing.
    """
    if (honeypot or "").strip():
        raise ValidationFailed(SPAM_MESSAGE)
    name = _clean_line(name, field="name", what="your name", limit=200)
    email = _clean_line(email, field="email", what="your email address", limit=254).lower()
    try:
        validate_email(email)
    except DjangoValidationError:
        raise ValidationFailed("Enter an email address in the correct format, like name@example.com.",
                               field="email") from None
    phone = _clean_line(phone, field="phone", what="your telephone number", limit=40, required=False)
    if phone and not PHONE.match(phone):
        raise ValidationFailed("Enter a telephone number, like 01963 123456 or +44 7700 900123.", field="phone")
    if about not in About.values:
        raise ValidationFailed("Select what your complaint is about.", field="about")
    about_detail = _clean_line(about_detail, field="about_detail", what="which post or who it is about", limit=500,
                               required=False)
    text = _clean_text(text)
    post = channel = None
    if about == About.POST:
        if post_id not in (None, ""):
            post = complaint_post(council=council, post_id=post_id)
            if post is None:
                raise ValidationFailed("We could not find that post. Describe it in the box below instead.",
                                       field="about_detail")
        elif not about_detail:
            raise ValidationFailed("Tell us which post: paste its link, or say where and when you saw it.",
                                   field="about_detail")
        else:
            post = post_from_link(council=council, text=about_detail)
    elif about == About.CHANNEL:
        try:
            channel = public_channel_list(council=council).filter(pk=int(channel_id)).first()
        except (TypeError, ValueError):
            channel = None
        if channel is None:
            raise ValidationFailed("Select the channel your complaint is about.", field="channel")
    elif about == About.REPRESENTATIVE and not about_detail:
        raise ValidationFailed("Tell us who your complaint is about.", field="about_detail")

    now = clock.now()
    text_hash = _text_hash(email, text)
    source = ip_hash(ip_address)
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)  # serialises numbering
        earlier = (Complaint.objects.filter(council=council, text_hash=text_hash,
                                            received_at__gte=now - DUPLICATE_WINDOW).order_by("received_at").first())
        if earlier is not None:
            return SubmitResult(earlier, created=False)
        if acting_user is None:
            _check_rate(source)
        year = london_date(now).year
        number = (Complaint.objects.filter(council=council, year=year).order_by("-number")
                  .values_list("number", flat=True).first() or 0) + 1
        complaint = Complaint(council=council, reference=f"{reference_prefix(council)}-{year}-{number:04d}",
                              year=year, number=number, name=name, email=email, phone=phone,
                              confidential=bool(confidential), about=about, about_clerk=bool(about_clerk),
                              about_detail=about_detail, post=post, channel=channel, text=text, text_hash=text_hash,
                              received_at=now, source_ip_hash=source)
        try:
            with transaction.atomic():
                complaint.save()
        except IntegrityError:
            raise ValidationFailed(SPAM_MESSAGE) from None
        actor = acting_user if acting_user is not None else PUBLIC
        subject = complaint_subject(complaint)
        handler, assigned = _handler_for(council, complaint, subject)
        received = london_date(now)
        case = Case.objects.create(council=council, complaint=complaint, handler=handler, assigned_to=assigned,
                                   opened_at=now,
                                   acknowledge_by=deadline(council, received, "acknowledge_working_days"),
                                   respond_by=deadline(council, received, "respond_working_days"))
        add_action(case, kind=ActionKind.RECEIVED, visibility=Visibility.PUBLIC, by=actor,
                   text="We received your complaint. We will acknowledge it by "
                        f"{clock.format_date(case.acknowledge_by)} and aim to respond in full by "
                        f"{clock.format_date(case.respond_by)}.")
        add_action(case, kind=ActionKind.ROUTED, visibility=Visibility.STAFF, by=actor,
                   text=f"Handled by {Handler(handler).label.lower()}"
                        f"{f' ({assigned.name})' if assigned else ' (nobody holds that role: assign someone)'}.")
        audit_record(council=council, actor=actor, event_type=EventType.COMPLAINT_RECEIVED, target=complaint,
                     data={"case": case.pk, "about": about, "post": post.pk if post else None,
                           "channel": channel.pk if channel else None, "handler": handler,
                           "acknowledge_by": case.acknowledge_by, "respond_by": case.respond_by})
        place_holds(case, actor)
        notify.tell_complainant(complaint, "We have received your complaint", [
            f"Thank you for your complaint to {council.name}. Your reference is {complaint.reference}.",
            f"We will acknowledge it by {clock.format_date(case.acknowledge_by)} and aim to send you our response "
            f"by {clock.format_date(case.respond_by)}.",
            "What you told us:", text])
        if assigned is not None:
            notify.tell_handlers(case, "New complaint", [
                f"A complaint was received on {clock.format_datetime(now)}.",
                f"Acknowledge it by {clock.format_date(case.acknowledge_by)}; respond by "
                f"{clock.format_date(case.respond_by)}."], [assigned.official_email])
    return SubmitResult(complaint, created=True)
