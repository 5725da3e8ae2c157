"""The small demo graph the Browser tests run on (tests/browser/demo_graph.cypher)."""

from pathlib import Path

DEMO_GRAPH = Path(__file__).with_name("demo_graph.cypher")


def write_demo_graph(driver) -> None:
    """Write the demo graph (one CREATE statement) into an empty database."""
    driver.execute_query(DEMO_GRAPH.read_text(encoding="utf-8"))
