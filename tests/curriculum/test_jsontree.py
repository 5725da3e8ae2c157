"""Unit tests of the iterative JSON writer: it agrees with the marshmallow schemas."""

import json
from datetime import UTC, datetime

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.curriculum.jsontree import _encode_value, dump_tree
from app.curriculum.schemas import CourseNodeSchema, ProgressNodeSchema
from app.curriculum.tree import build_tree, course_node

AT = datetime(2026, 4, 6, 14, 30, 0, 250000, tzinfo=UTC)


def progress(identifier, children=(), completed_at=None, type_code="lesson"):
    return {
        "cf_item_id": identifier,
        "type_code": type_code,
        "completed": completed_at is not None,
        "completed_at": completed_at,
        "children": list(children),
    }


SAMPLE = progress(
    "c",
    [
        progress("s1", [progress("t1", completed_at=AT), progress("t2")], type_code="section"),
        progress("s2", type_code=None),
        progress('quo"te\\', completed_at=AT),
    ],
    type_code="course",
)


def test_the_writer_matches_the_schema_dump_exactly():
    assert dump_tree(SAMPLE, ProgressNodeSchema) == orjson.dumps(ProgressNodeSchema().dump(SAMPLE))


def test_wire_names_and_time_format_come_from_the_schema():
    body = json.loads(dump_tree(SAMPLE, ProgressNodeSchema))
    assert list(body) == ["cfItemId", "typeCode", "completed", "completedAt", "children"]
    assert body["children"][0]["children"][0]["completedAt"] == "2026-04-06T14:30:00.250Z"
    assert body["children"][1]["children"] == []


def test_a_leaf_root():
    assert json.loads(dump_tree(progress("c"), ProgressNodeSchema)) == {
        "cfItemId": "c",
        "typeCode": "lesson",
        "completed": False,
        "completedAt": None,
        "children": [],
    }


def test_course_nodes_match_their_schema():
    rows = [
        {
            "identifier": "c",
            "typeCode": "course",
            "humanCodingScheme": "M",
            "fullStatement": "Maths é ✓",
            "abbreviatedStatement": None,
            "children": [("a", 1)],
        },
        {
            "identifier": "a",
            "typeCode": "lesson",
            "humanCodingScheme": None,
            "fullStatement": "A",
            "abbreviatedStatement": "a",
            "children": [],
        },
    ]
    root = build_tree(rows, "c", course_node)
    assert dump_tree(root, CourseNodeSchema) == orjson.dumps(CourseNodeSchema().dump(root))


def test_shared_subtrees_are_written_under_each_parent():
    shared = progress("x", [progress("y")])
    root = progress("c", [progress("a", [shared]), progress("b", [shared])])
    body = json.loads(dump_tree(root, ProgressNodeSchema))
    assert [a["children"][0]["children"][0]["cfItemId"] for a in body["children"]] == ["y", "y"]


def test_a_100000_deep_chain_is_written_without_recursion():
    depth = 100_000
    leaf = progress(f"i{depth}", completed_at=AT)
    node = leaf
    for n in range(depth - 1, -1, -1):
        node = progress(f"i{n}", [node])
    body = dump_tree(node, ProgressNodeSchema)
    opening = [
        b'{"cfItemId":"i%d","typeCode":"lesson","completed":false,"completedAt":null,"children":['
        % n
        for n in range(depth)
    ]
    last = (
        b'{"cfItemId":"i%d","typeCode":"lesson","completed":true,'
        b'"completedAt":"2026-04-06T14:30:00.250Z","children":[' % depth
    )
    assert body == b"".join(opening) + last + b"]}" * (depth + 1)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(),
        st.text(alphabet=st.characters(max_codepoint=0x7F)),
        st.integers(min_value=-(2**63), max_value=2**64 - 1),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.none(),
    )
)
def test_each_value_is_written_byte_for_byte_as_orjson_writes_it(value):
    assert _encode_value(value) == orjson.dumps(value)


def test_a_string_orjson_cannot_write_is_refused_as_orjson_refuses_it():
    with pytest.raises(orjson.JSONEncodeError):
        _encode_value("lone \ud800 surrogate")
