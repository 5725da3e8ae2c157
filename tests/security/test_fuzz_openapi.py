"""The API fuzzed from its own OpenAPI document (schemathesis), in process, over seeded data.

FUZZ_EXAMPLES (examples per operation and mode) and FUZZ_SEED size and replay
the run; `python -m tests.security.fuzz --examples N` runs this test longer.
"""

import pytest

# Pinned in requirements.lock with its transitive packages; a machine without it
# skips here rather than failing the whole run at collection.
pytest.importorskip("schemathesis", minversion="4.32", reason="schemathesis is not installed")

from tests.security import fuzz  # noqa: E402
from tests.security.conftest import READ_SCOPE, WRITE_SCOPE, bearer, make_token


@pytest.fixture(scope="module")
def report(app, seeded):
    token = make_token(f"{READ_SCOPE} {WRITE_SCOPE}", lifetime=24 * 3600)
    real_ids = {
        "courseId": seeded.course,
        "studentId": seeded.student,
        "documentId": seeded.document,
    }
    result = fuzz.run(
        app,
        bearer(token)["Authorization"],
        real_ids,
        examples=fuzz.examples_from_env(),
        seed=fuzz.seed_from_env(),
    )
    print(f"\nfuzz (seed {fuzz.seed_from_env()}): {result.summary()}")
    return result


def test_every_operation_was_fuzzed_with_thousands_of_requests(app, report):
    operations = {op for op, _, _ in report.statuses}
    spec = app.test_client().get("/openapi.json").get_json()
    documented = {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    }
    assert operations == documented
    assert report.requests >= min(2000, 10 * fuzz.examples_from_env())


def test_real_ids_reached_the_200_answers(report):
    ok = {op for (op, mode, status) in report.statuses if status == 200 and mode == "real ids"}
    assert len(ok) == 3  # the three curriculum reads, at a course and student that exist


def test_no_5xx_and_every_response_as_documented(report):
    assert not report.failures, report.summary()


# What the fuzz once found, kept as plain regression tests.

V1P2 = "http://purl.imsglobal.org/ctx/caliper/v1p2"


def _event(event_time: str) -> dict:
    return {
        "@context": V1P2,
        "id": "urn:uuid:6b1f0a0e-3c0c-4f55-9c55-1c1d6e0e7a11",
        "type": "AssignableEvent",
        "action": "Completed",
        "actor": "urn:uuid:2b54af77-7143-4e1d-94ea-2061fc27d683",
        "object": "urn:uuid:90c192cf-d3ac-44af-8f21-ddb66cad4a26",
        "eventTime": event_time,
    }


def _envelope(send_time: str, *events: dict) -> dict:
    return {"sensor": "urn:s", "sendTime": send_time, "dataVersion": V1P2, "data": list(events)}


@pytest.mark.parametrize(
    ("document", "field"),
    [
        (_envelope("0001-01-01T00:00:00+01:00"), "sendTime"),
        (_envelope("9999-12-31T23:59:59-01:00"), "sendTime"),
        (
            _envelope("2026-01-01T00:00:00Z", _event("0001-01-01T00:30:00+01:00")),
            "data[0].eventTime",
        ),
    ],
    ids=["sendTime year 1", "sendTime year 9999", "eventTime year 1"],
)
@pytest.mark.parametrize("path", ["/events/1.0/", "/events/1.0/validate"])
def test_a_date_time_out_of_range_in_utc_is_a_400(app, path, document, field):
    token = make_token(WRITE_SCOPE)
    response = app.test_client().post(path, json=document, headers=bearer(token))
    assert response.status_code == 400, response.get_json()
    names = [
        f["imsx_codeMinorFieldName"] for f in response.json["imsx_CodeMinor"]["imsx_codeMinorField"]
    ]
    assert field in names


@pytest.mark.parametrize(
    "body", [[], [_event("2026-01-01T00:00:00Z")], _event("2026-01-01T00:00:00Z")]
)
def test_the_documented_request_schema_admits_what_the_endpoint_accepts(app, body):
    import jsonschema

    spec = app.test_client().get("/openapi.json").get_json()
    media = spec["paths"]["/events/1.0/"]["post"]["requestBody"]["content"]["application/json"]
    schema = {**media["schema"], "components": spec["components"]}
    jsonschema.validate(body, schema)
