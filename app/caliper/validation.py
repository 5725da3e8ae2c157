"""Checking a Caliper document (Sensor API envelope, list of events, or one event); pure.

What is accepted, and why:

- An envelope needs ``sensor`` (an IRI), ``sendTime`` (ISO 8601), ``dataVersion``
  (the Caliper 1.1 or 1.2 context) and ``data`` (a list).
- An item of ``data`` whose ``type`` is not an event type (not ``Event`` nor
  ``...Event``) and that has no ``action`` is an entity the sensor describes
  (Caliper 1.1 §5.2 allows entities in ``data``): it needs ``id`` and ``type``
  and is counted as accepted, not a completion.
- An event needs ``@context`` (its own, or the envelope's ``dataVersion``) to be
  the 1.1 or 1.2 context, ``id`` a ``urn:uuid:`` UUID (the spec's MUST, and our
  deduplication key), ``type``, ``action``, ``actor``, ``object`` and
  ``eventTime`` (ISO 8601 with ``Z`` or an offset: without one the order of two
  events is unknowable). Entity-valued properties are IRI strings or objects
  with a string ``id``.
- A known event type only takes the actions the spec lists for it. An unknown
  type spelled like a Caliper event term (``LibraryUseEvent``) with an action
  spelled like a term is accepted and counted, since profile extensions define
  such types; it can never be a completion, so a misspelling costs nothing.
- Only ``AssignableEvent`` + ``Completed`` is a completion; its actor, object and
  edApp must map to our keys (``identity``).
"""

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from app.caliper import identity
from app.caliper.identity import shown
from app.caliper.vocabulary import (
    ACTIONS_BY_TYPE,
    ALL_ACTIONS,
    CALIPER_CONTEXTS,
    COMPLETION_ACTION,
    COMPLETION_TYPE,
    ENTITY_PROPERTIES,
)

# The extended ISO 8601 form the spec uses (YYYY-MM-DDTHH:mm:ss.SSSZ), with the
# seconds, fraction and a numeric offset optional.
_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$"
)
_TERM = re.compile(r"^[A-Z][A-Za-z0-9]*$")
_EVENT_TERM = re.compile(r"^[A-Z][A-Za-z0-9]*Event$")
_REQUIRED = ("id", "type", "action", "actor", "object", "eventTime")


@dataclass(frozen=True)
class Completion:
    """A valid Completed AssignableEvent, its ids mapped onto our keys."""

    index: int
    id: str
    actor_id: str
    object_id: str
    object_iri: str
    application_id: str
    event_time: datetime  # in UTC


@dataclass(frozen=True)
class Problem:
    index: int | None  # position in `data` (or the list); None for the envelope itself
    id: str | None
    fields: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Checked:
    received: int
    completions: list[Completion]
    others: int  # valid events and entities that are not completions


class InvalidDocument(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.reason for p in problems))
        self.problems = problems


def parse_time(value: object) -> datetime:
    """An ISO 8601 date-time with a zone, as an aware UTC datetime; ValueError otherwise."""
    if not isinstance(value, str) or not _ISO_DATETIME.match(value):
        raise ValueError(f"{shown(value)} is not an ISO 8601 date-time with Z or an offset")
    if value[-5] in "+-" and value[-3] != ":":  # +0100 -> +01:00 for fromisoformat
        value = f"{value[:-2]}:{value[-2:]}"
    try:
        return datetime.fromisoformat(value).astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        # OverflowError: a time at the ends of year 1 or 9999 moved into UTC.
        raise ValueError(f"{shown(value)} is not a valid date-time ({exc})") from None


def items_of(document: object) -> tuple[list[object], str | None, list[Problem]]:
    """The items a document carries, the envelope's dataVersion, and envelope problems."""
    if isinstance(document, list):
        return document, None, []
    if not isinstance(document, dict):
        reason = "the body must be a Caliper envelope, an event, or a list of events"
        return [], None, [Problem(None, None, ("body",), reason)]
    if "data" not in document:
        return [document], None, []
    problems = []
    version = document.get("dataVersion")
    if not isinstance(document.get("sensor"), str) or not document["sensor"].strip():
        problems.append(("sensor", "required: the sensor's IRI"))
    try:
        parse_time(document.get("sendTime"))
    except ValueError as exc:
        problems.append(("sendTime", str(exc)))
    if not isinstance(version, str) or version not in CALIPER_CONTEXTS:
        problems.append(("dataVersion", f"{shown(version)} is not the Caliper 1.1 or 1.2 context"))
        version = None
    data = document["data"]
    if not isinstance(data, list):
        problems.append(("data", "must be a list of events"))
        data = []
    found = [Problem(None, None, (f,), f"envelope {f}: {m}") for f, m in problems]
    return data, version, found


def event_count(document: object) -> int:
    items, _, _ = items_of(document)
    return len(items)


