"""Pure tree assembly: item rows with their child edges → the nested course tree.

A row is a mapping with ``identifier``, ``humanCodingScheme`` and ``children``
(a list of ``(childIdentifier, sequenceNumber)``), plus whatever the node
function reads. Nothing here recurses: a 100,000-deep chain is a normal input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime

# Items of the expanded tree, counting an item once under each of its parents.
# A DAG whose paths multiply (diamonds stacked on diamonds) expands
# exponentially; past this the answer would exhaust the worker, so it is refused.
MAX_TREE_NODES = 2_000_000

Row = Mapping[str, object]
Node = dict[str, object]


class TreeTooLarge(ValueError):
    """The expanded tree would have more than MAX_TREE_NODES items."""


def progress_node(row: Row) -> Node:
    completed_at = row["completedAt"]
    return {
        "cf_item_id": row["identifier"],
        "type_code": row["typeCode"],
        "completed": completed_at is not None,
        "completed_at": completed_at,
    }


def course_node(row: Row) -> Node:
    return {
        "cf_item_id": row["identifier"],
        "type_code": row["typeCode"],
        "human_coding_scheme": row.get("humanCodingScheme"),
        "full_statement": row.get("fullStatement"),
        "abbreviated_statement": row.get("abbreviatedStatement"),
    }


def _text_key(value: object) -> tuple[bool, str]:
    # Nulls last, as for sequenceNumber.
    return (value is None, "" if value is None else str(value))


def child_order(sequence: int | None, child: Row) -> tuple:
    """docs/graph-model.md: sequenceNumber (nulls last), humanCodingScheme, identifier."""
    return (
        sequence is None,
        0 if sequence is None else sequence,
        *_text_key(child.get("humanCodingScheme")),
        str(child["identifier"]),
    )


def course_order(row: Row) -> tuple:
    """The courses of a document: humanCodingScheme (nulls last), fullStatement, identifier."""
    return (
        *_text_key(row.get("humanCodingScheme")),
        *_text_key(row.get("fullStatement")),
        str(row["identifier"]),
    )


def _ordered_children(rows: dict[str, Row]) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {}
    for identifier, row in rows.items():
        best: dict[str, int | None] = {}
        for child, sequence in row["children"]:  # type: ignore[union-attr]
            if child not in rows:
                continue
            # Two isChildOf edges between the same pair show the child once,
            # at the place the first-ordered edge gives it.
            if child not in best or child_order(sequence, rows[child]) < child_order(
                best[child], rows[child]
            ):
                best[child] = sequence
        children[identifier] = sorted(best, key=lambda c: child_order(best[c], rows[c]))
    return children


def build_tree(
    rows: Iterable[Row], root: str, node: Callable[[Row], Node] = progress_node
) -> Node | None:
    """The tree under ``root``: each node is ``node(row)`` plus ``children``, in order.

    An item with several parents appears under each (the same dict, shared).
    An edge back to an item on the current path (a cycle in bad data) is
    dropped, so the result is always finite. ``None`` when ``root`` is absent.
    """
    by_id = {str(row["identifier"]): row for row in rows}
    if root not in by_id:
        return None
    order = _ordered_children(by_id)
    nodes: dict[str, Node] = {}
    kept: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    on_path: set[str] = set()

    def open_node(identifier: str) -> Node:
        made = node(by_id[identifier])
        made["children"] = []
        nodes[identifier] = made
        kept[identifier] = []
        on_path.add(identifier)
        return made

    open_node(root)
    # Depth-first with an explicit stack of (item, position in its children).
    stack: list[tuple[str, int]] = [(root, 0)]
    while stack:
        identifier, position = stack[-1]
        kids = order[identifier]
        if position == len(kids):
            stack.pop()
            on_path.discard(identifier)
            size = 1 + sum(sizes[c] for c in kept[identifier])
            if size > MAX_TREE_NODES:
                raise TreeTooLarge(f"the tree under {root} has more than {MAX_TREE_NODES} items")
            sizes[identifier] = size
            continue
        stack[-1] = (identifier, position + 1)
        child = kids[position]
        if child in on_path:
            continue
        parent_children: list[Node] = nodes[identifier]["children"]  # type: ignore[assignment]
        kept[identifier].append(child)
        if child in nodes:
            parent_children.append(nodes[child])
        else:
            parent_children.append(open_node(child))
            stack.append((child, 0))
    return nodes[root]


def format_utc_millis(moment: datetime) -> str:
    """``2026-04-06T14:30:00.000Z``: UTC, milliseconds, Z (naive means UTC)."""
    moment = moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T"
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}."
        f"{moment.microsecond // 1000:03d}Z"
    )
