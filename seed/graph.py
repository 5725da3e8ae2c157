"""Shared write helpers: batched UNWIND, the pending-completion hook, load records."""

from collections.abc import Callable
from typing import Any, LiteralString

from neo4j import Driver, ManagedTransaction, NotificationDisabledClassification, Session

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


class LinkPendingUnavailable(RuntimeError):
    """app.caliper.completions.link_pending cannot be imported (not written yet)."""


def link_pending(tx: ManagedTransaction) -> int | None:
    """Link the pending completion events that the rows just written resolve.

    Runs inside the loader's own transaction, so a load and its linking commit
    together. The function belongs to the Caliper ingestion (app/caliper/).
    """
    try:
        from app.caliper.completions import link_pending as link
    except ImportError as error:
        raise LinkPendingUnavailable(
            "app.caliper.completions.link_pending is not available "
            f"({error}); pending completion events were not linked"
        ) from error
    return link(tx)
