"""Helpers for the Caliper tests: events, tokens, graph set-up and a graph checksum."""

import hashlib
import json
import time
import uuid

import jwt
import pytest

V1P1 = "http://purl.imsglobal.org/ctx/caliper/v1p1"
V1P2 = "http://purl.imsglobal.org/ctx/caliper/v1p2"


def event_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def completed(
    actor: object = "urn:uuid:student-1",
    obj: object = "urn:uuid:item-1",
    time_: str = "2024-03-04T10:00:00.000Z",
    ed_app: object = "urn:uuid:app-1",
    *,
    id_: str | None = None,
    context: str = V1P2,
    type_: str = "AssignableEvent",
    action: str = "Completed",
) -> dict:
    event = {
        "@context": context,
        "id": id_ or event_id(),
        "type": type_,
        "actor": actor,
        "action": action,
        "object": obj,
        "eventTime": time_,
    }
    if ed_app is not None:
        event["edApp"] = ed_app
    return event


def envelope(*events: dict, version: str = V1P2) -> dict:
    return {
        "sensor": "https://example.edu/sensors/1",
        "sendTime": "2024-03-04T10:00:01.000Z",
        "dataVersion": version,
        "data": list(events),
    }


def token(app, scope: str, ttl: int = 600) -> str:
    now = int(time.time())
    claims = {"sub": "caliper-test", "iat": now, "exp": now + ttl, "scope": scope}
    return jwt.encode(claims, app.config["JWT_SECRET"], "HS256")


@pytest.fixture
def write_headers(app) -> dict:
    return {"Authorization": f"Bearer {token(app, app.config['CALIPER_WRITE_SCOPE'])}"}


@pytest.fixture
def read_headers(app) -> dict:
    return {"Authorization": f"Bearer {token(app, app.config['CASE_READ_SCOPE'])}"}


@pytest.fixture
def caliper_dir(fixtures_dir):
    return fixtures_dir / "caliper"


def load(caliper_dir, name: str) -> dict:
    return json.loads((caliper_dir / name).read_text(encoding="utf-8"))


def add_people(driver, *sourced_ids: str) -> None:
    driver.execute_query(
        "UNWIND $ids AS id MERGE (p:Person {sourcedId: id}) SET p:User:Student",
        ids=list(sourced_ids),
    )


def add_items(driver, *items: tuple[str, str | None]) -> None:
    """CFItems as (identifier, uri)."""
    driver.execute_query(
        "UNWIND $items AS it MERGE (i:CFItem {identifier: it[0]}) SET i.uri = it[1]",
        items=[list(i) for i in items],
    )


def completed_rels(driver) -> list[dict]:
    records, _, _ = driver.execute_query(
        "MATCH (p:Person)-[r:COMPLETED]->(i:CFItem) "
        "RETURN p.sourcedId AS person, i.identifier AS item, r.applicationId AS app, "
        "r.completedAt AS at, r.eventId AS eventId, r.key AS key "
        "ORDER BY person, item, app"
    )
    return [r.data() for r in records]


def version_of(driver, sourced_id: str):
    records, _, _ = driver.execute_query(
        "MATCH (p:Person {sourcedId: $id}) RETURN p.completionsVersion AS v", id=sourced_id
    )
    return records[0]["v"]


def graph_state(driver) -> tuple[int, int, str]:
    """(nodes, relationships, checksum of every label, type and property)."""
    nodes, _, _ = driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, "
        "properties(a) AS a, properties(b) AS b"
    )
    lines = sorted(json.dumps(r.data(), sort_keys=True, default=str) for r in [*nodes, *rels])
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return len(nodes), len(rels), digest
