"""Fixtures for the curriculum endpoints: tokens, loaders, and a GET with a read token."""

from __future__ import annotations

import time

import jwt
import pytest

from app import create_app
from app.cli import apply_schema
from app.config import DEV_JWT_SECRET
from tests.conftest import app_config
from tests.curriculum import loading
from tests.curriculum.builders import CasePackage, oneroster_user

READ_SCOPE = "https://purl.imsglobal.org/spec/case/v1p0/scope/case.readonly"


@pytest.fixture(scope="session", params=["cache-on", "cache-off"])
def app(request, neo4j_server):
    """The app with the cached progress path and with the uncached one: every
    curriculum test runs against both, so they answer alike."""
    setting = "off" if request.param == "cache-off" else "on"
    application = create_app(app_config(neo4j_server, PROGRESS_CACHE=setting))
    with application.app_context():
        apply_schema()
    return application


def make_token(
    scope: str | None = READ_SCOPE,
    *,
    key: object = DEV_JWT_SECRET,
    algorithm: str = "HS256",
    lifetime: int = 300,
    **claims: object,
) -> str:
    """A JWT as an OAuth client-credentials grant would issue it (claims None are left out)."""
    now = int(time.time())
    payload = {
        "sub": "curriculum-tests",
        "iat": now,
        "nbf": now,
        "exp": now + lifetime,
        "scope": scope,
        **claims,
    }
    payload = {name: value for name, value in payload.items() if value is not None}
    return jwt.encode(payload, key, algorithm=algorithm)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def read_headers() -> dict[str, str]:
    return bearer(make_token())


@pytest.fixture
def get(client, read_headers):
    """GET ``path`` with a read token (extra headers merged in)."""

    def _get(path: str, headers: dict[str, str] | None = None, **kwargs):
        return client.get(path, headers={**read_headers, **(headers or {})}, **kwargs)

    return _get


class Graph:
    """Loads packages and users through the seed loaders; records completions."""

    def __init__(self, driver):
        self.driver = driver

    def package(self, package: CasePackage) -> CasePackage:
        loading.load_package(self.driver, package.to_dict())
        return package

    def large_package(self, package: CasePackage) -> CasePackage:
        loading.load_large_package(self.driver, package.to_dict())
        return package

    def student(self, **kwargs) -> str:
        user = oneroster_user(**kwargs)
        loading.load_users(self.driver, [user])
        return user["sourcedId"]

    def complete(self, student: str, item: str, at: str, application: str = "") -> None:
        loading.complete(self.driver, student, item, at, application)


@pytest.fixture
def load(graph) -> Graph:
    return Graph(graph)


def progress_path(course: str, student: str) -> str:
    return f"/curriculum/1.0/courses/{course}/students/{student}/progress"


def node(identifier, type_code, children=(), completed_at=None) -> dict:
    """A progress node as the contract shows it."""
    return {
        "cfItemId": identifier,
        "typeCode": type_code,
        "completed": completed_at is not None,
        "completedAt": completed_at,
        "children": list(children),
    }
