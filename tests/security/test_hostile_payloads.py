"""Hostile bodies and packages: each is refused with a clear 4xx or loader error, nothing written.

Bodies go to POST /events/1.0/ (the writing endpoint) next to a real
completion, so that a part of the body the service wrongly ignored would
show as a write. The graph is compared (counts and a checksum of every
property) before and after each case.
"""

from __future__ import annotations

import json
import re

import pytest

from seed.case_load import load_packages
from seed.case_package import parse_package
from seed.problems import InputError
from tests.curriculum.builders import CasePackage, chain
from tests.security.conftest import (
    READ_SCOPE,
    WRITE_SCOPE,
    assert_envelope,
    bearer,
    completed_event,
    envelope,
    graph_state,
    make_token,
)

MiB = 1024 * 1024
MARK = '"__HOSTILE__"'  # replaced in the serialised body by raw JSON text


event = completed_event  # the short name reads better in the many cases below


@pytest.fixture
def post(app, seeded, neo4j_driver):
    """POST raw bytes to /events/1.0/ and assert the graph did not change."""

    def _post(body: bytes, status: int = 400, content_type: str = "application/json"):
        before = graph_state(neo4j_driver)
        response = app.test_client().post(
            "/events/1.0/",
            data=body,
            content_type=content_type,
            headers=bearer(make_token(WRITE_SCOPE)),
        )
        assert_envelope(response, status)
        assert graph_state(neo4j_driver) == before, "the graph changed"
        return response

    return _post


def with_raw(document: object, raw: str) -> bytes:
    """``document`` serialised, its MARK string replaced by ``raw`` JSON text."""
    text = json.dumps(document)
    assert MARK in text
    return text.replace(MARK, raw, 1).encode()


def test_the_control_envelope_is_accepted(app, seeded):
    # The bodies below differ from this one in one place only.
    body = json.dumps(envelope(event(seeded))).encode()
    response = app.test_client().post(
        "/events/1.0/validate",
        data=body,
        content_type="application/json",
        headers=bearer(make_token(WRITE_SCOPE)),
    )
    assert response.status_code == 200
    assert response.json["completionsRecorded"] == 1


# --- deep nesting -----------------------------------------------------------


@pytest.mark.parametrize(
    "opening, closing", [("[", "]"), ('{"a":', "}")], ids=["arrays", "objects"]
)
@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_deeply_nested_json_as_the_body(post, opening, closing, depth):
    inner = "1" if opening != "[" else ""
    response = post((opening * depth + inner + closing * depth).encode())
    assert "not valid JSON" in response.json["imsx_description"]


@pytest.mark.parametrize("depth", [100_000, 2_000])
def test_deeply_nested_json_inside_an_event(post, seeded, depth):
    post(with_raw(envelope(event(seeded, object="__HOSTILE__")), "[" * depth + "]" * depth))


# Within orjson's own limit (1024), values deep enough that repr() inside the
# validator's messages exceeds the interpreter's recursion limit under Flask.
DEEP_FIELDS = ["type", "action", "@context", "eventTime", "id", "actor", "edApp"]


@pytest.mark.parametrize("field", DEEP_FIELDS)
def test_a_1000_deep_array_in_an_event_field(post, seeded, field):
    post(with_raw(envelope(event(seeded, **{field: "__HOSTILE__"})), "[" * 1000 + "]" * 1000))


@pytest.mark.parametrize("field", ["sendTime", "dataVersion"])
def test_a_1000_deep_array_in_an_envelope_field(post, seeded, field):
    post(with_raw(envelope(event(seeded), **{field: "__HOSTILE__"}), "[" * 1000 + "]" * 1000))


# --- huge strings -----------------------------------------------------------

HUGE_FIELDS = [
    "id",
    "type",
    "action",
    "@context",
    "eventTime",
    "actor",
    "object",
    "edApp",
]


@pytest.mark.parametrize("field", HUGE_FIELDS)
def test_a_huge_string_in_an_event_field(post, seeded, field):
    post(json.dumps(envelope(event(seeded, **{field: "a" * MiB}))).encode())


