"""Shared write helpers: batched UNWIND, the pending-completion hook, load records."""

from collections.abc import Callable
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction, NotificationDisabledClassification, Session

from app.cypher import query
from seed.summary import Summary

BATCH_SIZE = 5000  # rows per UNWIND statement: big enough to amortise, small per request
Progress = Callable[[int], None]


def run_batches(
    tx: ManagedTransaction,
    statement: LiteralString,
    rows: list,
    *,
    key: str = "rows",
    progress: Progress | None = None,
    **params: Any,
) -> None:
    """Run ``statement`` once per batch of ``rows``, passed as ``$rows`` (or ``$key``)."""
    for start in range(0, len(rows), BATCH_SIZE):
        batch = rows[start : start + BATCH_SIZE]
        tx.run(statement, {**params, key: batch}).consume()
        if progress:
            progress(len(batch))


def session(driver: Driver, database: str) -> Session:
    """A write session without "unknown label/type" notices: on a first load into an
    empty graph every type is unknown, and the server says so for each statement."""
    return driver.session(
        database=database,
        notifications_disabled_classifications=[NotificationDisabledClassification.UNRECOGNIZED],
    )


def finish_load(
    tx: ManagedTransaction, summary: Summary, *, load_id: str, kind: str, source: str
) -> Summary:
    """End every load the same way, inside its own transaction.

    Link the pending completion events the rows just written resolve (so a
    load and its linking commit together, whatever order data arrived in),
    then record the load.
    """
    from app.caliper.completions import link_pending

    summary.extra["pending completions linked"] += link_pending(tx)
    tx.run(
        query("curriculum/load_record"),
        id=load_id,
        kind=kind,
        source=source,
        summary=summary.line(),
    ).consume()
    return summary
