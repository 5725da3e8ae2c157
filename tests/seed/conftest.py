"""Helpers for the seed tests: fixture paths, loading through the CLI code, a graph checksum."""

import hashlib
import json

import pytest

from seed import cli


@pytest.fixture
def case_dir(fixtures_dir):
    return fixtures_dir / "case"


@pytest.fixture
def load_case(app, graph):
    """Load CASE paths through the same function `flask seed case` calls."""

    def load(*paths):
        with app.app_context():
            return cli.load_case([str(p) for p in paths])

    return load


@pytest.fixture
def load_users(app, graph):
    def load(*paths):
        with app.app_context():
            return cli.load_users([str(p) for p in paths])

    return load


def scalar(driver, statement: str, **params):
    records, _, _ = driver.execute_query(statement, params)
    return records[0][0]


def rows(driver, statement: str, **params) -> list[dict]:
    records, _, _ = driver.execute_query(statement, params)
    return [r.data() for r in records]


def checksum(driver) -> str:
    """Every node and relationship with labels and properties, Load records aside."""
    nodes = rows(
        driver,
        "MATCH (n) WHERE NOT n:Load RETURN labels(n) AS l, properties(n) AS p",
    )
    edges = rows(
        driver,
        "MATCH (a)-[r]->(b) RETURN type(r) AS t, properties(r) AS p, "
        "coalesce(a.identifier, a.sourcedId, a.uri) AS a, "
        "coalesce(b.identifier, b.sourcedId, b.uri) AS b",
    )
    text = sorted(json.dumps(x, sort_keys=True, default=str) for x in nodes + edges)
    return hashlib.sha256("\n".join(text).encode()).hexdigest()


def counts(driver) -> dict:
    return {
        "nodes": scalar(driver, "MATCH (n) WHERE NOT n:Load RETURN count(n)"),
        "child_of": scalar(driver, "MATCH ()-[r:CHILD_OF]->() RETURN count(r)"),
        "associations": scalar(driver, "MATCH ()-[r:CF_ASSOCIATION]->() RETURN count(r)"),
    }
