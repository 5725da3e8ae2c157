"""A course's progress body compiled once: JSON fragments with a slot per completion.

The body of every student's progress on a course is the same bytes but for each
node's ``"completed":…,"completedAt":…``. ``compile_template`` writes the tree
once, exactly as ``dump_tree`` would with nothing completed, keeping those two
fields of each node as a separate fragment (a slot); ``fill`` swaps in the
student's completed slots and joins. An item under several parents has a slot
under each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import marshmallow as ma

from app.curriculum.jsontree import CHILDREN, field_plan
from app.curriculum.schemas import ProgressNodeSchema

SLOT_FIELDS = ("completed", "completed_at")
_DAY_MS = 86_400_000
# Per fragment, roughly what a bytes object and its list entry cost beyond its bytes.
_FRAGMENT_OVERHEAD = 90


@dataclass(frozen=True)
class BodyTemplate:
    parts: tuple[bytes, ...]  # static, slot, static, slot, ..., static
    slots: dict[str, tuple[int, ...]]  # identifier -> positions of its slots in parts
    done_head: bytes  # a completed slot is done_head + time + done_tail
    done_tail: bytes
    curriculum_version: int | None
    course_load_id: str | None
    stable: bool  # False: read while a load committed; used once, never cached

    @property
    def size(self) -> int:
        return sum(map(len, self.parts)) + _FRAGMENT_OVERHEAD * (len(self.parts) + len(self.slots))

    def fill(self, completions: list[list]) -> bytes:
        """The body with ``completions`` ([identifier, epoch ms]) marked; other items ignored."""
        parts = list(self.parts)
        slots = self.slots
        head, tail = self.done_head, self.done_tail
        join, day = b"".join, _day
        for identifier, millis in completions:
            positions = slots.get(identifier)
            if positions is None or millis is None:
                continue
            # format_epoch_millis inlined: this loop runs once per completed item.
            days, rest = divmod(millis, _DAY_MS)
            seconds, milli = divmod(rest, 1000)
            minute, second = divmod(seconds, 60)
            done = join(
                (head, day(days), _HOUR_MINUTE[minute], _SECOND[second], _MILLI[milli], tail)
            )
            for position in positions:
                parts[position] = done
        return b"".join(parts)


def compile_template(
    root: dict,
    curriculum_version: int | None = None,
    course_load_id: str | None = None,
    stable: bool = True,
    schema_class: type[ma.Schema] = ProgressNodeSchema,
) -> BodyTemplate:
    """``root``'s tree, nothing completed, as fragments (the walk of ``dump_tree``)."""
    plan, children_key = field_plan(schema_class)
    names = [name for name, _, _ in plan]
    first = names.index(SLOT_FIELDS[0])
    if names[first : first + len(SLOT_FIELDS)] != list(SLOT_FIELDS) or first == 0:
        raise ValueError("the completion fields must follow the first field, side by side")
    before, slot_plan, after = plan[:first], plan[first : first + 2], plan[first + 2 :]
    (_, done_key, done_encode), (_, at_key, at_encode) = slot_plan
    empty_slot = done_key + done_encode(False) + at_key + at_encode(None)
    done_head = done_key + done_encode(True) + at_key + b'"'

    parts: list[bytes] = []
    slots: dict[str, list[int]] = {}
    static: list[bytes] = []

    def open_node(node: dict) -> None:
        for name, prefix, encode in before:
            static.append(prefix)
            static.append(encode(node[name]))
        parts.append(b"".join(static))
        static.clear()
        slots.setdefault(node["cf_item_id"], []).append(len(parts))
        parts.append(empty_slot)
        for name, prefix, encode in after:
            static.append(prefix)
            static.append(encode(node[name]))
        static.append(children_key)

    stack: list = []
    node = root
    while True:
        open_node(node)
        kids = node[CHILDREN]
        if kids:
            stack.append(iter(kids))
            node = next(stack[-1])
            continue
        static.append(b"]}")
        while stack:
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                static.append(b"]}")
            else:
                static.append(b",")
                node = following
                break
        else:
            parts.append(b"".join(static))
            return BodyTemplate(
                parts=tuple(parts),
                slots={k: tuple(v) for k, v in slots.items()},
                done_head=done_head,
                done_tail=b'"',
                curriculum_version=curriculum_version,
                course_load_id=course_load_id,
                stable=stable,
            )


@lru_cache(maxsize=4096)
def _day(days: int) -> bytes:
    return date.fromordinal(date(1970, 1, 1).toordinal() + days).isoformat().encode() + b"T"


# Spelled pieces of a time of day, joined instead of formatted.
_HOUR_MINUTE = tuple(b"%02d:%02d:" % divmod(minute, 60) for minute in range(1440))
_SECOND = tuple(b"%02d." % second for second in range(60))
_MILLI = tuple(b"%03dZ" % milli for milli in range(1000))


def format_epoch_millis(millis: int) -> bytes:
    """``2026-04-06T14:30:00.000Z`` for epoch milliseconds, as ``format_utc_millis`` spells it.

    Integer arithmetic and joined pieces, the date cached per day: measured at
    0.3 µs against 3-4 µs for a datetime and ``format_utc_millis``, per completed item.
    """
    days, rest = divmod(millis, _DAY_MS)
    seconds, milli = divmod(rest, 1000)
    minute, second = divmod(seconds, 60)
    return b"".join((_day(days), _HOUR_MINUTE[minute], _SECOND[second], _MILLI[milli]))
