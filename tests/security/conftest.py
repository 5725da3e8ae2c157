"""Fixtures for the attack tests: a graph seeded by `flask seed demo`, tokens, a graph checksum."""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from dataclasses import dataclass

import jwt
import pytest

from app.config import DEFAULTS, DEV_JWT_SECRET
from tests.conftest import wipe

READ_SCOPE = str(DEFAULTS["CASE_READ_SCOPE"])
WRITE_SCOPE = str(DEFAULTS["CALIPER_WRITE_SCOPE"])
# Small but real: two courses of five levels, students with completions from two apps.
DEMO_ARGS = ("--courses", "2", "--items", "60", "--students", "4", "--apps", "2", "--seed", "7")


def make_token(
    scope: str | None = READ_SCOPE,
    *,
    key: object = DEV_JWT_SECRET,
    algorithm: str = "HS256",
    lifetime: int = 600,
    headers: dict | None = None,
    **claims: object,
) -> str:
    """A JWT the default configuration accepts, unless told otherwise (None claims left out)."""
    now = int(time.time())
    payload = {"sub": "security-tests", "iat": now, "nbf": now, "exp": now + lifetime}
    payload.update(scope=scope, **claims)
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode(payload, key, algorithm=algorithm, headers=headers)


V1P2 = "http://purl.imsglobal.org/ctx/caliper/v1p2"


def completed_event(seeded: Seeded, **fields) -> dict:
    """A valid Completed event of a real student for a real item, with ``fields`` replaced."""
    return {
        "@context": V1P2,
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AssignableEvent",
        "action": "Completed",
        "actor": f"urn:uuid:{seeded.student}",
        "object": f"urn:uuid:{seeded.course}",
        "eventTime": "2026-04-06T14:30:00.000Z",
        "edApp": f"urn:uuid:{seeded.application}",
        **fields,
    }


def envelope(*events: dict, **fields) -> dict:
    """A Sensor API envelope around ``events``, with envelope ``fields`` replaced."""
    return {
        "sensor": "https://example.edu/sensors/1",
        "sendTime": "2026-04-06T14:30:01.000Z",
        "dataVersion": V1P2,
        "data": list(events),
        **fields,
    }


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@dataclass(frozen=True)
class Seeded:
    """What `flask seed demo` loaded: ids to put in paths, and every id that must not leak."""

    document: str
    course: str
    student: str
    application: str
    secrets: frozenset[str]  # every CFItem/CFDocument identifier and Person sourcedId

    @property
    def paths(self) -> dict[str, str]:
        return {
            "progress": f"/curriculum/1.0/courses/{self.course}/students/{self.student}/progress",
            "courses": f"/curriculum/1.0/documents/{self.document}/courses",
            "course": f"/curriculum/1.0/documents/{self.document}/courses/{self.course}",
        }

    def leaks(self, body: bytes) -> set[str]:
        text = body.decode("utf-8", errors="replace")
        return {identifier for identifier in self.secrets if identifier in text}


def _rows(driver, statement: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(statement, params)
    return [r.data() for r in records]


def seed_demo(app, driver) -> Seeded:
    """Wipe the graph and load the demo through the `flask seed demo` command."""
    wipe(driver)
    result = app.test_cli_runner().invoke(args=["seed", "demo", *DEMO_ARGS])
    assert result.exit_code == 0, result.output
    (found,) = _rows(
        driver,
        "MATCH (p:Student)-[c:COMPLETED]->(:CFItem)-[:CHILD_OF*0..]->(course:Course) "
        "WHERE c.applicationId <> '' "
        "RETURN course.identifier AS course, course.documentId AS document, "
        "p.sourcedId AS student, c.applicationId AS application "
        "ORDER BY course, student, application LIMIT 1",
    )
    ids = _rows(
        driver,
        "MATCH (n) WHERE n:CFItem OR n:CFDocument OR n:Person "
        "RETURN coalesce(n.identifier, n.sourcedId) AS id",
    )
    return Seeded(secrets=frozenset(r["id"] for r in ids), **found)


@pytest.fixture(scope="module")
def seeded(app, neo4j_driver) -> Seeded:
    """The demo data, loaded once for the module (tests here must leave it as it is)."""
    return seed_demo(app, neo4j_driver)


def graph_state(driver) -> tuple[int, int, str]:
    """(nodes, relationships, sha256 over every label, type and property)."""
    nodes = _rows(driver, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = _rows(
        driver,
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, "
        "elementId(a) AS a, elementId(b) AS b",
    )
    lines = sorted(json.dumps(r, sort_keys=True, default=str) for r in [*nodes, *rels])
    return len(nodes), len(rels), hashlib.sha256("\n".join(lines).encode()).hexdigest()


def assert_envelope(response, status: int) -> dict:
    """The IMS status envelope with ``status``; returns the body."""
    assert response.status_code == status, (response.status_code, response.data[:500])
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["imsx_codeMajor"] == "failure"
    assert body["imsx_severity"] == "error"
    assert isinstance(body["imsx_description"], str) and body["imsx_description"]
    fields = body["imsx_CodeMinor"]["imsx_codeMinorField"]
    assert fields and all(
        set(f) == {"imsx_codeMinorFieldName", "imsx_codeMinorFieldValue"} for f in fields
    )
    return body


@pytest.fixture(autouse=True, scope="session")
def _quiet_neo4j_notifications():
    # The server's notices for unknown labels flood the output on an empty graph.
    logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)
