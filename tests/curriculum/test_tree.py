"""Unit tests of the pure tree assembly, on literal rows (no database)."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from app.curriculum import tree
from app.curriculum.tree import (
    TreeTooLarge,
    build_tree,
    course_node,
    course_order,
    format_utc_millis,
)

AT = datetime(2026, 4, 6, 14, 30, tzinfo=UTC)


def row(identifier, children=(), type_code="lesson", coding=None, completed_at=None):
    return {
        "identifier": identifier,
        "typeCode": type_code,
        "humanCodingScheme": coding,
        "completedAt": completed_at,
        "children": list(children),
    }


def shape(node):
    """(id, [children shapes]) without recursion limits mattering at these sizes."""
    return (node["cf_item_id"], [shape(c) for c in node["children"]])


def test_a_course_alone_is_a_leaf_with_empty_children():
    assert build_tree([row("c", type_code="course")], "c") == {
        "cf_item_id": "c",
        "type_code": "course",
        "completed": False,
        "completed_at": None,
        "children": [],
    }


def test_completion_is_per_item_and_not_rolled_up():
    rows = [row("c", [("a", 1)], type_code="course"), row("a", completed_at=AT)]
    result = build_tree(rows, "c")
    assert result["completed"] is False and result["completed_at"] is None
    assert result["children"][0]["completed"] is True
    assert result["children"][0]["completed_at"] == AT


def test_children_by_sequence_nulls_last_then_coding_scheme_then_identifier():
    rows = [
        row(
            "c",
            [("n2", None), ("s2", 2), ("n1", None), ("s1", 1), ("b", 3), ("a", 3), ("z", 0)],
            type_code="course",
        ),
        row("s1"),
        row("s2"),
        row("z"),
        row("a", coding="B"),
        row("b", coding="A"),
        row("n1", coding=None),
        row("n2", coding="X"),
    ]
    result = build_tree(rows, "c")
    # sequence 0,1,2,3(A),3(B), then the nulls: coding X before no coding.
    assert [c["cf_item_id"] for c in result["children"]] == ["z", "s1", "s2", "b", "a", "n2", "n1"]


def test_equal_sequence_and_coding_fall_back_to_identifier():
    rows = [row("c", [("y", 1), ("x", 1)], type_code="course"), row("x"), row("y")]
    assert [c["cf_item_id"] for c in build_tree(rows, "c")["children"]] == ["x", "y"]


def test_an_item_with_two_parents_appears_under_each():
    rows = [
        row("c", [("t1", 1), ("t2", 2)], type_code="course"),
        row("t1", [("shared", 1)]),
        row("t2", [("own", 1), ("shared", 2)]),
        row("shared", [("leaf", 1)]),
        row("own"),
        row("leaf"),
    ]
    assert shape(build_tree(rows, "c")) == (
        "c",
        [
            ("t1", [("shared", [("leaf", [])])]),
            ("t2", [("own", []), ("shared", [("leaf", [])])]),
        ],
    )


def test_two_edges_between_the_same_pair_show_the_child_once_at_its_first_place():
    rows = [row("c", [("a", 5), ("b", 2), ("a", 1)], type_code="course"), row("a"), row("b")]
    assert [c["cf_item_id"] for c in build_tree(rows, "c")["children"]] == ["a", "b"]


def test_a_cycle_in_bad_data_is_cut_where_it_closes():
    rows = [
        row("c", [("a", 1)], type_code="course"),
        row("a", [("b", 1)]),
        row("b", [("a", 1), ("c", 2), ("d", 3)]),
        row("d"),
    ]
    assert shape(build_tree(rows, "c")) == ("c", [("a", [("b", [("d", [])])])])


def test_children_outside_the_rows_are_ignored():
    rows = [row("c", [("gone", 1), ("a", 2)], type_code="course"), row("a")]
    assert shape(build_tree(rows, "c")) == ("c", [("a", [])])


def test_an_absent_root_gives_none():
    assert build_tree([row("a")], "c") is None


def test_a_100000_deep_chain_builds_without_recursion():
    depth = 100_000
    rows = [row(f"i{n}", [(f"i{n + 1}", 1)] if n < depth else []) for n in range(depth + 1)]
    node = build_tree(rows, "i0")
    seen = 0
    while node["children"]:
        (node,) = node["children"]
        seen += 1
    assert seen == depth and node["cf_item_id"] == f"i{depth}"


def test_an_exponential_expansion_is_refused(monkeypatch):
    # A ladder of diamonds: level k has two items, each a child of both items of level k-1.
    monkeypatch.setattr(tree, "MAX_TREE_NODES", 10_000)
    levels = 20
    rows = [row("c", [("0a", 1), ("0b", 2)], type_code="course")]
    for k in range(levels):
        kids = [] if k == levels - 1 else [(f"{k + 1}a", 1), (f"{k + 1}b", 2)]
        rows += [row(f"{k}a", kids), row(f"{k}b", kids)]
    with pytest.raises(TreeTooLarge):
        build_tree(rows, "c")


def test_a_small_diamond_ladder_expands_fully():
    rows = [
        row("c", [("a", 1), ("b", 2)], type_code="course"),
        row("a", [("x", 1)]),
        row("b", [("x", 1)]),
        row("x"),
    ]
    assert shape(build_tree(rows, "c")) == ("c", [("a", [("x", [])]), ("b", [("x", [])])])


def test_course_nodes_carry_statements():
    rows = [
        {
            "identifier": "c",
            "typeCode": "course",
            "humanCodingScheme": "M1",
            "fullStatement": "Mathematics 1",
            "abbreviatedStatement": None,
            "children": [],
        }
    ]
    assert build_tree(rows, "c", course_node) == {
        "cf_item_id": "c",
        "type_code": "course",
        "human_coding_scheme": "M1",
        "full_statement": "Mathematics 1",
        "abbreviated_statement": None,
        "children": [],
    }


def test_courses_order_by_coding_scheme_nulls_last_then_statement_then_identifier():
    courses = [
        {"identifier": "4", "humanCodingScheme": None, "fullStatement": "A"},
        {"identifier": "3", "humanCodingScheme": "B", "fullStatement": "A"},
        {"identifier": "2", "humanCodingScheme": "A", "fullStatement": "Z"},
        {"identifier": "1", "humanCodingScheme": "A", "fullStatement": "Z"},
        {"identifier": "0", "humanCodingScheme": "A", "fullStatement": "Y"},
    ]
    assert [c["identifier"] for c in sorted(courses, key=course_order)] == [
        "0",
        "1",
        "2",
        "3",
        "4",
    ]


@pytest.mark.parametrize(
    ("moment", "text"),
    [
        (datetime(2026, 4, 6, 14, 30, tzinfo=UTC), "2026-04-06T14:30:00.000Z"),
        (
            datetime(2026, 4, 6, 16, 30, 0, 123999, tzinfo=timezone(timedelta(hours=2))),
            "2026-04-06T14:30:00.123Z",
        ),
        (datetime(2026, 1, 1, 0, 0, 0, 5000), "2026-01-01T00:00:00.005Z"),
        (datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC), "0999-01-02T03:04:05.000Z"),
    ],
)
def test_times_are_utc_with_milliseconds_and_z(moment, text):
    assert format_utc_millis(moment) == text
