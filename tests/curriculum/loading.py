"""How the curriculum tests put data into the graph: through the seed loaders, as production.

One exception: the 100,000-deep chain goes through ``graph_loader``, the
test-only batched writer of the documented model, because the seed loader
applies a package in one transaction, which for 100,000 items exceeds Neo4j's
default ``dbms.memory.transaction.total.max`` (1 GiB) on the test server.
"""

from __future__ import annotations

from seed.case_load import load_packages
from seed.case_package import parse_package
from seed.roster import person_rows
from seed.roster_load import load_people
from tests.curriculum import graph_loader

DATABASE = "neo4j"


def load_package(driver, package: dict) -> None:
    load_packages(driver, DATABASE, [("tests", parse_package(package))])


def load_large_package(driver, package: dict) -> None:
    """A package too big for one transaction, in batches (see the module docstring)."""
    graph_loader.load_case_package(driver, package)


def load_users(driver, users: list[dict]) -> None:
    load_people(driver, DATABASE, person_rows(users), "tests")


complete = graph_loader.complete
complete_many = graph_loader.complete_many
