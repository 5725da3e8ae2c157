"""POST /events/1.0/ and /events/1.0/validate over HTTP, against the real Neo4j."""

import json

import pytest

from app import create_app
from tests.caliper.conftest import (
    add_items,
    add_people,
    completed,
    completed_rels,
    envelope,
    graph_state,
    load,
    token,
)
from tests.conftest import app_config

T0 = "2024-03-04T10:00:00.000Z"


def post(client, path, body, headers, content_type="application/json"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client.post(path, data=data, headers=headers, content_type=content_type)


def minor(response) -> list[str]:
    return [
        f["imsx_codeMinorFieldValue"]
        for f in response.json["imsx_CodeMinor"]["imsx_codeMinorField"]
    ]


@pytest.mark.parametrize("path", ["/events/1.0/", "/events/1.0"])
def test_a_completed_envelope_is_recorded_and_summarised(client, graph, write_headers, path):
    add_people(graph, "s1")
    add_items(graph, ("i1", None))
    response = post(client, path, envelope(completed("s1", "i1", T0)), write_headers)
    assert response.status_code == 200, response.json
    assert response.json == {
        "received": 1,
        "completionsRecorded": 1,
        "duplicates": 0,
        "acceptedNotCompletions": 0,
        "pending": 0,
        "dryRun": False,
    }
    assert len(completed_rels(graph)) == 1


def test_the_spec_fixtures_over_http(client, graph, write_headers, caliper_dir):
    activated = post(
        client,
        "/events/1.0/",
        load(caliper_dir, "v1p2_caliperEventAssignableActivated.json"),
        write_headers,
    )
    assert (activated.status_code, activated.json["acceptedNotCompletions"]) == (200, 1)
    batch = post(
        client,
        "/events/1.0/",
        load(caliper_dir, "v1p2_caliperEnvelopeEventBatch.json"),
        write_headers,
    )
    assert (batch.status_code, batch.json["received"]) == (200, 3)
    wrong = post(
        client,
        "/events/1.0/",
        load(caliper_dir, "v1p2_caliperEventAssignable-WrongAction.json"),
        write_headers,
    )
    assert wrong.status_code == 400
    assert wrong.json["imsx_codeMajor"] == "failure"
    assert minor(wrong) == ["invaliddata"]
    [detail] = wrong.json["imsx_error_details"]
    assert detail["id"] == "urn:uuid:2635b9dd-0061-4059-ac61-2718ab366f75"
    assert "Deleted" in detail["reason"]


def test_validate_reports_and_writes_nothing(client, graph, write_headers):
    before = graph_state(graph)
    response = post(client, "/events/1.0/validate", [completed(), completed()], write_headers)
    assert response.status_code == 200
    assert response.json["completionsRecorded"] == 2
    assert response.json["pending"] == 2
    assert response.json["dryRun"] is True
    assert graph_state(graph) == before
    bad = post(client, "/events/1.0/validate", completed(action="Deleted"), write_headers)
    assert bad.status_code == 400


def test_invalid_events_are_400_listing_each_and_nothing_is_written(client, graph, write_headers):
    add_people(graph, "s1")
    add_items(graph, ("i1", None))
    before = graph_state(graph)
    body = envelope(completed("s1", "i1", T0), completed(time_="soon"), {"type": "ViewEvent"})
    response = post(client, "/events/1.0/", body, write_headers)
    assert response.status_code == 400
    details = response.json["imsx_error_details"]
    assert [(d["index"], d["id"]) for d in details] == [(1, body["data"][1]["id"]), (2, None)]
    fields = [
        f["imsx_codeMinorFieldName"] for f in response.json["imsx_CodeMinor"]["imsx_codeMinorField"]
    ]
    assert "data[1].eventTime" in fields
    assert graph_state(graph) == before


@pytest.mark.parametrize("body", [b"{not json", b"", b"\xff\xfe", b'"just a string"', b"[1, 2]"])
def test_a_body_that_is_not_a_caliper_json_document_is_400(client, write_headers, body):
    response = post(client, "/events/1.0/", body, write_headers)
    assert response.status_code == 400
    assert response.json["imsx_codeMajor"] == "failure"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_a_wrong_content_type_is_415(client, write_headers, content_type):
    response = post(client, "/events/1.0/", completed(), write_headers, content_type)
    assert response.status_code == 415
    assert (
        response.json["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldName"]
        == "Content-Type"
    )


def test_json_ld_and_charset_are_fine(client, write_headers):
    for content_type in ("application/ld+json", "application/json; charset=utf-8"):
        response = post(
            client, "/events/1.0/", completed(action="Started"), write_headers, content_type
        )
        assert response.status_code == 200


def test_a_body_over_the_size_limit_is_413(neo4j_server, graph):
    small = create_app(app_config(neo4j_server, MAX_CONTENT_LENGTH=2048))
    headers = {"Authorization": f"Bearer {token(small, small.config['CALIPER_WRITE_SCOPE'])}"}
    body = envelope(*[completed() for _ in range(20)])
    response = post(small.test_client(), "/events/1.0/", body, headers)
    assert response.status_code == 413
    assert response.json["imsx_codeMajor"] == "failure"
    assert graph_state(graph)[0] == 0


def test_more_events_than_the_limit_is_413(neo4j_server, graph):
    few = create_app(app_config(neo4j_server, CALIPER_MAX_EVENTS=3))
    headers = {"Authorization": f"Bearer {token(few, few.config['CALIPER_WRITE_SCOPE'])}"}
    client = few.test_client()
    assert post(client, "/events/1.0/", [completed() for _ in range(3)], headers).status_code == 200
    response = post(client, "/events/1.0/", envelope(*[completed() for _ in range(4)]), headers)
    assert response.status_code == 413
    assert "limit is 3" in response.json["imsx_description"]


def test_no_token_is_401_and_a_read_only_token_is_403(client, read_headers, graph):
    missing = post(client, "/events/1.0/", completed(), {})
    assert missing.status_code == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    bad = post(client, "/events/1.0/", completed(), {"Authorization": "Bearer not.a.token"})
    assert bad.status_code == 401
    read_only = post(client, "/events/1.0/", completed(), read_headers)
    assert read_only.status_code == 403
    assert minor(read_only) == ["forbidden"]
    assert post(client, "/events/1.0/validate", completed(), read_headers).status_code == 403
    assert graph_state(graph)[0] == 0


def test_neo4j_down_is_503_with_retry_after(neo4j_server, graph):
    broken = create_app(
        app_config(
            neo4j_server,
            NEO4J_URI="bolt://127.0.0.1:9",
            NEO4J_CONNECTION_TIMEOUT=1.0,
            NEO4J_MAX_RETRY_TIME=0.5,
        )
    )
    headers = {"Authorization": f"Bearer {token(broken, broken.config['CALIPER_WRITE_SCOPE'])}"}
    response = post(broken.test_client(), "/events/1.0/", envelope(completed()), headers)
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert minor(response) == ["server_busy"]
    assert graph_state(graph)[0] == 0


def test_get_is_405(client, write_headers):
    assert client.get("/events/1.0/", headers=write_headers).status_code == 405


def test_the_openapi_document_describes_both_routes(client):
    spec = client.get("/openapi.json").json
    post_op = spec["paths"]["/events/1.0/"]["post"]
    assert {"200", "400", "401", "403", "413", "415", "503"} <= set(post_op["responses"])
    assert post_op["security"] == [{"bearerAuth": []}]
    body = post_op["requestBody"]["content"]["application/json"]
    assert "envelope" in body["examples"]
    assert "/events/1.0/validate" in spec["paths"]
    summary = spec["components"]["schemas"]["IngestSummary"]["properties"]
    assert {"completionsRecorded", "acceptedNotCompletions", "pending"} <= set(summary)
