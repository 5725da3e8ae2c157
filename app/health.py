"""The base URL's index, and liveness and readiness: /healthz (process) and /readyz (Neo4j)."""

from flask import Blueprint, jsonify

from app import db
from app.cypher import query
from app.errors import RETRY_AFTER_SECONDS, ApiError

bp = Blueprint("health", __name__)


@bp.get("/")
def index():
    """Where a person who opens the base URL can go next."""
    return jsonify(
        service="Student Course Progress",
        docs="/docs",
        openapi="/openapi.json",
        health="/healthz",
        ready="/readyz",
        progress="/curriculum/1.0/courses/{courseId}/students/{studentId}/progress",
    )


@bp.get("/healthz")
def healthz():
    return jsonify(status="ok")


@bp.get("/readyz")
def readyz():
    try:
        db.read(query("health/ping"))
    except Exception as exc:  # any failure to reach the database means "not ready"
        raise ApiError(
            503,
            f"Neo4j is not reachable ({type(exc).__name__}).",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        ) from exc
    return jsonify(status="ready", neo4j="ok")
