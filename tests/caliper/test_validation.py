"""The Caliper validator on literal documents and the IMS fixtures: no database."""

from datetime import UTC, datetime

import pytest

from app.caliper.validation import Completion, InvalidDocument, check_document, parse_time
from tests.caliper.conftest import V1P1, V1P2, completed, envelope, load


def test_the_spec_activated_fixture_is_valid_but_not_a_completion(caliper_dir):
    checked = check_document(load(caliper_dir, "v1p2_caliperEventAssignableActivated.json"))
    assert (checked.received, checked.completions, checked.others) == (1, [], 1)


def test_the_spec_envelope_of_other_event_types_is_valid(caliper_dir):
    checked = check_document(load(caliper_dir, "v1p2_caliperEnvelopeEventBatch.json"))
    assert (checked.received, checked.completions, checked.others) == (3, [], 3)


def test_the_spec_wrong_action_fixture_is_rejected_naming_the_action(caliper_dir):
    with pytest.raises(InvalidDocument) as caught:
        check_document(load(caliper_dir, "v1p2_caliperEventAssignable-WrongAction.json"))
    [problem] = caught.value.problems
    assert problem.index == 0
    assert problem.id == "urn:uuid:2635b9dd-0061-4059-ac61-2718ab366f75"
    assert "'Deleted' is not allowed for AssignableEvent" in problem.reason
    assert problem.fields == ("data[0].action",)


@pytest.mark.parametrize("context", [V1P1, V1P2])
@pytest.mark.parametrize(
    ("actor", "obj"),
    [
        ("urn:uuid:s1", "urn:uuid:i1"),
        ({"id": "urn:uuid:s1", "type": "Person"}, {"id": "urn:uuid:i1", "type": "Assessment"}),
    ],
)
def test_completed_events_in_both_versions_and_entity_forms(context, actor, obj):
    event = completed(actor, obj, "2024-03-04T10:00:00.000Z", context=context)
    [completion] = check_document(event).completions
    assert completion == Completion(
        index=0,
        id=event["id"],
        actor_id="s1",
        object_id="i1",
        object_iri="urn:uuid:i1",
        application_id="app-1",
        event_time=datetime(2024, 3, 4, 10, 0, tzinfo=UTC),
    )


def test_a_list_of_events_and_an_envelope_are_both_documents():
    events = [completed(), completed(action="Started")]
    assert check_document(events).received == 2
    checked = check_document(envelope(*events))
    assert (checked.received, len(checked.completions), checked.others) == (2, 1, 1)


def test_every_bad_event_is_listed_by_index_and_id():
    good = completed()
    missing = {k: v for k, v in completed().items() if k not in ("actor", "eventTime")}
    bad_time = completed(time_="4 March 2024")
    with pytest.raises(InvalidDocument) as caught:
        check_document(envelope(good, missing, bad_time, "not an object"))
    problems = caught.value.problems
    assert [p.index for p in problems] == [1, 2, 3]
    assert problems[0].id == missing["id"]
    assert "actor: required" in problems[0].reason
    assert "eventTime: required" in problems[0].reason
    assert "not an ISO 8601" in problems[1].reason
    assert problems[2].reason == "not a JSON object"


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"id": "event-1"}, "not a urn:uuid: UUID"),
        ({"@context": "http://purl.imsglobal.org/ctx/caliper/v1"}, "@context"),
        ({"eventTime": "2024-03-04T10:00:00"}, "with Z or an offset"),
        ({"eventTime": "2024-02-30T10:00:00Z"}, "not a valid date-time"),
        ({"object": {"type": "Assessment"}}, "object: must be an IRI string or an object"),
        ({"edApp": 42}, "edApp: must be an IRI string"),
        ({"type": "assignable"}, "is not a Caliper event type"),
        ({"type": "ViewEvent", "action": "Completed"}, "not allowed for ViewEvent"),
        ({"actor": "mailto:someone@example.edu"}, "actor: cannot be mapped"),
        ({"object": "https://example.edu"}, "object: cannot be mapped"),
    ],
)
def test_each_rule_rejects_with_its_reason(change, fragment):
    with pytest.raises(InvalidDocument) as caught:
        check_document({**completed(), **change})
    assert fragment in caught.value.problems[0].reason


def test_unknown_ids_only_matter_for_completions():
    # A Started event is never stored, so its actor need not map to a person.
    started = completed(actor="mailto:someone@example.edu", action="Started")
    assert check_document(started).others == 1


def test_unknown_event_types_spelled_as_terms_are_accepted_as_other_events():
    extension = completed(type_="LibraryUseEvent", action="Borrowed")
    assert check_document(extension).others == 1
    generic = completed(type_="Event", action="Linked")
    assert check_document(generic).others == 1
    with pytest.raises(InvalidDocument):
        check_document(completed(type_="Event", action="Frobnicated"))


def test_entities_described_in_an_envelope_are_accepted():
    person = {"id": "https://example.edu/users/1", "type": "Person"}
    checked = check_document(envelope(person, completed()))
    assert (checked.received, len(checked.completions), checked.others) == (2, 1, 1)
    with pytest.raises(InvalidDocument):
        check_document(envelope({"type": "Person"}))


def test_events_in_an_envelope_take_its_data_version_as_context():
    event = completed()
    del event["@context"]
    assert len(check_document(envelope(event)).completions) == 1
    with pytest.raises(InvalidDocument, match="@context"):
        check_document(event)


def test_the_envelope_fields_are_checked():
    with pytest.raises(InvalidDocument) as caught:
        check_document({"data": [completed()], "dataVersion": "1.2", "sendTime": "yesterday"})
    fields = [p.fields[0] for p in caught.value.problems]
    assert fields == ["sensor", "sendTime", "dataVersion"]
    with pytest.raises(InvalidDocument):
        check_document({**envelope(), "data": {"not": "a list"}})
    with pytest.raises(InvalidDocument):
        check_document("a string")


def test_times_are_normalised_to_utc():
    assert parse_time("2024-03-04T11:00:00.000+01:00") == datetime(2024, 3, 4, 10, tzinfo=UTC)
    assert parse_time("2024-03-04T10:00Z") == datetime(2024, 3, 4, 10, tzinfo=UTC)
