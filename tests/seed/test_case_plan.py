"""Planning a load from the package and the graph's rows: no database."""

from seed.case_package import parse_package
from seed.case_plan import CurrentState, make_plan
from tests.seed.test_case_package import DOC, child_of, package


def sample():
    return parse_package(
        package(
            [{"identifier": "i1", "CFItemType": "Course"}, {"identifier": "i2"}],
            [child_of("a1", "i1", DOC, 1), child_of("a2", "i2", "i1", 1)],
        )
    )


def stored(parsed, load_id="old") -> CurrentState:
    """The state the graph would hold after loading ``parsed``."""
    state = CurrentState(document={**parsed.document, "lastLoadId": load_id})
    for identifier, props in parsed.items.items():
        label = parsed.labels[identifier]
        state.items[identifier] = (
            {**props, "lastLoadId": load_id},
            ["CFItem"] + ([label] if label else []),
        )
    for n, edge in enumerate(parsed.edges):
        state.edges.append(
            {
                "elementId": f"e{n}",
                "type": "CHILD_OF",
                "identifier": edge.identifier,
                "associationType": None,
                "sequenceNumber": edge.sequence_number,
                "originKind": edge.origin.kind,
                "origin": edge.origin.key,
                "destinationKind": edge.destination.kind,
                "destination": edge.destination.key,
            }
        )
    return state


def test_first_load_creates_everything():
    plan = make_plan(sample(), CurrentState(), "L1")
    assert plan.document_created and plan.items_created == 2 and plan.edges_created == 2
    labels = {r["identifier"]: r["addLabels"] for r in plan.item_rows}
    assert labels == {"i1": ["Course"], "i2": []}
    assert all(r["props"]["lastLoadId"] == "L1" for r in plan.item_rows)


def test_unchanged_package_plans_nothing():
    parsed = sample()
    plan = make_plan(parsed, stored(parsed), "L2")
    assert not plan.changed
    assert plan.items_unchanged == 2 and plan.edges_unchanged == 2


def test_a_changed_type_swaps_the_label_and_a_moved_edge_is_replaced():
    old = sample()
    new = parse_package(
        package(
            [{"identifier": "i1", "CFItemType": "Unit"}, {"identifier": "i2"}],
            [child_of("a1", "i1", DOC, 2)],
        )
    )
    plan = make_plan(new, stored(old), "L2")
    (row,) = plan.item_rows
    assert row["addLabels"] == ["Unit"] and row["removeLabels"] == ["Course"]
    assert plan.edges_updated == 1 and plan.edges_removed == 1  # a1 renumbered, a2 gone
    assert sorted(plan.delete_edges) == ["e0", "e1"]
    assert [r["identifier"] for r in plan.child_of_rows] == ["a1"]


def test_items_gone_from_the_package_are_stale():
    old = sample()
    new = parse_package(package([{"identifier": "i1", "CFItemType": "Course"}], []))
    plan = make_plan(new, stored(old), "L2")
    assert plan.stale_items == ["i2"]
