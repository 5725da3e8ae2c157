"""A CASE 1.0/1.1 package, checked and turned into the rows the loader writes (pure).

Nothing here touches the database: ``parse_package(dict)`` either returns a
``Package`` that is safe to apply or raises ``PackageError`` naming every
offending identifier, so a bad package never reaches a transaction.
"""

import hashlib
import json
from dataclasses import dataclass, field

import orjson

from seed.labels import item_caption, shorten, type_label
from seed.problems import InputError, Problem, UniqueIds

# CASE producers disagree on capitalisation (`CFItemType` / `cfItemType`,
# `CFItems` / `cfItems`); these are the spellings the graph stores.
_ITEM_FIELDS = [
    "identifier", "uri", "fullStatement", "alternativeLabel", "CFItemType", "CFItemTypeURI",
    "humanCodingScheme", "listEnumeration", "abbreviatedStatement", "conceptKeywords",
    "conceptKeywordsURI", "notes", "language", "educationLevel", "licenseURI",
    "statusStartDate", "statusEndDate", "lastChangeDateTime", "CFDocumentURI", "subject",
    "subjectURI",
]  # fmt: skip
_CANONICAL = {name.lower(): name for name in _ITEM_FIELDS}
_STRING_FIELDS = frozenset(
    ["identifier", "uri", "fullStatement", "alternativeLabel", "CFItemType", "notes"]
    + ["humanCodingScheme", "listEnumeration", "abbreviatedStatement", "language"]
    + ["lastChangeDateTime", "statusStartDate", "statusEndDate"]
)
# Properties the loader computes; a package field of the same name is overridden.
COMPUTED = frozenset(
    {"identifier", "documentId", "typeCode", "caption", "lastLoadId", "contentHash", "edgesHash"}
)
_MAX_INT = 2**63 - 1


class PackageError(InputError):
    """The package cannot be applied; ``problems`` says why and names the identifiers."""


@dataclass(frozen=True)
class End:
    """One end of an association: an item or the document of this package, or a reference."""

    kind: str  # "item" | "document" | "reference"
    key: str  # identifier, or uri for a reference


@dataclass(frozen=True)
class Edge:
    identifier: str
    association_type: str
    origin: End
    destination: End
    sequence_number: int | None

    @property
    def is_child_of(self) -> bool:
        """Kept as CHILD_OF: an isChildOf between two members of the package."""
        return (
            self.association_type == "isChildOf"
            and self.origin.kind == "item"
            and self.destination.kind in ("item", "document")
        )


@dataclass(frozen=True)
class Reference:
    uri: str
    identifier: str | None
    title: str | None


@dataclass
class Package:
    document_id: str
    document: dict  # the properties to store on the CFDocument
    items: dict[str, dict] = field(default_factory=dict)  # identifier -> properties
    labels: dict[str, str | None] = field(default_factory=dict)  # identifier -> type label
    edges: list[Edge] = field(default_factory=list)
    references: dict[str, Reference] = field(default_factory=dict)  # uri -> reference

    @property
    def title(self) -> str:
        return str(self.document.get("title") or self.document_id)


