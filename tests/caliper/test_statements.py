"""The two linking statements share their linking part word for word: no database."""

from app.cypher import query

SHARED_FROM = "CALL (open) {"


def _shared(name: str) -> str:
    text = query(f"caliper/{name}")
    start = text.index(SHARED_FROM)
    return text[start : text.rindex("RETURN")]


def test_recording_and_linking_pending_events_link_the_same_way():
    assert _shared("record_completions") == _shared("link_completions")


def test_both_take_the_gate_first():
    for name in ("record_completions", "link_completions"):
        statement = "\n".join(
            line for line in query(f"caliper/{name}").splitlines() if not line.startswith("//")
        )
        assert statement.startswith("MERGE (gate:WriteGate {name: 'completions'})\nSET gate.")
