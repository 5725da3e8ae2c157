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
