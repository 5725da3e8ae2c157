"""The skeleton against the real Neo4j: health, readiness, errors, schema."""

import pytest

from app import create_app
from app.cli import apply_schema
from app.config import DEV_JWT_SECRET, ConfigError
from tests.conftest import app_config


def test_healthz_answers_without_the_database(app):
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readyz_is_200_when_neo4j_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json["neo4j"] == "ok"


def test_readyz_is_503_with_retry_after_when_neo4j_is_unreachable(neo4j_server):
    # Port 9 (discard) on loopback: nothing listens, so the connection is refused.
    broken = create_app(
        app_config(
            neo4j_server,
            NEO4J_URI="bolt://127.0.0.1:9",
            NEO4J_CONNECTION_TIMEOUT=1.0,
            NEO4J_MAX_RETRY_TIME=0.5,
        )
    )
    response = broken.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    field = response.json["imsx_CodeMinor"]["imsx_codeMinorField"][0]
    assert field["imsx_codeMinorFieldValue"] == "server_busy"


def test_unknown_route_is_404_in_the_ims_envelope(app):
    response = app.test_client().get("/no/such/path")
    assert response.status_code == 404
    body = response.json
    assert body["imsx_codeMajor"] == "failure"
    assert body["imsx_severity"] == "error"
    assert body["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"] == (
        "unknownobject"
    )


def test_schema_is_idempotent_and_creates_the_natural_key_constraints(app, graph):
    with app.app_context():
        first = apply_schema()
        second = apply_schema()
    assert first == second
    records, _, _ = graph.execute_query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties")
    keys = {(r["labelsOrTypes"][0], r["properties"][0]) for r in records}
    assert {("CFDocument", "identifier"), ("CFItem", "identifier"), ("Person", "sourcedId")} <= keys


def test_production_refuses_the_development_secret(neo4j_server):
    with pytest.raises(ConfigError, match="JWT"):
        create_app(
            app_config(
                neo4j_server,
                ENV="production",
                JWT_SECRET=DEV_JWT_SECRET,
                NEO4J_PASSWORD="not-the-default",
            )
        )


def test_examples_command_prints_requests_for_loaded_ids(app, graph):
    graph.execute_query(
        "CREATE (:CFItem:Course {identifier: 'c1', documentId: 'd1', typeCode: 'course'})"
        "<-[:CHILD_OF]-(l:CFItem {identifier: 'l1'})"
        " CREATE (:Person {sourcedId: 's1', registered: true})-[:COMPLETED]->(l)"
    )
    result = app.test_cli_runner().invoke(args=["examples"])
    assert result.exit_code == 0, result.output
    assert "/documents/d1/courses/c1" in result.output
    assert "/courses/c1/students/s1/progress" in result.output


def test_examples_command_says_when_nothing_is_loaded(app, graph):
    result = app.test_cli_runner().invoke(args=["examples"])
    assert result.exit_code != 0
    assert "seed demo" in result.output


def test_the_base_url_points_to_the_docs(app):
    response = app.test_client().get("/")
    assert response.status_code == 200
    assert response.json["docs"] == "/docs"
    assert app.test_client().get(response.json["openapi"]).status_code == 200