def check_document(document: object) -> Checked:
    """Every item checked; InvalidDocument listing each bad one if any is bad."""
    items, default_context, problems = items_of(document)
    completions: list[Completion] = []
    others = 0
    for index, item in enumerate(items):
        outcome = check_item(item, index, default_context)
        if isinstance(outcome, Problem):
            problems.append(outcome)
        elif isinstance(outcome, Completion):
            completions.append(outcome)
        else:
            others += 1
    if problems:
        raise InvalidDocument(problems)
    return Checked(received=len(items), completions=completions, others=others)


def check_item(item: object, index: int, default_context: str | None):
    """A Completion, None (valid, not a completion), or the item's Problem."""
    if not isinstance(item, dict):
        return Problem(index, None, (f"data[{index}]",), "not a JSON object")
    event_id = item.get("id") if isinstance(item.get("id"), str) else None
    if event_id is not None and len(event_id) > 128:  # not a urn:uuid; keep answers small
        event_id = event_id[:128] + "…"
    errors = _entity_errors(item) if _is_entity(item) else _event_errors(item, default_context)
    completion = None
    if not errors and (item.get("type"), item.get("action")) == (
        COMPLETION_TYPE,
        COMPLETION_ACTION,
    ):
        completion, errors = _completion(item, index)
    if errors:
        fields = tuple(f"data[{index}].{f}" for f, _ in errors)
        reason = "; ".join(f"{f}: {m}" for f, m in errors)
        return Problem(index, event_id, fields, reason)
    return completion


def _is_entity(item: dict) -> bool:
    kind = item.get("type")
    is_event_type = isinstance(kind, str) and (kind == "Event" or kind.endswith("Event"))
    return isinstance(kind, str) and not is_event_type and "action" not in item


def _entity_errors(item: dict) -> list[tuple[str, str]]:
    if not isinstance(item.get("id"), str) or not item["id"].strip():
        return [("id", "required: an entity in data needs its IRI")]
    return []


def _event_errors(item: dict, default_context: str | None) -> list[tuple[str, str]]:
    errors = [(name, "required") for name in _REQUIRED if item.get(name) in (None, "")]
    context = item.get("@context", default_context)
    contexts = context if isinstance(context, list) else [context]
    if not any(isinstance(c, str) and c in CALIPER_CONTEXTS for c in contexts):
        errors.append(("@context", f"{shown(context)} is not the Caliper 1.1 or 1.2 context"))
    event_id = item.get("id")
    if event_id not in (None, "") and not (isinstance(event_id, str) and _is_uuid_urn(event_id)):
        errors.append(("id", f"{shown(event_id)} is not a urn:uuid: UUID"))
    kind, action = item.get("type"), item.get("action")
    if kind is not None and action is not None:
        errors.extend(_action_errors(kind, action))
    if item.get("eventTime") is not None:
        try:
            parse_time(item["eventTime"])
        except ValueError as exc:
            errors.append(("eventTime", str(exc)))
    for name in ENTITY_PROPERTIES:
        value = item.get(name)
        if value is not None and not _is_entity_ref(value):
            errors.append((name, "must be an IRI string or an object with a string id"))
    return errors


def _action_errors(kind: object, action: object) -> list[tuple[str, str]]:
    if not isinstance(kind, str) or not _EVENT_TERM.match(kind) and kind != "Event":
        return [("type", f"{shown(kind)} is not a Caliper event type")]
    if not isinstance(action, str) or not _TERM.match(action):
        return [("action", f"{shown(action)} is not a Caliper action term")]
    allowed = ALL_ACTIONS if kind == "Event" else ACTIONS_BY_TYPE.get(kind)
    if allowed is not None and action not in allowed:
        listed = ", ".join(sorted(allowed)) if kind != "Event" else "the Caliper actions"
        return [("action", f"{shown(action)} is not allowed for {kind} (allowed: {listed})")]
    return []


def _completion(item: dict, index: int) -> tuple[Completion | None, list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    mapped: dict[str, object] = {}
    for name, mapper in (
        ("actor", identity.person_id),
        ("object", identity.item_ref),
        ("edApp", identity.application_id),
    ):
        try:
            mapped[name] = mapper(item.get(name))
        except identity.UnmappableId as exc:
            errors.append((name, f"cannot be mapped: {exc}"))
    if errors:
        return None, errors
    ref = mapped["object"]
    assert isinstance(ref, identity.ItemRef)
    return Completion(
        index=index,
        id=item["id"],
        actor_id=str(mapped["actor"]),
        object_id=ref.identifier,
        object_iri=ref.iri,
        application_id=str(mapped["edApp"]),
        event_time=parse_time(item["eventTime"]),
    ), []


def _is_uuid_urn(value: str) -> bool:
    if not value.lower().startswith("urn:uuid:"):
        return False
    try:
        uuid.UUID(value[len("urn:uuid:") :])
    except ValueError:
        return False
    return True


def _is_entity_ref(value: object) -> bool:
    if isinstance(value, str):
        return bool(value.strip())
    return isinstance(value, dict) and isinstance(value.get("id"), str) and bool(value["id"])