@pytest.mark.parametrize("field", ["sendTime", "dataVersion"])
def test_a_huge_string_in_an_envelope_field(post, seeded, field):
    post(json.dumps(envelope(event(seeded), **{field: "a" * MiB})).encode())


def test_a_body_over_max_content_length_is_413(post, seeded):
    post(json.dumps(envelope(event(seeded, edApp="a" * (5 * MiB)))).encode(), status=413)


def test_more_events_than_the_limit_is_413(app, post, seeded):
    limit = app.config["CALIPER_MAX_EVENTS"]
    post(json.dumps([{"type": "Person", "id": "x"}] * (limit + 1)).encode(), status=413)


@pytest.mark.parametrize("field", ["id", "type", "eventTime"])
def test_an_error_answer_stays_small_whatever_the_input(post, seeded, field):
    response = post(json.dumps(envelope(event(seeded, **{field: "a" * MiB}))).encode())
    assert len(response.data) < 64 * 1024, len(response.data)


# --- wrong JSON types -------------------------------------------------------

WRONG = {
    "null": None,
    "true": True,
    "int": 1,
    "float": 1.5,
    "empty list": [],
    "empty object": {},
    "empty string": "",
    "list of a string": ["x"],
    "object with an int id": {"id": 1},
}
# Not wrong: edApp may be null (no application), data may be empty (nothing to record).
ALLOWED = {("edApp", "null"), ("data", "empty list")}


def _type_cases():
    event_fields = ["@context", "id", "type", "action", "actor", "object", "eventTime", "edApp"]
    envelope_fields = ["sensor", "sendTime", "dataVersion", "data"]
    for field in event_fields + envelope_fields:
        for name in WRONG:
            if (field, name) in ALLOWED:
                continue
            yield pytest.param(field, name, id=f"{field}={name}")


@pytest.mark.parametrize(("field", "wrong"), list(_type_cases()))
def test_a_wrong_json_type_in_a_field(post, seeded, field, wrong):
    value = WRONG[wrong]
    if field in ("sensor", "sendTime", "dataVersion", "data"):
        document = envelope(event(seeded), **{field: value})
    else:
        document = envelope(event(seeded, **{field: value}))
    post(json.dumps(document).encode())


@pytest.mark.parametrize(
    "body",
    [b"", b"null", b"1", b'"an event"', b"true", b"[1, 2]", b"{", b"\xff\xfe", b"[]]"],
    ids=[
        "empty",
        "null",
        "number",
        "string",
        "boolean",
        "list of numbers",
        "truncated",
        "not UTF-8",
        "trailing",
    ],  # fmt: skip
)
def test_a_body_that_is_not_a_document(post, body):
    post(body)


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", ""])
def test_a_body_that_is_not_json_by_its_content_type(post, seeded, content_type):
    post(json.dumps(envelope(event(seeded))).encode(), status=415, content_type=content_type)


# --- Unicode ----------------------------------------------------------------

# As raw JSON text, so that escapes reach the service's parser as sent.
UNICODE_IDS = {
    "lone high surrogate": r'"urn:uuid:\ud800"',
    "lone low surrogate": r'"urn:uuid:\udc00abc"',
    "NUL": r'"urn:uuid:abc\u0000def"',
    "right-to-left override": '"urn:uuid:\u202e6b1f0a0e"',
    "zero-width joiner only": '"\u200d"',
    "emoji": '"urn:uuid:\U0001f600"',
    "non-NFC (e + combining acute)": '"urn:uuid:caf\u0065\u0301"',
    "overlong-looking escape": r'"urn:uuid:\u00c0\u00af"',
    "line separator": '"urn:uuid:a\u2028b"',
}


@pytest.mark.parametrize("text", UNICODE_IDS.values(), ids=UNICODE_IDS.keys())
def test_unicode_edge_cases_as_the_event_id(post, seeded, text):
    # The id must be a urn:uuid: UUID: none of these is.
    post(with_raw(envelope(event(seeded, id="__HOSTILE__")), text))


@pytest.mark.parametrize("text", UNICODE_IDS.values(), ids=UNICODE_IDS.keys())
@pytest.mark.parametrize("field", ["type", "action", "eventTime"])
def test_unicode_edge_cases_in_a_term_field(post, seeded, field, text):
    post(with_raw(envelope(event(seeded, **{field: "__HOSTILE__"})), text))


