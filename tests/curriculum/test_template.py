"""Unit tests of the body template: filled, it is byte for byte what dump_tree writes."""

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.curriculum.jsontree import dump_tree
from app.curriculum.lru import SizedLRU
from app.curriculum.schemas import ProgressNodeSchema
from app.curriculum.template import compile_template, format_epoch_millis
from app.curriculum.tree import build_tree, format_utc_millis, progress_node

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def row(identifier, children=(), type_code="lesson", completed_at=None):
    return {
        "identifier": identifier,
        "typeCode": type_code,
        "humanCodingScheme": None,
        "completedAt": completed_at,
        "children": list(children),
    }


def millis(moment: datetime) -> int:
    return (moment - EPOCH) // timedelta(milliseconds=1)


ROWS = [
    row("c", [("s1", 1), ("s2", 2), ('quo"te\\', 3)], "course"),
    row("s1", [("t1", 1), ("shared", 2)], "section"),
    row("s2", [("shared", 1)], None),
    row("t1"),
    row("shared"),
    row('quo"te\\'),
]


def expected(completions: dict[str, datetime]) -> bytes:
    rows = [{**r, "completedAt": completions.get(r["identifier"])} for r in ROWS]
    return dump_tree(build_tree(rows, "c", progress_node), ProgressNodeSchema)


def test_unfilled_it_is_the_tree_with_nothing_completed():
    template = compile_template(build_tree(ROWS, "c", progress_node))
    assert template.fill([]) == expected({})


def test_filled_it_marks_each_slot_of_an_item_with_several_parents():
    template = compile_template(build_tree(ROWS, "c", progress_node))
    at = datetime(2026, 4, 6, 14, 30, 0, 42000, tzinfo=UTC)
    later = datetime(2026, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)
    completions = {"shared": at, "c": later, 'quo"te\\': at}
    body = template.fill([[k, millis(v)] for k, v in completions.items()])
    assert body == expected(completions)
    assert len(template.slots["shared"]) == 2


def test_items_outside_the_course_and_null_times_are_ignored():
    template = compile_template(build_tree(ROWS, "c", progress_node))
    assert template.fill([["elsewhere", 0], ["t1", None]]) == expected({})


def test_the_fill_leaves_the_template_as_it_was():
    template = compile_template(build_tree(ROWS, "c", progress_node))
    template.fill([["t1", 0]])
    assert template.fill([]) == expected({})


@pytest.mark.parametrize("seed", range(3))
def test_epoch_millis_spelled_as_format_utc_millis(seed):
    rng = random.Random(seed)
    samples = [0, -1, 86_399_999, 253_402_300_799_999, -62_135_596_800_000]
    samples += [rng.randrange(-(10**12), 10**13) for _ in range(2000)]
    for value in samples:
        moment = EPOCH + timedelta(milliseconds=value)
        assert format_epoch_millis(value).decode() == format_utc_millis(moment), value


def test_the_lru_is_bounded_by_size_and_keeps_the_recently_used():
    lru = SizedLRU(100)
    lru.put("a", 1, 40)
    lru.put("b", 2, 40)
    assert lru.get("a") == 1  # b is now the least recently used
    lru.put("c", 3, 40)
    assert lru.get("b") is None and lru.get("a") == 1 and lru.get("c") == 3
    assert lru.bytes == 80
    lru.put("huge", 4, 101)
    assert lru.get("huge") is None and len(lru) == 2
    lru.put("a", 5, 10)
    assert lru.get("a") == 5 and lru.bytes == 50
