"""What applying a package changes, from the package and the graph's current rows (pure).

Comparing in Python, rather than MERGE-and-SET every row, is what lets an
unchanged reload write nothing and report "unchanged" honestly.

What "unchanged" means, and the trade-off: every item carries ``contentHash``,
a digest of the properties and type label the loader wrote, and the document
carries ``edgesHash``, one digest of the package's associations. By default a
reload reads only the identifiers and hashes of the document's items (plus a
count of its edges) and takes an item, or the whole edge set, as unchanged when
the hash the package yields equals the stored one; full rows are read only for
the rest. That is what the loader itself wrote, so any change between packages
is found and repaired, including items moved between documents, stale items
and edges, changed sequence numbers and types, and edges deleted or added by
hand (the count differs). What it cannot see is a property or label edited by
hand while leaving the hash in place; ``seed case --full-compare`` reads every
row and compares every property (the old, slower reload) and repairs that too.
"""

from dataclasses import dataclass, field

from seed.case_package import Edge, Package, content_hash

IGNORED = frozenset({"lastLoadId", "edgesHash"})  # per load, or kept apart from the fields
TYPE_LABELS_KEPT = frozenset({"CFItem"})


@dataclass
class CurrentState:
    """The rows the graph holds for one document (see case_load.read_state)."""

    document: dict | None = None
    items: dict[str, tuple[dict, list[str]]] = field(default_factory=dict)  # id -> props, labels
    # identifier -> contentHash of every item of the document, when read by hash; items
    # whose hash matches the package's need no row in ``items``.
    hashes: dict[str, str | None] = field(default_factory=dict)
    edges: list[dict] = field(default_factory=list)  # elementId, identifier, type, ends, …
    edges_unchanged: bool = False  # the stored edgesHash and edge count match the package


@dataclass
class Plan:
    document_props: dict | None = None  # None: the document is unchanged
    document_created: bool = False
    item_rows: list[dict] = field(default_factory=list)  # identifier, props, add/remove labels
    items_created: int = 0
    items_updated: int = 0
    items_unchanged: int = 0
    stale_items: list[str] = field(default_factory=list)
    delete_edges: list[str] = field(default_factory=list)  # elementIds
    child_of_rows: list[dict] = field(default_factory=list)
    association_rows: list[dict] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    prune_references: list[str] = field(default_factory=list)
    edges_created: int = 0
    edges_updated: int = 0  # same identifier, new ends or sequenceNumber: replaced
    edges_removed: int = 0
    edges_unchanged: int = 0
    edges_hash: str | None = None  # to store on the document when it differs

    @property
    def changed(self) -> bool:
        return bool(
            self.document_props is not None
            or self.item_rows
            or self.stale_items
            or self.delete_edges
            or self.child_of_rows
            or self.association_rows
        )


def make_plan(package: Package, current: CurrentState, load_id: str) -> Plan:
    plan = Plan()
    if current.document is None or _differs(package.document, current.document):
        plan.document_props = {**package.document, "lastLoadId": load_id}
        plan.document_created = current.document is None
    _plan_items(plan, package, current, load_id)
    wanted_hash = edges_hash(package)
    if current.edges_unchanged:
        plan.edges_unchanged = len(package.edges)
        plan.references = _references(package, _used_references(package))
    else:
        _plan_edges(plan, package, current)
    if (current.document or {}).get("edgesHash") != wanted_hash or plan.document_props:
        plan.edges_hash = wanted_hash  # `SET d = props` drops it: written again after
    return plan


def edges_hash(package: Package) -> str:
    """One digest of every association of the package (identifier and signature)."""
    return content_hash(sorted([e.identifier, list(edge_signature(e))] for e in package.edges))


def _differs(wanted: dict, stored: dict) -> bool:
    return wanted != {k: v for k, v in stored.items() if k not in IGNORED}


