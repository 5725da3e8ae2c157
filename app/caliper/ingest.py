"""Ingesting a Caliper document: check all of it, then record it in one write transaction."""

import logging
import random
import time

from neo4j.exceptions import ConstraintError

from app import db
from app.caliper import completions
from app.caliper.validation import Completion, InvalidDocument, check_document
from app.cypher import query
from app.errors import RETRY_AFTER_SECONDS, ApiError

log = logging.getLogger(__name__)

# Why a lock, and a retry only as a backstop: retrying on conflict alone would
# let two posts both read a stale completedAt and the later commit win (a lost
# update the uniqueness constraint cannot see: no duplicate, just the wrong
# time). So every writer of COMPLETED first takes one gate, a write lock held to
# its commit (record_completions.cypher says why one gate and not a lock per
# person: per-person locks deadlocked in 5.26's relationship commit, and each
# victim waited out the driver's 1 s retry delay). The second writer reads the
# first's commit. The constraint on COMPLETED.key stays as the guarantee against
# a writer that skips the gate; the loser then fails with
# ConstraintValidationFailed, a ClientError the driver does not retry. Our work
# is idempotent, so replaying the transaction converges; it is bounded so that a
# writer stuck in conflict answers 503 (retry later) instead of spinning.
MAX_CONFLICT_ATTEMPTS = 4
# The fields named in the error envelope; every bad event is still in the details.
MAX_FIELDS_NAMED = 20


def ingest_document(document: object, *, dry_run: bool = False) -> dict:
    """Check ``document`` (envelope, list of events, or one event) and record its completions.

    Raises ApiError(400) listing every bad event, writing nothing, if any is
    bad. Otherwise returns the summary ``received``, ``completions_recorded``,
    ``duplicates``, ``accepted_not_completions``, ``pending``, ``dry_run`` (the
    wire names are IngestSummarySchema's); with ``dry_run`` nothing is written
    and the summary says what recording would do. Needs a Flask app context.
    """
    try:
        checked = check_document(document)
    except InvalidDocument as exc:
        raise invalid(exc) from None
    unique = unique_by_id(checked.completions)
    repeats = len(checked.completions) - len(unique)
    if not unique:
        created, pending = 0, 0
    elif dry_run:
        created, pending = _preview(unique)
    else:
        created, pending = _write_with_retry(unique)
    return {
        "received": checked.received,
        "completions_recorded": created,
        "duplicates": len(unique) - created + repeats,
        "accepted_not_completions": checked.others,
        "pending": pending,
        "dry_run": dry_run,
    }


def unique_by_id(items: list[Completion]) -> list[Completion]:
    """The first event of each id, sorted by id (the lock order every writer shares)."""
    first: dict[str, Completion] = {}
    for item in items:
        first.setdefault(item.id, item)
    return [first[key] for key in sorted(first)]


def invalid(exc: InvalidDocument) -> ApiError:
    problems = exc.problems
    bad_events = sum(1 for p in problems if p.index is not None)
    what = f"{bad_events} invalid event(s)" if bad_events else "an invalid envelope"
    fields = [f for p in problems for f in p.fields][:MAX_FIELDS_NAMED]
    return ApiError(
        400,
        f"Rejected: {what}; nothing was recorded. {problems[0].reason}",
        fields,
        details=[{"index": p.index, "id": p.id, "reason": p.reason} for p in problems],
    )


def _write_with_retry(unique: list[Completion]) -> tuple[int, int]:
    for attempt in range(1, MAX_CONFLICT_ATTEMPTS + 1):
        try:
            return db.write(completions.record, unique)
        except ConstraintError as exc:
            log.info("caliper: constraint conflict, attempt %d: %s", attempt, exc.code)
            # Jitter, so the writers that collided do not collide again in step.
            time.sleep(random.uniform(0.01, 0.05) * attempt)  # noqa: S311
    raise ApiError(
        503,
        "Too many concurrent writers for the same completions; retry shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def _preview(unique: list[Completion]) -> tuple[int, int]:
    records = db.read(query("caliper/preview_completions"), events=completions.rows(unique))
    created = sum(1 for r in records if not r["recorded"])
    pending = sum(1 for r in records if r["pending"])
    return created, pending
