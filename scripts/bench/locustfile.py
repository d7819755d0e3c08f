"""Load for `make bench-web`: signed-in Clerks of many councils using the review queue and the
archive search (issue 6). Each simulated user is the Clerk of one council (sessions made by
seed_web.py); think time 0.5-1.5 s, as a person clicking."""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, task

DATA = json.loads(open(os.environ.get("HERALD_BENCH_SESSIONS", "var/bench/sessions.json")).read())
_sessions = itertools.cycle(DATA["sessions"])


class Clerk(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        self.session = next(_sessions)
        self.client.headers["Cookie"] = self.session["cookie"]

    def _get(self, url, name, **params):
        with self.client.get(url, params=params, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")

    @task(3)
    def review_queue(self):
        self._get("/posts/review", "review queue")

    @task(3)
    def archive_search(self):
        self._get("/posts/archive", "archive search", q=random.choice(DATA["queries"]))

    @task(1)
    def archive_filtered(self):
        self._get("/posts/archive", "archive search + clause", q=random.choice(DATA["queries"]), clause="tou.1")
