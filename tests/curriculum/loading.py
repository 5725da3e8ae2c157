"""How the curriculum tests put data into the graph: through the seed loaders, as production.

``seed`` (CASE package → graph, OneRoster users → graph) is another
engineer's work landing alongside this; until it is importable the tests
fall back to ``graph_loader``, the test-only writer of the documented model.
The 100,000-deep chain always goes through ``graph_loader``: the seed loader
applies a package in one transaction, which for 100,000 items exceeds Neo4j's
default ``dbms.memory.transaction.total.max`` (1 GiB) on the test server.
"""

from __future__ import annotations

from tests.curriculum import graph_loader

try:
    from seed.case_load import load_packages
    from seed.case_package import parse_package
    from seed.roster import person_rows
    from seed.roster_load import load_people
except ImportError:  # pragma: no cover - only before the seed loaders land
    load_packages = None

DATABASE = "neo4j"
SEED_LOADERS = load_packages is not None


def load_package(driver, package: dict) -> None:
    if SEED_LOADERS:
        load_packages(driver, DATABASE, [("tests", parse_package(package))])
    else:
        graph_loader.load_case_package(driver, package)


def load_large_package(driver, package: dict) -> None:
    """A package too big for one transaction, in batches (see the module docstring)."""
    graph_loader.load_case_package(driver, package)


def load_users(driver, users: list[dict]) -> None:
    if SEED_LOADERS:
        load_people(driver, DATABASE, person_rows(users), "tests")
    else:
        graph_loader.load_users(driver, users)


complete = graph_loader.complete
complete_many = graph_loader.complete_many
