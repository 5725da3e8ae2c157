"""Cypher statements, one per file under cypher/, read once and kept as text.

Files are named by what they answer, e.g. ``curriculum/progress_tree``. The
text is constant: request values only ever travel as ``$parameters``.
"""

from functools import cache
from pathlib import Path
from typing import LiteralString, cast

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"


@cache
def query(name: str) -> LiteralString:
    """The statement in ``cypher/{name}.cypher``."""
    path = (CYPHER_DIR / f"{name}.cypher").resolve()
    if CYPHER_DIR not in path.parents:
        raise ValueError(f"not a query name: {name!r}")
    # The cast records that the text comes from our own files, never a request.
    return cast(LiteralString, path.read_text(encoding="utf-8").strip().rstrip(";"))


def statements(folder: str) -> list[tuple[str, LiteralString]]:
    """Every statement in a folder, in file-name order (for ordered schema steps)."""
    names = sorted(p.stem for p in (CYPHER_DIR / folder).glob("*.cypher"))
    return [(name, query(f"{folder}/{name}")) for name in names]