_ACCEPTED_UNICODE_IDS = {
    "right-to-left override": "urn:uuid:\u202eabc",
    "emoji": "urn:uuid:\U0001f600",
    "non-NFC": "urn:uuid:cafe\u0301",
    "NUL": "urn:uuid:a\u0000b",
}


@pytest.mark.parametrize("actor", _ACCEPTED_UNICODE_IDS.values(), ids=_ACCEPTED_UNICODE_IDS.keys())
def test_unicode_actor_ids_match_nobody_else(app, seeded, neo4j_driver, actor):
    """Such an actor is a bare id of nobody: recorded pending at most, never linked to a person."""
    body = json.dumps(envelope(event(seeded, actor=actor))).encode()
    response = app.test_client().post(
        "/events/1.0/validate",
        data=body,
        content_type="application/json",
        headers=bearer(make_token(WRITE_SCOPE)),
    )
    if response.status_code == 200:
        assert response.json["pending"] == response.json["completionsRecorded"]
    else:
        assert_envelope(response, 400)


@pytest.mark.parametrize(
    "raw",
    ["%ED%A0%80", "%F0%9F%98%80", "%00", "%E2%80%AE", "cafe%CC%81", "caf%C3%A9", "%EF%BB%BF"],
    ids=["surrogate", "emoji", "NUL", "RTL override", "NFD", "NFC", "BOM"],
)
@pytest.mark.parametrize("endpoint", ["progress", "courses", "course"])
def test_unicode_edge_cases_in_a_path_id(app, seeded, endpoint, raw):
    path = seeded.paths[endpoint]
    target = seeded.document if endpoint == "courses" else seeded.course
    response = app.test_client().get(
        path.replace(target, raw), headers=bearer(make_token(READ_SCOPE))
    )
    assert_envelope(response, 400)
    assert not seeded.leaks(response.data)


# --- duplicate keys ---------------------------------------------------------


def test_duplicate_keys_in_an_event_the_last_bad(post, seeded):
    # JSON parsers disagree on which of two equal keys wins (orjson: the last).
    good = event(seeded)
    text = json.dumps(envelope(good))
    post(text.replace(f'"id": "{good["id"]}"', f'"id": "{good["id"]}", "id": "x"', 1).encode())


def test_duplicate_keys_are_refused(post, seeded):
    text = json.dumps(envelope(event(seeded)))
    post(text.replace('"actor": ', '"actor": "garbage", "actor": ', 1).encode())


# --- CASE packages that are valid JSON but not packages ---------------------

NOT_PACKAGES = {
    "a list": [],
    "a list of a package": [{"CFDocument": {"identifier": "x"}}],
    "a string": "CFPackage",
    "a number": 42,
    "null": None,
    "an empty object": {},
    "CFDocument a list": {"CFDocument": [], "CFItems": []},
    "CFDocument without identifier": {"CFDocument": {"title": "x"}, "CFItems": []},
    "identifier a number": {"CFDocument": {"identifier": 7}, "CFItems": []},
    "CFItems not a list": {"CFDocument": {"identifier": "d"}, "CFItems": {"a": 1}},
    "CFItems a string": {"CFDocument": {"identifier": "d"}, "CFItems": "items"},
    "an item not an object": {"CFDocument": {"identifier": "d"}, "CFItems": ["x"]},
    "an item without identifier": {"CFDocument": {"identifier": "d"}, "CFItems": [{"a": 1}]},
    "CFAssociations not a list": {
        "CFDocument": {"identifier": "d"},
        "CFItems": [],
        "CFAssociations": "isChildOf",
    },
    "an association without ends": {
        "CFDocument": {"identifier": "d"},
        "CFItems": [],
        "CFAssociations": [{"identifier": "a", "associationType": "isChildOf"}],
    },
    "an object of other keys": {"title": "x", "items": [], "associations": []},
    "CFDefinitions a list": {
        "CFDocument": {"identifier": "hostile-definitions"},
        "CFItems": [{"identifier": "hostile-item", "CFItemTypeURI": {"identifier": "t"}}],
        "CFDefinitions": [{"CFItemTypes": [{"identifier": "t", "typeCode": "course"}]}],
    },
}


