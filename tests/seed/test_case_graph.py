"""CASE packages against the real Neo4j: counts, types, order, reloads, bad input."""

import copy
import json

import pytest

from seed import cli
from seed.problems import InputError
from tests.seed.conftest import checksum, counts, rows, scalar

FRAMEWORK = "test_framework_case.json"
DOC = "b1750dc6-f058-11e7-b894-8d445e7af8cb"


def framework(case_dir) -> dict:
    return json.loads((case_dir / FRAMEWORK).read_text())


def write(tmp_path, data, name="package.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_both_fixtures_load_with_their_counts(case_dir, load_case, graph):
    summary = load_case(case_dir)
    assert summary.counts["items"]["created"] == 66
    assert scalar(graph, "MATCH (i:CFItem {documentId: $d}) RETURN count(i)", d=DOC) == 65
    assert (
        scalar(graph, "MATCH (:CFItem)-[r:CHILD_OF {documentId: $d}]->() RETURN count(r)", d=DOC)
        == 65
    )
    assert (
        scalar(
            graph,
            "MATCH (:CFItem)-[:CHILD_OF]->(:CFDocument {identifier: $d}) RETURN count(*)",
            d=DOC,
        )
        == 4
    )
    assert scalar(graph, "MATCH (d:CFDocument) RETURN count(d)") == 2
    assert scalar(graph, "MATCH (v:GraphVersion {name: 'curriculum'}) RETURN v.version") == 2
    assert scalar(graph, "MATCH (l:Load {kind: 'case'}) RETURN count(l)") == 2
    depth = scalar(
        graph,
        "MATCH p = (:CFItem)-[:CHILD_OF*]->(:CFDocument {identifier: $d}) RETURN max(length(p))",
        d=DOC,
    )
    assert depth == 6


def test_type_codes_resolve_through_cf_definitions(case_dir, load_case, graph):
    load_case(case_dir / "ItemTypeTestFramework.json")
    (item,) = rows(
        graph,
        "MATCH (i:CFItem) RETURN i.typeCode AS code, labels(i) AS labels, i.caption AS caption",
    )
    assert item == {"code": "standard", "labels": ["CFItem", "Standard"], "caption": "Item 1"}
    assert scalar(graph, "MATCH (d:CFDocument) RETURN d.caption") == "Item Type Test"


def test_siblings_keep_the_package_order(case_dir, load_case, graph):
    load_case(case_dir / FRAMEWORK)
    data = framework(case_dir)
    expected: dict[str, list] = {}
    for a in sorted(data["CFAssociations"], key=lambda a: a["sequenceNumber"]):
        expected.setdefault(a["destinationNodeURI"]["identifier"], []).append(
            a["originNodeURI"]["identifier"]
        )
    found = rows(
        graph,
        "MATCH (c:CFItem)-[r:CHILD_OF]->(p) "
        "WITH p, c, r ORDER BY r.sequenceNumber, c.humanCodingScheme, c.identifier "
        "RETURN p.identifier AS parent, collect(c.identifier) AS children",
    )
    assert {r["parent"]: r["children"] for r in found} == expected


def test_reload_changes_nothing(case_dir, load_case, graph):
    load_case(case_dir)
    before, sums = counts(graph), checksum(graph)
    summary = load_case(case_dir)
    assert summary.counts["items"]["unchanged"] == 66
    assert summary.counts["documents"]["unchanged"] == 2
    assert not summary.changed
    assert counts(graph) == before and checksum(graph) == sums
    # No bump of the curriculum version (the completions gate is another GraphVersion).
    assert scalar(graph, "MATCH (v:GraphVersion {name: 'curriculum'}) RETURN v.version") == 2


def test_a_newer_version_updates_removes_stale_edges_and_keeps_completions(
    case_dir, load_case, graph, tmp_path
):
    data = framework(case_dir)
    load_case(write(tmp_path, data))
    leaves = rows(
        graph,
        "MATCH (i:CFItem) WHERE NOT (i)<-[:CHILD_OF]-() "
        "RETURN i.identifier AS id ORDER BY id LIMIT 2",
    )
    completed, dropped = leaves[0]["id"], leaves[1]["id"]
    graph.execute_query(
        "CREATE (p:Person:User:Student {sourcedId: 's1'}) WITH p "
        "MATCH (i:CFItem {identifier: $i}) "
        "CREATE (p)-[:COMPLETED {key: 's1|' + $i + '|app', applicationId: 'app'}]->(i)",
        i=completed,
    )
    newer = copy.deepcopy(data)
    newer["CFDocument"]["title"] = "ordering, second edition"
    newer["CFItems"] = [i for i in newer["CFItems"] if i["identifier"] not in (completed, dropped)]
    newer["CFAssociations"] = [
        a
        for a in newer["CFAssociations"]
        if a["originNodeURI"]["identifier"] not in (completed, dropped)
    ]
    moved = newer["CFAssociations"][5]
    moved["sequenceNumber"] = 99
    summary = load_case(write(tmp_path, newer))
    assert summary.counts["documents"]["updated"] == 1
    assert summary.counts["items"]["removed"] == 1 and summary.counts["items"]["retired"] == 1
    assert summary.counts["associations"]["removed"] == 2
    assert summary.counts["associations"]["updated"] == 1
    assert scalar(graph, "MATCH ()-[r:CHILD_OF {documentId: $d}]->() RETURN count(r)", d=DOC) == 63
    assert (
        scalar(
            graph,
            "MATCH ()-[r:CHILD_OF {identifier: $a}]->() RETURN r.sequenceNumber",
            a=moved["identifier"],
        )
        == 99
    )
    assert scalar(graph, "MATCH (i:CFItem {identifier: $i}) RETURN count(i)", i=dropped) == 0
    kept = rows(
        graph,
        "MATCH (:Person)-[c:COMPLETED]->(i:CFItem {identifier: $i}) "
        "RETURN i.retired AS retired, i.documentId AS doc, "
        "count{(i)-[:CHILD_OF]->()} AS parents",
        i=completed,
    )
    assert kept == [{"retired": True, "doc": None, "parents": 0}]
    assert scalar(graph, "MATCH (d:CFDocument {identifier: $d}) RETURN d.title", d=DOC) == (
        "ordering, second edition"
    )
    assert scalar(graph, "MATCH (v:GraphVersion {name: 'curriculum'}) RETURN v.version") == 2


def test_a_type_change_moves_the_label(tmp_path, load_case, graph):
    data = {
        "CFDocument": {"identifier": "doc-1", "title": "T"},
        "CFItems": [{"identifier": "i1", "CFItemType": "Unit"}],
        "CFAssociations": [],
    }
    load_case(write(tmp_path, data))
    data["CFItems"][0]["CFItemType"] = "Learning Objective"
    load_case(write(tmp_path, data))
    assert scalar(graph, "MATCH (i:CFItem) RETURN labels(i)") == ["CFItem", "LearningObjective"]


def test_multi_parent_item_is_one_node_with_two_edges(tmp_path, load_case, graph):
    link = lambda i: {"identifier": i, "uri": f"https://x/{i}"}  # noqa: E731
    data = {
        "CFDocument": {"identifier": "doc-1", "title": "T"},
        "CFItems": [{"identifier": i} for i in ("p1", "p2", "leaf")],
        "CFAssociations": [
            {
                "identifier": f"a{n}",
                "associationType": "isChildOf",
                "originNodeURI": link(c),
                "destinationNodeURI": link(p),
            }
            for n, (c, p) in enumerate(
                [("p1", "doc-1"), ("p2", "doc-1"), ("leaf", "p1"), ("leaf", "p2")]
            )
        ]
        + [
            {
                "identifier": "x1",
                "associationType": "isRelatedTo",
                "originNodeURI": link("leaf"),
                "destinationNodeURI": link("far-away"),
            }
        ],
    }
    summary = load_case(write(tmp_path, data))
    assert summary.extra["references"] == 1
    assert (
        scalar(graph, "MATCH (l:CFItem {identifier: 'leaf'})-[:CHILD_OF]->(p) RETURN count(p)") == 2
    )
    assert (
        scalar(
            graph,
            "MATCH (:CFItem)-[r:CF_ASSOCIATION]->(x:CFReference) "
            "RETURN r.associationType + ' ' + x.uri",
        )
        == "isRelatedTo https://x/far-away"
    )
    # Dropping the association drops the reference nobody points at any more.
    data["CFAssociations"].pop()
    load_case(write(tmp_path, data))
    assert scalar(graph, "MATCH (x:CFReference) RETURN count(x)") == 0


@pytest.mark.parametrize("breakage", ["cycle", "duplicate", "missing"])
def test_bad_packages_are_refused_and_change_nothing(
    case_dir, load_case, graph, tmp_path, breakage
):
    load_case(case_dir / FRAMEWORK)
    before = checksum(graph)
    data = framework(case_dir)
    data["CFDocument"]["title"] = "would change"
    items = data["CFItems"]
    if breakage == "cycle":
        # The first top-level item made a child of one of its own descendants.
        top = data["CFAssociations"][0]
        descendant = next(
            a
            for a in data["CFAssociations"]
            if a["destinationNodeURI"]["identifier"] == top["originNodeURI"]["identifier"]
        )
        top["destinationNodeURI"] = copy.deepcopy(descendant["originNodeURI"])
        named = [top["originNodeURI"]["identifier"], descendant["originNodeURI"]["identifier"]]
    elif breakage == "duplicate":
        items.append(copy.deepcopy(items[3]))
        named = [items[3]["identifier"]]
    else:
        del items[7]["identifier"]
        named = ["CFItems[7]"]
    with pytest.raises(InputError) as caught:
        load_case(write(tmp_path, data))
    assert all(identifier in str(caught.value) for identifier in named)
    assert checksum(graph) == before


def test_items_load_before_or_after_their_completions(case_dir, load_case, load_users, app, graph):
    ingest = pytest.importorskip("app.caliper.ingest")
    item = framework(case_dir)["CFItems"][0]["identifier"]
    event = {
        "@context": "http://purl.imsglobal.org/ctx/caliper/v1p2",
        "id": "urn:uuid:6f0ffd1c-6a2b-4d6e-9d0a-0c4a1b2c3d4e",
        "type": "AssignableEvent",
        "actor": {"id": "urn:uuid:usr-222-66778899", "type": "Person"},
        "action": "Completed",
        "object": {"id": f"urn:uuid:{item}", "type": "AssignableDigitalResource"},
        "eventTime": "2024-03-04T10:00:00.000Z",
        "edApp": {
            "id": "urn:uuid:8c7a5b3e-0000-4000-8000-000000000001",
            "type": "SoftwareApplication",
        },
    }
    with app.app_context():
        ingest.ingest_document(event)
    assert scalar(graph, "MATCH ()-[c:COMPLETED]->() RETURN count(c)") == 0
    load_users(case_dir.parent / "oneroster" / "v1p1_users.csv")
    summary = load_case(case_dir / FRAMEWORK)
    assert summary.extra["pending completions linked"] == 1
    assert (
        scalar(
            graph,
            "MATCH (:Person {sourcedId: 'usr-222-66778899'})-[c:COMPLETED]->"
            "(:CFItem {identifier: $i}) RETURN count(c)",
            i=item,
        )
        == 1
    )


EDGES = (
    "MATCH (a)-[r:CHILD_OF|CF_ASSOCIATION]->(b) "
    "RETURN a.identifier AS a, type(r) AS t, properties(r) AS p, b.identifier AS b "
    "ORDER BY r.identifier"
)


def test_a_reload_repairs_edges_removed_or_added_by_hand(case_dir, load_case, graph):
    load_case(case_dir / FRAMEWORK)
    before = rows(graph, EDGES)
    graph.execute_query("MATCH ()-[r:CHILD_OF {documentId: $d}]->() WITH r LIMIT 1 DELETE r", d=DOC)
    summary = load_case(case_dir / FRAMEWORK)
    assert summary.counts["associations"]["created"] == 1
    graph.execute_query(
        "MATCH (a:CFItem {documentId: $d})-[r:CHILD_OF]->(b) WITH a, r, b LIMIT 1 "
        "CREATE (a)-[:CHILD_OF {identifier: r.identifier, documentId: $d}]->(b)",
        d=DOC,
    )
    load_case(case_dir / FRAMEWORK)
    assert rows(graph, EDGES) == before


def test_only_full_compare_undoes_a_hand_edited_property(case_dir, app, load_case, graph):
    """The trade-off of reloading by content hash (seed/case_plan.py's docstring)."""
    load_case(case_dir / FRAMEWORK)
    item = framework(case_dir)["CFItems"][0]
    statement = "MATCH (i:CFItem {identifier: $i}) RETURN i.fullStatement"
    graph.execute_query(
        "MATCH (i:CFItem {identifier: $i}) SET i.fullStatement = 'edited'", i=item["identifier"]
    )
    assert load_case(case_dir / FRAMEWORK).counts["items"]["updated"] == 0
    assert scalar(graph, statement, i=item["identifier"]) == "edited"
    with app.app_context():
        summary = cli.load_case([str(case_dir / FRAMEWORK)], full_compare=True)
    assert summary.counts["items"]["updated"] == 1
    assert scalar(graph, statement, i=item["identifier"]) == item["fullStatement"]


def test_items_carry_the_hash_of_what_was_written(case_dir, load_case, graph):
    load_case(case_dir / FRAMEWORK)
    assert scalar(graph, "MATCH (i:CFItem) WHERE i.contentHash IS NULL RETURN count(i)") == 0
    assert scalar(graph, "MATCH (d:CFDocument {identifier: $d}) RETURN d.edgesHash", d=DOC)
