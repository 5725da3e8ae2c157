"""The Neo4j driver: one per process, kept in ``app.extensions["neo4j"]``."""

import atexit
from collections.abc import Callable
from typing import Any, LiteralString, TypeVar

from flask import Flask, current_app
from neo4j import Driver, GraphDatabase, ManagedTransaction, RoutingControl

T = TypeVar("T")


def init_app(app: Flask) -> None:
    cfg = app.config
    driver = GraphDatabase.driver(
        cfg["NEO4J_URI"],
        auth=(cfg["NEO4J_USERNAME"], cfg["NEO4J_PASSWORD"]),
        connection_timeout=cfg["NEO4J_CONNECTION_TIMEOUT"],
        connection_acquisition_timeout=cfg["NEO4J_ACQUISITION_TIMEOUT"],
        max_transaction_retry_time=cfg["NEO4J_MAX_RETRY_TIME"],
        max_connection_pool_size=cfg["NEO4J_MAX_POOL_SIZE"],
        user_agent="student-course-progress/0.1",
        # Planner hints ("label does not exist" on an empty database, ...) are for
        # people writing queries, not for the service's logs.
        notifications_min_severity="OFF",
    )
    app.extensions["neo4j"] = driver
    # Closed once at process exit, not per request: the pool is the point.
    atexit.register(driver.close)


def driver() -> Driver:
    return current_app.extensions["neo4j"]


def database() -> str:
    return current_app.config["NEO4J_DATABASE"]


def read(query: LiteralString, **params: Any) -> list[Any]:
    """Run a read query with READ routing, so a cluster may answer from any member."""
    records, _, _ = driver().execute_query(
        query, params, routing_=RoutingControl.READ, database_=database()
    )
    return records


def write(work: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``work(tx, ...)`` in one managed write transaction.

    The driver retries ``work`` on transient errors, so it must be idempotent.
    """
    with driver().session(database=database()) as session:
        return session.execute_write(work, *args, **kwargs)


def run_write(tx: ManagedTransaction, query: LiteralString, **params: Any) -> list[Any]:
    """Run one statement inside a write transaction and return its records."""
    return list(tx.run(query, params))
