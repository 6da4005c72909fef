"""The API against its own OpenAPI spec (schemathesis): for requests generated from the spec,
valid and invalid, every operation answers without a server error, with a status code, content
type and body the spec documents, and refuses the invalid requests."""

from __future__ import annotations

import pytest
import schemathesis
from api_archive import TOKEN, archived_app
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from ceasefire.show.api import create_app
from ceasefire.store.database import open_database

# The spec does not depend on the archive: it is read off an app over an empty in-memory one
# at collection, and the requests go to an app over the wire reports (schemathesis's
# from_fixture loader needs a pytest attribute that pytest 9 no longer has).
schema = schemathesis.openapi.from_dict(create_app(open_database("sqlite://"), None, 1).openapi())
# Uploads are JSON Lines: text on the wire.
schemathesis.serializer.alias("application/x-ndjson", "text/plain")
# Whether an upload's text is good JSON Lines is not something its schema (a string) can say:
# any value schemathesis makes is sent as text, and bad lines are reported per line, so the
# checks that a schema-invalid body is refused and a valid one taken do not apply to it.
UNTYPED_BODY_CHECKS = [negative_data_rejection, positive_data_acceptance]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """The API over the three wire reports."""
    return archived_app(f"sqlite:///{tmp_path_factory.mktemp('schema') / 'archive.db'}")


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_its_spec_says(app: FastAPI, case: schemathesis.Case) -> None:
    upload = case.operation.path == "/api/ingest"
    case.call_and_validate(
        app=app,
        headers={"Authorization": f"Bearer {TOKEN}"},
        excluded_checks=UNTYPED_BODY_CHECKS if upload else None,
    )
