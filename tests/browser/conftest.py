"""Fixtures for the Neo4j Browser tests: the small demo graph the queries run on."""

from pathlib import Path

import pytest

DEMO_GRAPH = Path(__file__).with_name("demo_graph.cypher")


def write_demo_graph(driver) -> None:
    """Write tests/browser/demo_graph.cypher (one CREATE statement) into an empty graph."""
    driver.execute_query(DEMO_GRAPH.read_text(encoding="utf-8"))


@pytest.fixture
def demo_graph(graph):
    write_demo_graph(graph)
    return graph
