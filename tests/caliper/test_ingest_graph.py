"""ingest_document and link_pending against the real Neo4j."""

from datetime import UTC, datetime

import pytest

from app import db
from app.caliper.completions import link_pending
from app.caliper.ingest import ingest_document
from app.errors import ApiError
from tests.caliper.conftest import (
    V1P1,
    add_items,
    add_people,
    completed,
    completed_rels,
    envelope,
    graph_state,
    load,
    version_of,
)

T0 = "2024-03-04T10:00:00.000Z"
T1 = "2024-03-04T11:00:00.000Z"
T2 = "2024-03-04T12:00:00.000Z"


@pytest.fixture
def ingest(app, graph):
    def run(document, **kwargs):
        with app.app_context():
            return ingest_document(document, **kwargs)

    return run


@pytest.fixture
def known(graph):
    """A student s1 and items i1 (uri https://case.example.org/uri/i1) and i2."""
    add_people(graph, "s1", "s2")
    add_items(graph, ("i1", "https://case.example.org/uri/i1"), ("i2", None))
    return graph


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def test_activated_fixture_is_accepted_and_records_nothing(ingest, graph, caliper_dir):
    before = graph_state(graph)
    summary = ingest(load(caliper_dir, "v1p2_caliperEventAssignableActivated.json"))
    assert summary == {
        "received": 1,
        "completions_recorded": 0,
        "duplicates": 0,
        "accepted_not_completions": 1,
        "pending": 0,
        "dry_run": False,
    }
    assert graph_state(graph) == before


def test_envelope_of_other_types_is_accepted(ingest, caliper_dir):
    summary = ingest(load(caliper_dir, "v1p2_caliperEnvelopeEventBatch.json"))
    assert (summary["received"], summary["accepted_not_completions"]) == (3, 3)


def test_wrong_action_fixture_is_rejected_with_details(ingest, graph, caliper_dir):
    with pytest.raises(ApiError) as caught:
        ingest(load(caliper_dir, "v1p2_caliperEventAssignable-WrongAction.json"))
    assert caught.value.status == 400
    [detail] = caught.value.details
    assert detail["index"] == 0
    assert detail["id"] == "urn:uuid:2635b9dd-0061-4059-ac61-2718ab366f75"
    assert "Deleted" in detail["reason"]


@pytest.mark.parametrize("context", [V1P1, "http://purl.imsglobal.org/ctx/caliper/v1p2"])
@pytest.mark.parametrize("as_objects", [False, True])
def test_a_completed_event_links_person_and_item(ingest, known, context, as_objects):
    actor, obj, app = "urn:uuid:s1", "urn:uuid:i1", "urn:uuid:app-1"
    if as_objects:
        actor = {"id": actor, "type": "Person"}
        obj = {"id": obj, "type": "AssignableDigitalResource", "name": "Quiz"}
        app = {"id": app, "type": "SoftwareApplication"}
    event = completed(actor, obj, T0, app, context=context)
    summary = ingest(envelope(event))
    assert summary["completions_recorded"] == 1
    assert summary["pending"] == 0
    assert completed_rels(known) == [
        {
            "person": "s1",
            "item": "i1",
            "app": "app-1",
            "at": at(T0),
            "eventId": event["id"],
            "key": "s1|i1|app-1",
        }
    ]
    records, _, _ = known.execute_query("MATCH (c:CompletionEvent) RETURN c")
    log = records[0]["c"]
    assert log["pending"] is False
    assert (log["actorId"], log["objectId"], log["objectIri"]) == ("s1", "i1", "urn:uuid:i1")
    assert log["eventTime"].to_native() == at(T0)
    assert log["receivedAt"] is not None
    assert version_of(known, "s1") == 1


@pytest.mark.parametrize(
    ("actor", "obj", "ed_app", "app_id"),
    [
        ("s1", "i1", "app-1", "app-1"),
        ("https://sis.example.edu/users/s1", "https://lms.example.edu/things/i1", None, ""),
        ("urn:uuid:s1", "https://case.example.org/uri/i1", "https://example.com/reader", "reader"),
        ("s1", "i2", "https://example.edu", "example.edu"),
    ],
)
def test_each_identity_form_resolves(ingest, known, actor, obj, ed_app, app_id):
    ingest(completed(actor, obj, T0, ed_app))
    [rel] = completed_rels(known)
    assert (rel["person"], rel["app"]) == ("s1", app_id)


def test_an_object_found_only_by_its_exact_uri(ingest, graph):
    add_people(graph, "s1")
    add_items(graph, ("0a1b", "https://case.example.org/uri/some-other-name"))
    ingest(completed("s1", "https://case.example.org/uri/some-other-name", T0))
    [rel] = completed_rels(graph)
    assert rel["item"] == "0a1b"


