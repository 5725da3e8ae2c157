"""Events per second through ingest_document, envelopes of 100 Completed events.

    NEO4J_URI=bolt://127.0.0.1:7692 NEO4J_PASSWORD=testpassword \
        .venv/bin/python -m tests.caliper.bench_ingest [envelopes]

WIPES the database it points at: use a test instance, never the dev one.
"""

import random
import sys
import time
from datetime import UTC, datetime, timedelta

from app import create_app
from app.caliper.ingest import ingest_document
from app.cli import apply_schema
from tests.caliper.conftest import completed, envelope
from tests.conftest import wipe

PER_ENVELOPE = 100
PEOPLE, ITEMS = 2000, 500


def main(envelopes: int) -> None:
    app = create_app({"CALIPER_MAX_EVENTS": 5000})
    rng = random.Random(1)
    base = datetime(2024, 1, 1, tzinfo=UTC)
    with app.app_context():
        driver = app.extensions["neo4j"]
        wipe(driver)
        apply_schema()
        driver.execute_query(
            "UNWIND range(1, $n) AS k MERGE (:Person {sourcedId: 's' + k})", n=PEOPLE
        )
        driver.execute_query(
            "UNWIND range(1, $n) AS k MERGE (:CFItem {identifier: 'i' + k})", n=ITEMS
        )
        documents = [
            envelope(
                *[
                    completed(
                        f"urn:uuid:s{rng.randint(1, PEOPLE)}",
                        f"urn:uuid:i{rng.randint(1, ITEMS)}",
                        (base + timedelta(minutes=rng.randrange(500_000))).strftime(
                            "%Y-%m-%dT%H:%M:%S.000Z"
                        ),
                    )
                    for _ in range(PER_ENVELOPE)
                ]
            )
            for _ in range(envelopes)
        ]
        ingest_document(documents[0])  # warm the pool and the query caches
        started = time.perf_counter()
        for document in documents[1:]:
            summary = ingest_document(document)
            assert summary["completions_recorded"] == PER_ENVELOPE, summary
        elapsed = time.perf_counter() - started
        replay_started = time.perf_counter()
        for document in documents[1:]:
            ingest_document(document)
        replay = time.perf_counter() - replay_started
    events = (envelopes - 1) * PER_ENVELOPE
    print(
        f"{events} events in {elapsed:.2f}s: {events / elapsed:.0f} events/s "
        f"({elapsed / (envelopes - 1) * 1000:.1f} ms per envelope of {PER_ENVELOPE})"
    )
    print(f"replay of the same: {events / replay:.0f} events/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 101)
