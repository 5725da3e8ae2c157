"""Type labels and Neo4j Browser captions for curriculum nodes (pure)."""

import re

# Labels the graph model already gives a meaning; an item type spelled the same
# would make a curriculum item look like a person or a log entry, so it gets a
# suffix instead (`user` -> :UserItem).
RESERVED_LABELS = frozenset(
    {"CFItem", "CFDocument", "CFReference", "Person", "User", "Student"}
    | {"CompletionEvent", "Load", "GraphVersion", "WriteGate"}
)
CAPTION_LENGTH = 40
_WORD = re.compile(r"[^\W_]+")  # runs of letters and digits, any script


def type_label(type_code: str | None) -> str | None:
    """The PascalCase label for a type code (`learning objective` -> `LearningObjective`).

    Only letters and digits survive, so the result is always a safe label name
    even though it is set dynamically (`SET n:$(label)`), never pasted into Cypher.
    """
    if not type_code:
        return None
    label = "".join(word[0].upper() + word[1:] for word in _WORD.findall(type_code))
    if not label:
        return None
    return f"{label}Item" if label in RESERVED_LABELS else label


def shorten(text: str, length: int = CAPTION_LENGTH) -> str:
    """``text`` on one line, cut at a word boundary to about ``length`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= length:
        return flat
    cut = flat[: length - 1]
    space = cut.rfind(" ")
    if space >= length // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def item_caption(item: dict) -> str:
    """A short title for Neo4j Browser: the abbreviation, else code + statement."""
    abbreviated = _text(item.get("abbreviatedStatement"))
    if abbreviated:
        return shorten(abbreviated)
    code = _text(item.get("humanCodingScheme"))
    statement = _text(item.get("fullStatement"))
    if code and statement:
        return shorten(f"{code} {statement}")
    return shorten(code or statement or _text(item.get("identifier")))


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
