"""Input errors that name what is wrong and which identifiers are at fault."""

from dataclasses import dataclass, field

SHOWN = 10  # identifiers quoted per problem; the count says how many more


@dataclass(frozen=True)
class Problem:
    message: str
    identifiers: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        if not self.identifiers:
            return self.message
        shown = ", ".join(self.identifiers[:SHOWN])
        more = len(self.identifiers) - SHOWN
        return f"{self.message}: {shown}" + (f" (and {more} more)" if more > 0 else "")


class InputError(ValueError):
    """Input that is refused before anything is written."""

    def __init__(self, problems: list[Problem], source: str | None = None):
        self.problems = problems
        self.source = source
        super().__init__(str(self))

    def __str__(self) -> str:
        text = "; ".join(str(p) for p in self.problems)
        return f"{self.source}: {text}" if self.source else text

    def identifiers(self) -> list[str]:
        return [i for p in self.problems for i in p.identifiers]


class UniqueIds:
    """The ids of a list of records, each checked once: present and not blank, and
    not seen before. What fails is kept to be reported all at once (``problems``)."""

    def __init__(self, where: str, taken: frozenset[str] = frozenset()):
        self.where = where  # how a record is named by position, e.g. "CFItems"
        self.seen: set[str] = set(taken)
        self.missing: list[str] = []
        self.duplicate: list[str] = []

    def accept(self, position: int, value: object) -> str | None:
        """``value`` when it is a usable new id; else None, and the record is noted."""
        if not isinstance(value, str) or not value.strip():
            self.missing.append(f"{self.where}[{position}]")
            return None
        if value in self.seen:
            self.duplicate.append(value)
            return None
        self.seen.add(value)
        return value

    def problems(self, without_id: str, repeated: str) -> list[Problem]:
        found = []
        if self.missing:
            found.append(Problem(without_id, self.missing))
        if self.duplicate:
            found.append(Problem(repeated, sorted(set(self.duplicate))))
        return found
