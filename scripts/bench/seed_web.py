"""Seed a PostgreSQL database for `make bench-web`: N councils, each with a Clerk, a Member, one
official channel and P archived posts (most published, some waiting for review with screening
findings), then write one signed-in Clerk session per council for the load tool.

Councils and people go through the services (as in real use); the bulk of posts is inserted with
bulk_create, because a million posts through the services would take hours. Text comes from
a fixed vocabulary with a fixed random seed, so every run has the same data.

Usage: python scripts/bench/seed_web.py --councils 100 --posts 10000 --sessions var/bench/sessions.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "herald.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402

from herald.channels.models import Channel  # noqa: E402
from herald.channels.services import channel_decide, channel_propose  # noqa: E402
from herald.councils.services import council_create  # noqa: E402
from herald.people.services import account_create, representative_create  # noqa: E402
from herald.policy.services import SEED_POLICY, policy_load  # noqa: E402
from herald.posts.models import Finding, Post, ScreeningRun, State  # noqa: E402
from herald.web.views.base import TWO_FACTOR_SESSION_KEY  # noqa: E402

WORDS = """
council town parish meeting agenda minutes playground park bins recycling waste collection road closure resurfacing
street lighting footpath bridleway allotments cemetery library market hall community centre grant funding budget
precept consultation planning application hedge trees bench bus shelter defibrillator flood drainage gully pothole
festival fete carnival christmas lights remembrance poppy volunteers litter pick spring clean youth club sports
football cricket tennis bowls pavilion car park parking permit toilets dog fouling bins emptied tuesday wednesday
thursday friday saturday sunday morning evening afternoon week month january february march april may june july
august september october november december residents welcome invited please join us thank you update notice
closed open reopened repairs works contractor schedule delayed weather storm snow gritting salt heatwave water
station gold church high lane mill farm green river bridge school surgery pharmacy post office shop cafe pub
""".split()
RARE = ["defibrillator", "gritting", "bowls", "pavilion", "carnival", "heatwave", "bridleway"]
QUERIES = ["playground", "road closure", "allotments", "christmas lights", "defibrillator", "recycling bins",
           "consultation", "flood drainage", "gritting", "library"]
CLAUSES = ["law.data_protection", "tou.1", "tou.3", "ident.5", "elections"]


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 40))]
    if rng.random() < 0.02:
        words.insert(rng.randrange(len(words)), rng.choice(RARE))
    return " ".join(words).capitalize() + "."


def make_council(i: int, policy_text: str, password_hash: str):
    slug, domain = f"bench{i:03d}", f"bench{i:03d}.gov.uk"
    council = council_create(acting_user=None, name=f"Bench {i:03d} Town Council", slug=slug)
    policy_load(acting_user=None, council=council, text=policy_text.replace("stalbridgetowncouncil.gov.uk", domain),
                source="seed.yaml")
    clerk = representative_create(acting_user=None, council=council, name=f"Clerk {i:03d}", kind="employee",
                                  roles=["clerk"], official_email=f"clerk@{domain}")
    member = representative_create(acting_user=None, council=council, name=f"Cllr Member {i:03d}", kind="member",
                                   roles=["member"], official_email=f"member@{domain}")
    user, _ = account_create(acting_user=None, representative=clerk)
    user.password = password_hash
    user.save(update_fields=["password"])
    channel = channel_propose(acting_user=user, council=council, owner=clerk, representatives=[clerk, member],
                              name="Town news", platform="bluesky", kind="micro_blogging", use="council_service",
                              purpose="News", audience="general", handle=f"news.{domain}", account_email="",
                              logo_use="uses_logo")
    channel_decide(acting_user=user, channel=channel, action="approve")
    channel_decide(acting_user=user, channel=channel, action="activate")
    return council, clerk, member, user, channel


def insert_posts(rows, batch: int = 5000) -> None:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == batch:
            Post.objects.bulk_create(chunk)
            chunk = []
    Post.objects.bulk_create(chunk)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=100)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--in-review", type=int, default=25, help="posts per council waiting for the Clerk")
    parser.add_argument("--sessions", type=Path, default=Path("var/bench/sessions.json"))
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("The web benchmark runs on PostgreSQL (set DATABASE_URL).")
    rng = random.Random(20261125)
    started = time.monotonic()
    from django.contrib.auth.hashers import make_password

    password_hash = make_password("bench-password-not-used")
    policy_text = SEED_POLICY.read_text()
    now = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
    sessions = []
    for i in range(args.councils):
        council, clerk, member, user, channel = make_council(i, policy_text, password_hash)

        def rows():
            for n in range(args.posts):
                at = now - dt.timedelta(minutes=37 * (args.posts - n))
                waiting = n >= args.posts - args.in_review
                yield Post(council=council, author=member if n % 3 else clerk, text=sentence(rng),
                           state=State.IN_REVIEW if waiting else State.PUBLISHED, version=1,
                           verdict="review" if waiting else "pass", created_at=at, updated_at=at, submitted_at=at,
                           approved_version=None if waiting else 1, published_at=None if waiting else at)

        insert_posts(rows())
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO posts_post_channels (post_id, channel_id) SELECT id, %s FROM posts_post "
                           "WHERE council_id = %s", [channel.pk, council.pk])
        # Screening runs with a finding for the posts waiting for review (the queue shows them).
        waiting = list(Post.objects.filter(council=council, state=State.IN_REVIEW))
        runs = ScreeningRun.objects.bulk_create(
            ScreeningRun(council=council, post=p, post_version=1, engine_version="bench", verdict="review", text=p.text,
                         text_hash="-", at=p.submitted_at) for p in waiting)
        Finding.objects.bulk_create(
            Finding(run=r, rule_id="bench.rule", clause_id=CLAUSES[i % len(CLAUSES)], category="personal_data",
                    severity="review", score=0.8, start=0, end=10, evidence="evidence",
                    message="A finding for the benchmark.") for r in runs)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[TWO_FACTOR_SESSION_KEY] = True
        session.set_expiry(24 * 3600)
        session.create()
        sessions.append({"council": council.slug, "cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"})
        if (i + 1) % 10 == 0:
            print(f"  {i + 1} councils, {(i + 1) * args.posts:,} posts ({time.monotonic() - started:.0f} s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    args.sessions.parent.mkdir(parents=True, exist_ok=True)
    first = Channel.objects.filter(council__slug=sessions[0]["council"]).order_by("pk").first()
    args.sessions.write_text(json.dumps({"sessions": sessions, "queries": QUERIES, "channel": first.pk}, indent=1))
    print(f"Seeded {args.councils} councils x {args.posts:,} posts in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