def _plan_items(plan: Plan, package: Package, current: CurrentState, load_id: str) -> None:
    for identifier, props in package.items.items():
        if identifier not in current.items and current.hashes.get(identifier) == props.get(
            "contentHash"
        ):
            plan.items_unchanged += 1
            continue
        label = package.labels.get(identifier)
        wanted_labels = {label} if label else set()
        stored = current.items.get(identifier)
        stored_labels = set(stored[1]) - TYPE_LABELS_KEPT if stored else set()
        if stored and not _differs(props, stored[0]) and stored_labels == wanted_labels:
            plan.items_unchanged += 1
            continue
        if stored:
            plan.items_updated += 1
        else:
            plan.items_created += 1
        plan.item_rows.append(
            {
                "identifier": identifier,
                "props": {**props, "lastLoadId": load_id},
                "addLabels": sorted(wanted_labels - stored_labels),
                # An item whose type changed loses its old type label.
                "removeLabels": sorted(stored_labels - wanted_labels),
            }
        )
    in_document = {
        identifier
        for identifier, (props, _) in current.items.items()
        if props.get("documentId") == package.document_id
    }
    plan.stale_items = sorted(in_document.union(current.hashes).difference(package.items))


def edge_signature(edge: Edge) -> tuple:
    """What makes two edges the same: type, ends, sequenceNumber."""
    kind = "CHILD_OF" if edge.is_child_of else "CF_ASSOCIATION"
    association = None if edge.is_child_of else edge.association_type
    return (
        kind,
        association,
        (edge.origin.kind, edge.origin.key),
        (edge.destination.kind, edge.destination.key),
        edge.sequence_number,
    )


def stored_signature(row: dict) -> tuple:
    """The same signature for an edge row read from the graph."""
    association = None if row["type"] == "CHILD_OF" else row["associationType"]
    return (
        row["type"],
        association,
        (row["originKind"], row["origin"]),
        (row["destinationKind"], row["destination"]),
        row["sequenceNumber"],
    )


def _plan_edges(plan: Plan, package: Package, current: CurrentState) -> None:
    wanted = {edge.identifier: edge_signature(edge) for edge in package.edges}
    kept: set[str] = set()
    replaced: set[str] = set()
    for row in current.edges:
        identifier = row["identifier"]
        if identifier in kept or wanted.get(identifier) != stored_signature(row):
            # Gone from the package, changed, or a stray duplicate: replaced below.
            plan.delete_edges.append(row["elementId"])
            if identifier in wanted and identifier not in replaced:
                replaced.add(identifier)
            else:
                plan.edges_removed += 1
            for end in ("origin", "destination"):
                if row[f"{end}Kind"] == "reference":
                    plan.prune_references.append(row[end])
        else:
            kept.add(identifier)
    used_references = _used_references(package)
    for edge in package.edges:
        if edge.identifier in kept:
            plan.edges_unchanged += 1
            continue
        if edge.identifier in replaced:
            plan.edges_updated += 1
        else:
            plan.edges_created += 1
        if edge.is_child_of:
            plan.child_of_rows.append(_child_of_row(edge))
        else:
            plan.association_rows.append(_association_row(edge))
    plan.references = _references(package, used_references)
    plan.prune_references = sorted(set(plan.prune_references) - used_references)


def _used_references(package: Package) -> set[str]:
    return {
        end.key
        for edge in package.edges
        for end in (edge.origin, edge.destination)
        if end.kind == "reference"
    }


def _references(package: Package, used: set[str]) -> list[dict]:
    return [
        {"uri": ref.uri, "identifier": ref.identifier, "title": ref.title}
        for uri, ref in sorted(package.references.items())
        if uri in used
    ]


def _child_of_row(edge: Edge) -> dict:
    return {
        "identifier": edge.identifier,
        "child": edge.origin.key,
        "parent": edge.destination.key,
        "parentIsDocument": edge.destination.kind == "document",
        "sequenceNumber": edge.sequence_number,
    }


def _association_row(edge: Edge) -> dict:
    return {
        "identifier": edge.identifier,
        "associationType": edge.association_type,
        "sequenceNumber": edge.sequence_number,
        "originKind": edge.origin.kind,
        "origin": edge.origin.key,
        "destinationKind": edge.destination.kind,
        "destination": edge.destination.key,
    }
