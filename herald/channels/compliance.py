"""The identification checklist (policy ident.1 to ident.4) for an official channel.

Each check returns ok True (passes), False (fails) or None (cannot be checked automatically:
the Clerk confirms by hand), with one plain-English sentence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from herald.channels.connect import connector_for, public_page_url
from herald.channels.models import Channel, LogoUse, Platform, Use
from herald.connectors.base import Profile
from herald.connectors.errors import ConnectorError
from herald.core.errors import HeraldError
from herald.policy.selectors import council_settings


@dataclass(frozen=True)
class CheckResult:
    clause: str
    ok: bool | None
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def check_email_domain(channel: Channel) -> CheckResult:
    settings = council_settings(council=channel.council)
    allowed = settings["official_email_domains"] + settings["partner_email_domains"]
    if channel.platform == Platform.NEWSFEED:
        return CheckResult("ident.1", True, "Herald's own news feed needs no separate account.")
    if not channel.account_email:
        return CheckResult("ident.1", False, "Record the email address the account is registered with.")
    domain = channel.account_email.rsplit("@", 1)[-1].lower()
    if domain in allowed:
        return CheckResult("ident.1", True, f"The account uses an approved address (@{domain}).")
    return CheckResult("ident.1", False, f"The account uses @{domain}. Official accounts must use the council's "
                       f"address (@{' or @'.join(allowed) or 'no domain set'}) or an approved partner's.")


def check_complaints_info(channel: Channel, profile: Profile | None, error: str | None) -> CheckResult:
    url = public_page_url(channel)
    if profile is not None:
        text = " ".join([profile.description, *profile.links])
        if url in text or url.replace("http://", "https://") in text:
            return CheckResult("ident.2", True, "The profile links to the channel's feedback and complaints page.")
        return CheckResult("ident.2", False, f"The profile does not show the feedback and complaints link. Add {url} "
                           "to the profile's description.")
    if channel.complaints_info_confirmed_at:
        return CheckResult("ident.2", True, "The Clerk confirmed that feedback and complaints information is published.")
    reason = f" ({error})" if error else ""
    return CheckResult("ident.2", None, f"Herald could not read the profile{reason}. Check by hand that it shows "
                       f"{url}, then confirm it.")


def check_logo(channel: Channel) -> CheckResult:
    if channel.logo_use == LogoUse.NOT_RECORDED:
        return CheckResult("ident.3", False, "Record whether the channel uses the Council's logo.")
    if channel.logo_use == LogoUse.USES_LOGO and channel.use == Use.NON_COUNCIL:
        return CheckResult("ident.3", False, "The Council's logo must not be used on a channel that is not part of a "
                           "Council service.")
    return CheckResult("ident.3", True, f"Logo use recorded: {LogoUse(channel.logo_use).label.lower()}.")


def check_identification(channel: Channel, profile: Profile | None) -> CheckResult:
    if profile is None:
        return CheckResult("ident.4", None, "Herald could not read the profile. Check by hand that it says who runs "
                           "it on the Council's behalf.")
    text = f"{profile.display_name} {profile.description}".lower()
    if channel.council.name.lower() in text:
        return CheckResult("ident.4", True, "The profile says it is run for the Council.")
    return CheckResult("ident.4", False, f"The profile does not say it is run for {channel.council.name}. Say so in "
                       "the profile's description.")


def run_checks(channel: Channel) -> list[CheckResult]:
    profile, error = None, None
    if channel.platform != Platform.OTHER:
        try:
            with connector_for(channel) as connector:
                profile = connector.fetch_profile()
        except ConnectorError as exc:
            error = exc.message if hasattr(exc, "message") else exc.code
        except HeraldError as exc:
            error = exc.message
    return [check_email_domain(channel), check_complaints_info(channel, profile, error), check_logo(channel),
            check_identification(channel, profile)]
