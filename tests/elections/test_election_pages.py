"""The Elections register and calendar in the web UI: forms, bad input, escaping, the banner, the CLI status."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template import engines
from django.test import RequestFactory

from herald.core import clock
from herald.elections import services
from herald.elections.context import pre_election
from herald.elections.models import Election, PreElectionPeriod
from herald.records.models import AuditEvent

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LONDON = ZoneInfo("Europe/London")


def form(kind="local", poll=("6", "5", "2027"), notice=("", "", ""), dissolution=("", "", ""), **extra) -> dict:
    data = {"kind": kind, "area": "", "candidates": "", "description": ""}
    for name, parts in (("polling_day", poll), ("notice_date", notice), ("dissolution_date", dissolution)):
        data.update({f"{name}_{i}": part for i, part in enumerate(parts)})
    return data | extra


def in_force_now(people, **kwargs) -> Election:
    """A by-election whose period is in force whatever the time of day: notice 3 days ago, poll in 10 days."""
    today = clock.today_in_london()
    return services.election_create(acting_user=people.clerk.user, council=people.council, kind="by_election",
                                    polling_day=today + dt.timedelta(days=10),
                                    notice_date=today - dt.timedelta(days=3), **kwargs)


def test_clerk_adds_a_local_election_and_sees_the_computed_notice_date(people, signed_in):
    client = signed_in(people.clerk)
    page = client.get("/elections/new").content.decode()
    assert 'name="kind" type="radio" value="local" checked' in page
    response = client.post("/elections/new", form(area="Whole council", candidates="Ann Smith\nBob Jones"))
    election = Election.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/elections/{election.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Wednesday 31 March 2027" in page and "Computed" in page
    assert "From the start of Wednesday 31 March 2027 until 10pm on Thursday 6 May 2027 (UK time)" in page
    assert "Ann Smith" in page and "All official channels" in page
    assert "has been added to the register" in page
    register = client.get("/elections/").content.decode()
    assert "Thursday 6 May 2027" in register and "Scheduled local election (Whole council)" in register


def test_new_form_suggests_the_next_ordinary_polling_day(people, signed_in):
    services.election_create(acting_user=people.clerk.user, council=people.council, kind="local",
                             polling_day=dt.date(2027, 5, 6))
    page = signed_in(people.clerk).get("/elections/new").content.decode()
    assert 'name="polling_day_0" type="text" inputmode="numeric" value="1"' in page
    assert 'name="polling_day_1" type="text" inputmode="numeric" value="5"' in page
    assert 'name="polling_day_2" type="text" inputmode="numeric" value="2031"' in page


@pytest.mark.parametrize(("data", "message"), [
    (form(poll=("", "", "")), "Enter the polling day"),
    (form(poll=("31", "2", "2027")), "Polling day must be a real date"),
    (form(notice=("7", "5", "2027")), "is after polling day"),
    (form(poll=("5", "5", "2101")), "2007 to 2100"),
    (form(kind="by_election", dissolution=("1", "4", "2027")), "Only a UK Parliamentary general election"),
    (form(kind=""), "Select the kind of election"),
])
def test_bad_input_shows_the_error_summary_and_saves_nothing(people, signed_in, data, message):
    before = (Election.objects.count(), PreElectionPeriod.objects.count(), AuditEvent.objects.count())
    data["area"] = "East ward"
    response = signed_in(people.clerk).post("/elections/new", data)
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and message in body
    assert "<title>Error: Add an election" in body
    assert 'value="East ward"' in body  # what was typed is kept
    assert (Election.objects.count(), PreElectionPeriod.objects.count(), AuditEvent.objects.count()) == before


def test_scheduled_poll_not_on_a_thursday_asks_for_confirmation_first(people, signed_in):
    client = signed_in(people.clerk)
    response = client.post("/elections/new", form(poll=("4", "5", "2027")))
    body = response.content.decode()
    assert response.status_code == 400 and "is not a Thursday" in body
    assert 'name="confirm_not_thursday"' in body and '<a href="#id_polling_day">' in body
    assert not Election.objects.exists()
    response = client.post("/elections/new", form(poll=("4", "5", "2027"), confirm_not_thursday="on"))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "govuk-warning-text" in page and "is not a Thursday" in page


def test_by_election_not_on_a_thursday_is_saved_with_a_warning(people, signed_in):
    client = signed_in(people.clerk)
    response = client.post("/elections/new", form(kind="by_election", poll=("13", "7", "2027")))
    assert response.status_code == 302
    assert "is not a Thursday" in client.get(response["Location"]).content.decode()


def test_edit_and_cancel_through_the_pages(people, signed_in):
    client = signed_in(people.clerk)
    election = services.election_create(acting_user=people.clerk.user, council=people.council, kind="local",
                                        polling_day=dt.date(2027, 5, 6), candidates=["Ann Smith"])
    page = client.get(f"/elections/{election.pk}/edit").content.decode()
    assert "Ann Smith</textarea>" in page and 'name="polling_day_2" type="text" inputmode="numeric" value="2027"' in page
    response = client.post(f"/elections/{election.pk}/edit", form(notice=("19", "3", "2027"), candidates="Ann Smith"))
    assert response.status_code == 302
    page = client.get(f"/elections/{election.pk}/").content.decode()
    assert "Thursday 19 March 2027" not in page and "Friday 19 March 2027" in page and "Published" in page

    response = client.post(f"/elections/{election.pk}/cancel", {"reason": ""})
    assert response.status_code == 400 and "Enter why the election is cancelled" in response.content.decode()
    response = client.post(f"/elections/{election.pk}/cancel", {"reason": "Uncontested"})
    assert response.status_code == 302
    page = client.get(f"/elections/{election.pk}/").content.decode()
    assert "Cancelled" in page and "Uncontested" in page and "Change details" not in page
    assert client.get(f"/elections/{election.pk}/edit").status_code == 302
    assert not PreElectionPeriod.objects.exists()


def test_user_text_is_escaped_everywhere(people, signed_in):
    client = signed_in(people.clerk)
    election = in_force_now(people, area=XSS, candidates=[XSS], description=XSS)
    for url in ["/elections/", f"/elections/{election.pk}/", f"/elections/{election.pk}/edit",
                f"/elections/{election.pk}/cancel", "/elections/calendar", "/audit/"]:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;" in body, url


def test_calendar_lists_current_upcoming_and_past_periods(people, signed_in):
    in_force_now(people, area="East ward")
    services.election_create(acting_user=people.clerk.user, council=people.council, kind="local",
                             polling_day=dt.date(2099, 5, 7))
    services.election_create(acting_user=people.clerk.user, council=people.council, kind="local",
                             polling_day=dt.date(2023, 5, 4))
    body = signed_in(people.member).get("/elections/calendar").content.decode()
    now_section = body.split('id="current-period"')[1].split("Coming up")[0]
    assert "Pre-election rules apply until 10pm on" in now_section and "By-election (East ward)" in now_section
    assert "Thursday 7 May 2099" in body.split('id="upcoming-periods"')[1].split("</table>")[0]
    assert "Thursday 4 May 2023" in body.split('id="past-periods"')[1].split("</table>")[0]
    assert "/councils/stalbridge/elections.ics" in body
    assert "/elections/new" not in body  # members may read the calendar, not keep the register


def test_nav_link_only_for_those_who_keep_the_register(people, signed_in):
    assert 'href="/elections/">Elections</a>' in signed_in(people.clerk).get("/dashboard").content.decode()
    assert 'href="/elections/">Elections</a>' not in signed_in(people.member).get("/dashboard").content.decode()


def test_another_councils_clerk_cannot_reach_our_elections(people, other_people, signed_in):
    election = in_force_now(people, area="East ward")
    client = signed_in(other_people.clerk)
    for url in [f"/elections/{election.pk}/", f"/elections/{election.pk}/edit", f"/elections/{election.pk}/cancel"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/elections/{election.pk}/cancel", {"reason": "Mischief"}).status_code == 404
    assert "East ward" not in client.get("/elections/calendar").content.decode()
    assert not Election.objects.filter(status="cancelled").exists()


def _banner(request) -> str:
    template = engines["django"].from_string('{% include "elections/includes/period_banner.html" %}')
    return template.render(pre_election(request), request)


def test_banner_for_signed_in_representatives_when_a_period_is_in_force(people, other_people):
    request = RequestFactory().get("/dashboard")
    request.user = people.member.user
    assert _banner(request).strip() == ""
    election = in_force_now(people)
    banner = _banner(request)
    ends = election.period_ends_at.astimezone(LONDON)
    assert "Pre-election rules apply until 10pm on" in banner and f" {ends.day} " in banner
    assert 'href="/elections/calendar"' in banner
    request.user = other_people.member.user  # another council: nothing
    assert _banner(request).strip() == ""
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert pre_election(request) == {}


def run_status(*args) -> str:
    out = io.StringIO()
    call_command("elections", "status", *args, stdout=out)
    return out.getvalue()


def test_cli_status(people, other_people):
    assert "Stalbridge Town Council: No pre-election period is in force, and none is in the register." in run_status()
    services.election_create(acting_user=people.clerk.user, council=people.council, kind="local",
                             polling_day=dt.date(2027, 5, 6))
    out = run_status("--council", "stalbridge", "--at", "2027-04-01")
    assert out.splitlines() == [
        "Stalbridge Town Council: A pre-election period is in force: pre-election rules apply until 10pm on "
        "Thursday 6 May 2027 (UK time), closing all official channels.",
        "  Scheduled local election, Thursday 6 May 2027",
    ]
    out = run_status("--council", "stalbridge", "--at", "2027-03-30T23:59")
    assert "No pre-election period is in force. The next starts at the start of Wednesday 31 March 2027 and runs " \
           "until 10pm on Thursday 6 May 2027 (UK time)." in out
    assert "No pre-election period is in force" in run_status("--council", "stalbridge", "--at", "2027-05-06T22:00")
    out = run_status()
    assert "Milborne Parish Council:" in out and "Stalbridge Town Council:" in out
    with pytest.raises(CommandError, match="no council 'nope'"):
        run_status("--council", "nope")
    with pytest.raises(CommandError, match="not a date like"):
        run_status("--at", "tomorrow")


def test_clerk_limits_an_election_to_chosen_channels_and_the_public_page_says_so(people, signed_in, client):
    from tests.posts.conftest import make_channel

    ward = make_channel(people, name="East ward news")
    town = make_channel(people, name="Town news")
    clerk = signed_in(people.clerk)
    page = clerk.get("/elections/new").content.decode()
    assert "East ward news (active)" in page and "Town news (active)" in page
    today = clock.today_in_london()
    poll = today + dt.timedelta(days=10)
    notice = today - dt.timedelta(days=3)
    data = form(kind="by_election", poll=(str(poll.day), str(poll.month), str(poll.year)),
                notice=(str(notice.day), str(notice.month), str(notice.year)), confirm_not_thursday="on")
    response = clerk.post("/elections/new", data | {"scope": "chosen"})
    assert response.status_code == 400 and "Select at least one channel" in response.content.decode()
    assert not Election.objects.exists()
    response = clerk.post("/elections/new", data | {"scope": "chosen", "channels": [str(ward.pk)]})
    assert response.status_code == 302
    election = Election.objects.get()
    assert list(election.channels.all()) == [ward]
    assert "East ward news" in clerk.get(response["Location"]).content.decode()
    slug = people.council.slug
    assert 'id="pre-election-notice"' in client.get(f"/councils/{slug}/channels/{ward.pk}").content.decode()
    assert 'id="pre-election-notice"' not in client.get(f"/councils/{slug}/channels/{town.pk}").content.decode()
    edit = clerk.get(f"/elections/{election.pk}/edit").content.decode()
    assert 'value="chosen" checked' in edit
