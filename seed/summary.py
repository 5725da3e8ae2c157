"""The counts a load reports, and the one line every command prints (pure)."""

from collections import Counter
from dataclasses import dataclass, field

OUTCOMES = ("created", "updated", "unchanged", "removed", "retired")
LOADER_KINDS = frozenset({"documents", "items", "associations", "users"})


@dataclass
class Summary:
    """Counts per kind of record (documents, items, …) and outcome (created, …)."""

    counts: dict[str, Counter] = field(default_factory=dict)
    skipped: Counter = field(default_factory=Counter)  # reason -> how many
    warnings: list[str] = field(default_factory=list)
    extra: Counter = field(default_factory=Counter)  # e.g. references, pending linked

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts.setdefault(kind, Counter())[outcome] += n

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] += n

    def merge(self, other: "Summary") -> "Summary":
        for kind, counter in other.counts.items():
            self.counts.setdefault(kind, Counter()).update(counter)
        self.skipped.update(other.skipped)
        self.extra.update(other.extra)
        self.warnings.extend(w for w in other.warnings if w not in self.warnings)
        return self

    @property
    def changed(self) -> bool:
        return any(c[o] for c in self.counts.values() for o in OUTCOMES if o != "unchanged")

    def line(self) -> str:
        parts = []
        for kind, counter in self.counts.items():
            # Loader kinds always show created/updated/unchanged; event counts come from
            # the ingestion core under its own names and show as they are.
            fixed = OUTCOMES[:3] if kind in LOADER_KINDS else ()
            shown = [f"{counter[o]} {o}" for o in fixed]
            shown += [f"{n} {o}" for o, n in counter.items() if o not in fixed and n]
            parts.append(f"{kind}: " + (", ".join(shown) or "0"))
        parts += [f"{name}: {n}" for name, n in sorted(self.extra.items())]
        if self.skipped:
            reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items()))
            parts.append(f"skipped: {sum(self.skipped.values())} ({reasons})")
        else:
            parts.append("skipped: 0")
        return "; ".join(parts)