def _cycle() -> dict:
    package = CasePackage()
    a = package.item("course", parent=package.identifier)
    b = package.item("lesson", parent=a)
    package.child(a, b)
    return package.to_dict()


NOT_PACKAGES["an isChildOf cycle"] = _cycle()


PACKAGE_CASES = [pytest.param(data, id=name) for name, data in NOT_PACKAGES.items()]


@pytest.fixture
def unchanged(seeded, neo4j_driver):
    before = graph_state(neo4j_driver)
    return lambda: graph_state(neo4j_driver) == before


@pytest.mark.parametrize("data", PACKAGE_CASES)
def test_not_a_package_through_the_python_api(neo4j_driver, unchanged, data):
    with pytest.raises(InputError) as refused:
        load_packages(neo4j_driver, "neo4j", [("hostile", parse_package(data))])
    assert str(refused.value)
    assert unchanged(), "the graph changed"


@pytest.mark.parametrize("data", PACKAGE_CASES)
def test_not_a_package_through_the_cli(app, tmp_path, unchanged, data):
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data))
    result = app.test_cli_runner().invoke(args=["seed", "case", str(path)])
    assert result.exit_code == 1, result.output
    assert "hostile.json" in result.output and "not loaded" in result.output
    assert "Traceback" not in result.output
    assert unchanged(), "the graph changed"


def test_a_file_of_a_100000_deep_json_array_through_the_cli(app, tmp_path, unchanged):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    result = app.test_cli_runner().invoke(args=["seed", "case", str(path)])
    assert result.exit_code == 1 and "malformed JSON" in result.output
    assert unchanged(), "the graph changed"


# --- a 100,000-deep isChildOf chain ------------------------------------------

DEPTH = 100_000
_ID = re.compile(rb'"cfItemId":"([^"]*)"')


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")


def max_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects, counted in a loop (json.loads would recurse)."""
    brackets = _STRING.sub(b"", body).translate(None, _NOT_BRACKETS)
    depth = deepest = 0
    for byte in brackets:
        if byte in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
            assert depth >= 0
    assert depth == 0
    return deepest


@pytest.fixture(scope="module")
def deep_chain(app, neo4j_driver, seeded):
    """The chain loaded by the seed loader (one transaction), a student, a completion posted."""
    package = CasePackage(title="Deep chain")
    ids = chain(package, DEPTH)
    parsed = parse_package(package.to_dict())  # the loader's checks, cycle search included
    summary = load_packages(neo4j_driver, "neo4j", [("deep-chain", parsed)])
    assert summary.counts["items"]["created"] == DEPTH + 1
    event_ = event(seeded, object=f"urn:uuid:{ids[-1]}")
    response = app.test_client().post(
        "/events/1.0/", json=envelope(event_), headers=bearer(make_token(WRITE_SCOPE))
    )
    assert response.status_code == 200 and response.json["completionsRecorded"] == 1
    return package.identifier, ids


@pytest.mark.slow
@pytest.mark.parametrize("endpoint", ["progress", "course"])
def test_a_100000_deep_chain_through_the_seed_loader_and_the_api(app, seeded, deep_chain, endpoint):
    document, ids = deep_chain
    if endpoint == "progress":
        path = f"/curriculum/1.0/courses/{ids[0]}/students/{seeded.student}/progress"
    else:
        path = f"/curriculum/1.0/documents/{document}/courses/{ids[0]}"
    response = app.test_client().get(path, headers=bearer(make_token(READ_SCOPE)))

    assert response.status_code == 200, response.data[:300]
    body = response.data
    # Every item once, in chain order; each level is an object and its children array.
    assert [m.decode() for m in _ID.findall(body)] == ids
    assert max_depth(body) == 2 * (DEPTH + 1)
    if endpoint == "progress":
        assert body.count(b'"completed":true') == 1
        assert body.count(b'"completedAt":"2026-04-06T14:30:00.000Z"') == 1