def parse_package(data: object) -> Package:
    """Check a decoded CASE package and flatten it; raise ``PackageError`` if it is bad."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise PackageError([Problem("a CASE package must be a JSON object", [])])
    document = _pick(data, "CFDocument")
    if not isinstance(document, dict):
        raise PackageError([Problem("no CFDocument object in the package", [])])
    document_id = document.get("identifier")
    if not isinstance(document_id, str) or not document_id.strip():
        raise PackageError([Problem("the CFDocument has no string identifier", [])])
    package = Package(document_id, _document_properties(document))
    type_codes = _type_codes(_pick(data, "CFDefinitions"), problems)
    _add_items(package, _list(data, "CFItems", problems), type_codes, problems)
    _add_edges(package, _list(data, "CFAssociations", problems), problems)
    if not problems:
        cycle = find_cycle(package.edges)
        if cycle:
            problems.append(Problem("isChildOf cycle", cycle))
    if problems:
        raise PackageError(problems)
    return package


def _pick(obj: dict, name: str) -> object:
    """``obj[name]``, accepting any capitalisation of the key."""
    if name in obj:
        return obj[name]
    lower = name.lower()
    for key, value in obj.items():
        if isinstance(key, str) and key.lower() == lower:
            return value
    return None


def _list(data: dict, name: str, problems: list[Problem]) -> list:
    value = _pick(data, name)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.append(Problem(f"{name} must be a list, not {type(value).__name__}", []))
        return []
    return value


def _type_codes(definitions: object, problems: list[Problem]) -> dict[str, str]:
    """CFItemTypes identifier -> typeCode, from CFDefinitions."""
    if definitions is None:
        return {}
    if not isinstance(definitions, dict):
        # Dropping it silently would load every item without its type.
        kind = type(definitions).__name__
        problems.append(Problem(f"CFDefinitions must be an object, not {kind}", []))
        return {}
    codes = {}
    for entry in _list(definitions, "CFItemTypes", problems):
        if not isinstance(entry, dict) or not isinstance(entry.get("identifier"), str):
            problems.append(Problem("a CFItemTypes entry has no identifier", []))
            continue
        code = _pick(entry, "typeCode")
        if isinstance(code, str) and code.strip():
            codes[entry["identifier"]] = code
    return codes


def type_code(item: dict, type_codes: dict[str, str]) -> str | None:
    """The definition CFItemTypeURI points at (by identifier), else CFItemType, lower case."""
    link = item.get("CFItemTypeURI")
    if isinstance(link, dict) and link.get("identifier") in type_codes:
        return " ".join(type_codes[link["identifier"]].split()).lower()
    name = item.get("CFItemType")
    if isinstance(name, str) and name.strip():
        return " ".join(name.split()).lower()
    return None


def _add_items(package: Package, items: list, codes: dict, problems: list[Problem]) -> None:
    wrong: dict[str, list[str]] = {}
    # An item may not reuse the document's identifier either: both are graph nodes.
    ids = UniqueIds("CFItems", taken=frozenset({package.document_id, *package.items}))
    for position, raw in enumerate(items):
        if not isinstance(raw, dict):
            ids.missing.append(f"CFItems[{position}] is not an object")
            continue
        item = {_CANONICAL.get(str(key).lower(), str(key)): value for key, value in raw.items()}
        identifier = ids.accept(position, item.get("identifier"))
        if identifier is None:
            continue
        for name in _STRING_FIELDS.intersection(item):
            if item[name] is not None and not isinstance(item[name], str):
                wrong.setdefault(name, []).append(identifier)
        code = type_code(item, codes)
        props = _storable(item, drop={"CFDocumentURI"})
        props.update(
            identifier=identifier,
            documentId=package.document_id,
            typeCode=code,
            caption=item_caption(item),
        )
        stored = {k: v for k, v in props.items() if v is not None}
        package.labels[identifier] = type_label(code)
        stored["contentHash"] = content_hash([stored, package.labels[identifier]])
        package.items[identifier] = stored
    problems += ids.problems("items without an identifier", "duplicate identifiers")
    for name, identifiers in sorted(wrong.items()):
        problems.append(Problem(f"items whose {name} is not a string", identifiers))


def _add_edges(package: Package, associations: list, problems: list[Problem]) -> None:
    bad_sequence, bad_type, document_child = [], [], []
    ids = UniqueIds("CFAssociations")
    for position, raw in enumerate(associations):
        identifier = ids.accept(position, raw.get("identifier") if isinstance(raw, dict) else None)
        if identifier is None:
            continue
        kind = _pick(raw, "associationType")
        origin = _end(package, _pick(raw, "originNodeURI"))
        destination = _end(package, _pick(raw, "destinationNodeURI"))
        if not isinstance(kind, str) or not kind.strip() or origin is None or destination is None:
            bad_type.append(identifier)
            continue
        try:
            sequence = sequence_number(_pick(raw, "sequenceNumber"))
        except ValueError:
            bad_sequence.append(identifier)
            continue
        kind = kind.strip()
        if kind == "isChildOf" and origin.kind == "document":
            document_child.append(identifier)
            continue
        package.edges.append(Edge(identifier, kind, origin, destination, sequence))
    problems += ids.problems(
        "associations without an identifier", "duplicate association identifiers"
    )
    if bad_type:
        problems.append(
            Problem(
                "associations without an associationType or an origin/destination identifier",
                bad_type,
            )
        )
    if bad_sequence:
        problems.append(Problem("sequenceNumber is not an integer", bad_sequence))
    if document_child:
        problems.append(Problem("isChildOf with the CFDocument as the child", document_child))


def _end(package: Package, link: object) -> End | None:
    if not isinstance(link, dict):
        return None
    identifier, uri = link.get("identifier"), link.get("uri")
    if not isinstance(identifier, str) or not identifier.strip():
        return None
    if identifier in package.items:
        return End("item", identifier)
    if identifier == package.document_id:
        return End("document", identifier)
    # Outside the package: kept as a CFReference keyed by its URI.
    key = uri if isinstance(uri, str) and uri.strip() else f"urn:uuid:{identifier}"
    title = link.get("title")
    package.references.setdefault(
        key, Reference(key, identifier, title if isinstance(title, str) else None)
    )
    return End("reference", key)


def sequence_number(value: object) -> int | None:
    """An integer, a numeric string (`"3"`, `"3.0"`) or nothing; anything else is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            value = float(text)  # raises ValueError for "abc"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise ValueError(value)


