"""The ready Browser queries in cypher/browser/, run on a real Neo4j with their parameters."""

import re
from pathlib import Path

import pytest
from neo4j import RoutingControl

from app.cypher import CYPHER_DIR, query

BROWSER_DIR = CYPHER_DIR / "browser"
QUERY_FILES = sorted(BROWSER_DIR.glob("*.cypher"))


def run(driver, name: str, **params):
    records, _, _ = driver.execute_query(
        query(f"browser/{name}"), params, routing_=RoutingControl.READ
    )
    return records


def ids(records, column: str) -> set[str]:
    return {r[column]["identifier"] for r in records if r[column] is not None}


def edges(records, column: str = "childOf") -> set[tuple[str, str]]:
    return {
        (r[column].start_node["identifier"], r[column].end_node["identifier"])
        for r in records
        if r[column] is not None
    }


ALGEBRA = {
    "alg1",
    "alg1-1",
    "alg1-2",
    "alg1-1-1",
    "alg1-1-2",
    "shared-graphing",
    "alg1-2-1",
    "alg1-2-1-l1",
    "alg1-1-1-a",
    "alg1-1-1-b",
    "alg1-1-2-a",
    "alg1-2-1-l1-a",
    "shared-graphing-a",
}


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.stem)
def test_every_query_documents_its_parameters(path: Path):
    """Line 1 names the file (Browser's favourite title); the header has a :param per $param."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("// ")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    for name in set(re.findall(r"\$(\w+)", body)):
        assert f":param {name} => " in text, f"{path.name}: no ':param {name} =>' in the header"
    assert ";" not in body, "one statement per file"


def test_course_tree_returns_the_whole_course_and_only_its_edges(demo_graph):
    records = run(demo_graph, "course_tree", courseId="alg1")

    assert ids(records, "child") == ALGEBRA
    assert ("shared-graphing", "alg1-1") in edges(records)
    # The shared topic's edge into Geometry is outside this tree, and so is the document.
    assert ("shared-graphing", "geo1") not in edges(records)
    assert all(parent in ALGEBRA for _, parent in edges(records))
    assert len(edges(records)) == len(ALGEBRA) - 1


def test_course_tree_of_an_unknown_course_is_empty(demo_graph):
    assert run(demo_graph, "course_tree", courseId="no-such-course") == []


def test_student_progress_returns_the_tree_the_student_and_completions_in_it(demo_graph):
    records = run(demo_graph, "student_progress", courseId="alg1", studentId="stu-ada")

    assert ids(records, "child") == ALGEBRA
    assert {r["student"]["sourcedId"] for r in records} == {"stu-ada"}
    completed = {r["completed"].end_node["identifier"] for r in records if r["completed"]}
    # The Geometry completion (angles) is not part of the Algebra course.
    assert completed == {"alg1-1-1-a", "alg1-1-1-b", "alg1-1-1"}
    done = next(r["completed"] for r in records if r["completed"])
    assert done["completedAt"] is not None
    assert done.start_node["sourcedId"] == "stu-ada"


def test_student_progress_of_an_unknown_student_is_empty(demo_graph):
    assert run(demo_graph, "student_progress", courseId="alg1", studentId="nobody") == []


def test_document_courses_returns_each_course_with_its_path_to_the_document(demo_graph):
    records = run(demo_graph, "document_courses", documentId="doc-math")

    assert [r["course"]["identifier"] for r in records] == ["alg1", "geo1"]
    assert {r["document"]["identifier"] for r in records} == {"doc-math"}
    for record in records:
        assert record["up"].start_node["identifier"] == record["course"]["identifier"]
        assert record["up"].end_node["identifier"] == "doc-math"


def test_multi_parent_items_for_all_documents_and_for_one(demo_graph):
    every = run(demo_graph, "multi_parent_items", documentId=None)
    one = run(demo_graph, "multi_parent_items", documentId="doc-math")
    other = run(demo_graph, "multi_parent_items", documentId="another-doc")

    assert ids(every, "item") == {"shared-graphing"}
    assert ids(every, "parent") == {"alg1-1", "geo1"}
    assert edges(every) == {("shared-graphing", "alg1-1"), ("shared-graphing", "geo1")}
    assert edges(one) == edges(every)
    assert other == []


def test_last_load_changes_defaults_to_the_latest_load(demo_graph):
    records = run(demo_graph, "last_load_changes", loadId=None)

    assert {r["load"]["id"] for r in records} == {"load-2"}
    assert ids(records, "changed") == {"alg1-2", "alg1-2-1", "alg1-2-1-l1", "alg1-2-1-l1-a"}
    # The unchanged course is returned as the parent that places the change.
    assert ("alg1-2", "alg1") in edges(records)


def test_last_load_changes_of_a_given_load(demo_graph):
    records = run(demo_graph, "last_load_changes", loadId="load-1")

    assert {r["load"]["id"] for r in records} == {"load-1"}
    assert "doc-math" in ids(records, "changed")
    assert "alg1-2" not in ids(records, "changed")
