"""Schemathesis generates requests from the OpenAPI schema (valid and invalid ones) and sends them
to Herald's WSGI application with a real token: no request may cause a server error, and every
response must match the schema (documented status code, content type and body)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import make_token
from tests.posts.conftest import CLEAN, PHONE
from tests.posts.helpers import draft

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _load_schema():
    from herald.wsgi import application

    return schemathesis.openapi.from_wsgi("/api/openapi.json", application)


schema = _load_schema()


@pytest.fixture
def posts(acked, channel):
    """Something to find: a draft, a post in review, and one of the Clerk's own."""
    from herald.posts import services

    draft(acked.member, CLEAN, [channel])
    services.post_submit(acting_user=acked.member.user, post=draft(acked.member, PHONE, [channel]))
    draft(acked.clerk, CLEAN, [channel])


@pytest.fixture
def bearer(acked, posts):
    """The Clerk's token (the Clerk may call every operation). Rate limits stay on: a 429 is a
    documented answer, not a failure."""
    return {"Authorization": f"Bearer {make_token(acked.clerk)}"}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_causes_a_server_error(case, bearer):
    response = case.call(headers=bearer)
    case.validate_response(response, checks=CHECKS)
