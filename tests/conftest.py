"""Test fixtures: one real Neo4j for the whole run, a clean graph for each test.

Where the database comes from, in order:
1. ``NEO4J_URI`` (with ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD``) when set;
2. a testcontainers Neo4j of the pinned version when a Docker engine answers;
3. otherwise the project's own local server (dev/neo4j/neo4j.sh), as a
   separate test instance under .neo4j/test on ports 7688/7475 so that tests
   never wipe the data of a running `make up` (TEST_NEO4J_HOME,
   TEST_NEO4J_BOLT_PORT and TEST_NEO4J_HTTP_PORT move it, so that two test
   runs can go side by side).
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from app import create_app
from app.cli import apply_schema

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT.parent / "shared" / "fixtures"
NEO4J_IMAGE = "neo4j:5.26.30-community"  # same line as dev/neo4j/pom.xml
TEST_PASSWORD = "testpassword"
TEST_BOLT_PORT = int(os.environ.get("TEST_NEO4J_BOLT_PORT", "7688"))
TEST_HTTP_PORT = int(os.environ.get("TEST_NEO4J_HTTP_PORT", "7475"))


def _docker_answers() -> bool:
    if not shutil.which("docker"):
        return False
    probe = subprocess.run(["docker", "info"], capture_output=True, timeout=20, check=False)
    return probe.returncode == 0


def _local_server_env() -> dict[str, str]:
    return {
        **os.environ,
        "NEO4J_LOCAL_HOME": os.environ.get("TEST_NEO4J_HOME", str(ROOT / ".neo4j" / "test")),
        "NEO4J_BOLT_PORT": str(TEST_BOLT_PORT),
        "NEO4J_HTTP_PORT": str(TEST_HTTP_PORT),
        "NEO4J_PASSWORD": TEST_PASSWORD,
    }


@pytest.fixture(scope="session")
def neo4j_server():
    """Connection settings of a running Neo4j: uri, username, password, http_url."""
    if os.environ.get("NEO4J_URI"):
        yield {
            "uri": os.environ["NEO4J_URI"],
            "username": os.environ.get("NEO4J_USERNAME", "neo4j"),
            "password": os.environ.get("NEO4J_PASSWORD", ""),
            "http_url": os.environ.get("NEO4J_HTTP_URL", "http://127.0.0.1:7474"),
            "local_home": None,
        }
        return
    if _docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer(NEO4J_IMAGE, password=TEST_PASSWORD) as container:
            yield {
                "uri": container.get_connection_url(),
                "username": "neo4j",
                "password": TEST_PASSWORD,
                "http_url": f"http://{container.get_container_host_ip()}:"
                f"{container.get_exposed_port(7474)}",
                "local_home": None,
            }
        return
    env = _local_server_env()
    script = str(ROOT / "dev" / "neo4j" / "neo4j.sh")
    already = subprocess.run([script, "status"], env=env, capture_output=True, check=False)
    subprocess.run([script, "start"], env=env, check=True, timeout=300)
    try:
        yield {
            "uri": f"bolt://127.0.0.1:{TEST_BOLT_PORT}",
            "username": "neo4j",
            "password": TEST_PASSWORD,
            "http_url": f"http://127.0.0.1:{TEST_HTTP_PORT}",
            "local_home": env["NEO4J_LOCAL_HOME"],
            "script": script,
            "env": env,
        }
    finally:
        # Leave a server we found running as it was; stop the one we started.
        if already.returncode != 0 and not os.environ.get("KEEP_TEST_NEO4J"):
            subprocess.run([script, "stop"], env=env, check=False, timeout=120)


def app_config(server: dict, **extra: object) -> dict[str, object]:
    return {
        "TESTING": True,
        "ENV": "test",
        "NEO4J_URI": server["uri"],
        "NEO4J_USERNAME": server["username"],
        "NEO4J_PASSWORD": server["password"],
        **extra,
    }


@pytest.fixture(scope="session")
def app(neo4j_server):
    application = create_app(app_config(neo4j_server))
    with application.app_context():
        apply_schema()
    return application


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server):
    with GraphDatabase.driver(
        neo4j_server["uri"], auth=(neo4j_server["username"], neo4j_server["password"])
    ) as driver:
        yield driver


def wipe(driver) -> None:
    """Delete every node and relationship, keeping constraints and indexes."""
    # An auto-commit transaction: CALL ... IN TRANSACTIONS needs one.
    with driver.session() as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


@pytest.fixture
def graph(app, neo4j_driver):
    """An empty graph (schema kept) for one test; yields the test driver."""
    wipe(neo4j_driver)
    yield neo4j_driver


@pytest.fixture
def client(app, graph):
    return app.test_client()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