def test_replay_changes_nothing(ingest, known):
    document = envelope(completed("s1", "i1", T0), completed("s1", "i2", T1))
    first = ingest(document)
    state = graph_state(known)
    again = ingest(document)
    assert (first["completions_recorded"], first["duplicates"]) == (2, 0)
    assert (again["completions_recorded"], again["duplicates"]) == (0, 2)
    assert graph_state(known) == state


def test_a_repeated_id_in_one_envelope_counts_once(ingest, known):
    event = completed("s1", "i1", T0)
    summary = ingest(envelope(event, event))
    assert (summary["received"], summary["completions_recorded"], summary["duplicates"]) == (
        2,
        1,
        1,
    )


@pytest.mark.parametrize("order", [(T2, T0, T1), (T0, T2, T1), (T1, T2, T0)])
def test_the_earliest_time_wins_whatever_the_order(ingest, known, order):
    events = [completed("s1", "i1", t) for t in order]
    for event in events:
        ingest(event)
    [rel] = completed_rels(known)
    assert rel["at"] == at(T0)
    assert rel["eventId"] == next(e["id"] for e in events if e["eventTime"] == T0)


def test_a_later_event_keeps_the_time_and_the_version(ingest, known):
    ingest(completed("s1", "i1", T0))
    ingest(completed("s1", "i1", T2))
    assert version_of(known, "s1") == 1
    assert len(completed_rels(known)) == 1
    ingest(completed("s1", "i1", "2024-03-04T09:00:00.000Z"))
    assert version_of(known, "s1") == 2


def test_applications_keep_separate_completions(ingest, known):
    ingest(envelope(completed("s1", "i1", T1, "urn:uuid:a"), completed("s1", "i1", T0, None)))
    ingest(completed("s1", "i1", T2, "urn:uuid:b"))
    rels = completed_rels(known)
    assert [(r["app"], r["at"]) for r in rels] == [("", at(T0)), ("a", at(T1)), ("b", at(T2))]
    assert [r["key"] for r in rels] == ["s1|i1|", "s1|i1|a", "s1|i1|b"]


def test_pending_events_are_linked_once_person_and_item_exist(app, ingest, graph):
    early, late = completed("s9", "i9", T1), completed("s9", "https://case.example.org/uri/x9", T0)
    summary = ingest(envelope(early, late))
    assert (summary["completions_recorded"], summary["pending"]) == (2, 2)
    assert completed_rels(graph) == []

    add_people(graph, "s9")
    with app.app_context():
        assert db.write(link_pending) == 0  # the items are still missing
    add_items(graph, ("i9", "https://case.example.org/uri/x9"))
    with app.app_context():
        assert db.write(link_pending) == 2
        assert db.write(link_pending) == 0
    [rel] = completed_rels(graph)
    assert (rel["person"], rel["item"], rel["at"]) == ("s9", "i9", at(T0))
    assert version_of(graph, "s9") == 1
    records, _, _ = graph.execute_query("MATCH (c:CompletionEvent {pending: true}) RETURN c")
    assert records == []


def test_a_resent_pending_event_is_linked_when_it_now_resolves(ingest, graph):
    event = completed("s1", "i1", T0)
    assert ingest(event)["pending"] == 1
    add_people(graph, "s1")
    add_items(graph, ("i1", None))
    summary = ingest(event)
    assert (summary["duplicates"], summary["pending"]) == (1, 0)
    assert len(completed_rels(graph)) == 1


def test_a_rejected_envelope_leaves_the_database_unchanged(ingest, known):
    ingest(completed("s1", "i1", T1))
    before = graph_state(known)
    bad = completed("s1", "i2", T0, action="Deleted")
    with pytest.raises(ApiError) as caught:
        ingest(envelope(completed("s1", "i1", T0), completed("s2", "i2", T0), bad))
    assert [d["index"] for d in caught.value.details] == [2]
    assert graph_state(known) == before


def test_dry_run_reports_and_writes_nothing(ingest, known):
    ingest(completed("s1", "i1", T0, id_="urn:uuid:00000000-0000-4000-8000-000000000001"))
    before = graph_state(known)
    document = envelope(
        completed("s1", "i1", T0, id_="urn:uuid:00000000-0000-4000-8000-000000000001"),
        completed("s1", "i2", T0),
        completed("nobody", "i2", T0),
        completed(action="Started"),
    )
    summary = ingest(document, dry_run=True)
    assert summary == {
        "received": 4,
        "completions_recorded": 2,
        "duplicates": 1,
        "accepted_not_completions": 1,
        "pending": 1,
        "dry_run": True,
    }
    assert graph_state(known) == before
    assert ingest(document) == {**summary, "dry_run": False}
