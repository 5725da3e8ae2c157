"""Fixtures for the Neo4j Browser tests."""

import pytest

from tests.browser.demo import write_demo_graph


@pytest.fixture
def demo_graph(graph):
    """The clean test database with the demo graph written in; yields the driver."""
    write_demo_graph(graph)
    return graph
