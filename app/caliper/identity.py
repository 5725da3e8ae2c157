"""Mapping Caliper entity IRIs onto our keys: Person.sourcedId, CFItem.identifier, applicationId.

One rule for all three, in this order (the platform we mirror sends
``urn:uuid:{id}``; other sensors send https IRIs or bare ids):

1. ``urn:uuid:{id}`` (prefix in any case)      -> ``{id}``
2. an ``http(s)://`` IRI                      -> its last non-empty path segment,
                                                 percent-decoded
3. a bare id (no scheme, no white space)      -> itself

Anything else (another scheme, an https IRI without a path, white space) cannot
be mapped and the event is rejected with that reason; the exception is
``edApp``, whose host stands in when the IRI has no path, because the spec's
own examples identify applications as ``https://example.edu``. An object also
keeps its IRI as sent, so that a CFItem whose ``uri`` is exactly that IRI is
found even when its identifier is not the last segment.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_UUID_URN = "urn:uuid:"
# Bounds on what we store and index: the three mapped ids make COMPLETED.key,
# which must stay under Neo4j's 8 KB limit for an indexed value (UTF-8, so up
# to 4 bytes a character); no real sourcedId, identifier or IRI comes close.
MAX_KEY_LENGTH = 512
MAX_IRI_LENGTH = 2048


def shown(value: object, limit: int = 80) -> str:
    """A value for an error message: short, and safe whatever its shape.

    ``repr`` of a 1,000-deep list raises RecursionError and of a 1 MB string
    makes a 1 MB message; neither may reach an answer.
    """
    if isinstance(value, str):
        return repr(value[:limit]) + ("…" if len(value) > limit else "")
    if value is None or isinstance(value, bool | int | float):
        return repr(value)[:limit]
    return f"a JSON {'array' if isinstance(value, list) else 'object'}"


class UnmappableId(ValueError):
    """The IRI names nothing we can key on; the message says why."""


@dataclass(frozen=True)
class ItemRef:
    identifier: str  # the mapped CFItem.identifier
    iri: str  # the object's id as sent, for an exact match on CFItem.uri


def entity_iri(entity: object) -> str:
    """The IRI of an entity given as an IRI string or an object with an ``id``."""
    if isinstance(entity, str):
        return entity
    if isinstance(entity, dict) and isinstance(entity.get("id"), str):
        return entity["id"]
    raise UnmappableId("must be an IRI string or an object with a string id")


def map_iri(iri: str, *, host_fallback: bool = False) -> str:
    """The key an IRI stands for, by the rule in this module's docstring."""
    if len(iri) > MAX_IRI_LENGTH:
        raise UnmappableId(f"{shown(iri)} is longer than {MAX_IRI_LENGTH} characters")
    key = _map(iri, host_fallback)
    if len(key) > MAX_KEY_LENGTH:
        raise UnmappableId(f"the id {shown(key)} is longer than {MAX_KEY_LENGTH} characters")
    return key


def _map(iri: str, host_fallback: bool) -> str:
    text = iri.strip()
    if not text or text != iri or any(ch.isspace() for ch in text):
        raise UnmappableId(f"{shown(iri)} is empty or contains white space")
    if text.lower().startswith(_UUID_URN):
        key = text[len(_UUID_URN) :]
        if not key:
            raise UnmappableId(f"{shown(iri)} has nothing after urn:uuid:")
        return key
    if not _SCHEME.match(text):
        return text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise UnmappableId(f"{shown(iri)}: only urn:uuid:, http(s) IRIs and bare ids can be mapped")
    segments = [s for s in parts.path.split("/") if s]
    if segments:
        key = unquote(segments[-1])
        if key.strip() and not any(ch.isspace() for ch in key):
            return key
        raise UnmappableId(f"{shown(iri)}: the last path segment is blank")
    if host_fallback:
        return parts.netloc.lower()
    raise UnmappableId(f"{shown(iri)} has no path segment to take the id from")


def person_id(actor: object) -> str:
    """The OneRoster sourcedId of an event's ``actor``."""
    return map_iri(entity_iri(actor))


def item_ref(obj: object) -> ItemRef:
    """The CFItem an event's ``object`` names: mapped identifier plus the raw IRI."""
    iri = entity_iri(obj)
    return ItemRef(identifier=map_iri(iri), iri=iri)


def application_id(ed_app: object) -> str:
    """The applicationId of an event's ``edApp``; ``""`` when the event names none."""
    if ed_app is None:
        return ""
    return map_iri(entity_iri(ed_app), host_fallback=True)