def find_cycle(edges: list[Edge]) -> list[str]:
    """The identifiers on one isChildOf cycle among the package's items, or []."""
    parents: dict[str, list[str]] = {}
    for edge in edges:
        if edge.is_child_of and edge.destination.kind == "item":
            parents.setdefault(edge.origin.key, []).append(edge.destination.key)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in parents:
        if state.get(start):
            continue
        path, stack = [start], [iter(parents.get(start, ()))]
        state[start] = 1
        while stack:  # iterative: a 100,000-item chain must not hit the recursion limit
            parent = next(stack[-1], None)
            if parent is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(parent) == 1:
                return path[path.index(parent) :] + [parent]
            elif not state.get(parent):
                state[parent] = 1
                path.append(parent)
                stack.append(iter(parents.get(parent, ())))
    return []


def content_hash(value: object) -> str:
    """A short digest of ``value`` (keys sorted): equal content, equal hash, in any process."""
    data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _document_properties(document: dict) -> dict:
    props = _storable(document)
    props["identifier"] = document["identifier"]
    props["caption"] = shorten(str(document.get("title") or document["identifier"]))
    return {k: v for k, v in props.items() if v is not None}


def _storable(obj: dict, drop: set[str] = frozenset()) -> dict:
    """Fields Neo4j can hold as they are; nested objects kept as JSON text."""
    return {k: storable_value(v) for k, v in obj.items() if k not in drop and k not in COMPUTED}


def storable_value(value: object) -> object:
    if value is None or isinstance(value, str | bool | float):
        return value
    if isinstance(value, int):
        return value if -_MAX_INT - 1 <= value <= _MAX_INT else str(value)
    if isinstance(value, list) and value:
        if all(isinstance(v, str) for v in value):
            return value
        # Neo4j lists are homogeneous: all integers or all floats.
        if all(type(v) is int for v in value) or all(type(v) is float for v in value):
            return value
    if isinstance(value, list) and not value:
        return []
    # A link object ({title, identifier, uri}) or a mixed list: lossless as text.
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
