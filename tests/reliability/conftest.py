"""Fixtures for the reliability suite: one gunicorn-served API with its own Neo4j."""

import pytest

from tests.reliability.service import Service


@pytest.fixture(scope="package")
def service(tmp_path_factory):
    svc = Service(tmp_path_factory.mktemp("gunicorn") / "gunicorn.log")
    svc.start_neo4j()
    try:
        svc.flask("db", "init")
        svc.start_api()
        yield svc
    finally:
        svc.stop_api()
        svc.stop_neo4j()


@pytest.fixture(scope="package")
def dataset(service, tmp_path_factory):
    """A demo course, its students and past completions, loaded by the seed loaders."""
    from bench.datasets import build

    (course,) = build(
        service, tmp_path_factory.mktemp("demo"), items=150, students=12, seed=31, apps=2
    )
    return course
