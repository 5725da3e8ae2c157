"""Events per second through ingest_document, in-process, from one or more threads.

    NEO4J_URI=bolt://127.0.0.1:7692 NEO4J_PASSWORD=testpassword \
        .venv/bin/python -m tests.caliper.bench_ingest [--threads 4] [--size 100] \
        [--envelopes 30] [--repeats 3]

Each repeat posts ``--envelopes`` envelopes of ``--size`` new Completed events
per thread (random people, items and applications, so posts share both), then
replays them; it prints the median of the repeats and every figure. Transient
failures that ingest_document replayed are counted from its log.

To compare two versions side by side on a noisy machine, run this same file
against each tree in turn, e.g. ``PYTHONPATH=/path/to/old/tree:. .venv/bin/python
tests/caliper/bench_ingest.py``: the imports then come from the old tree.

WIPES the database it points at: use a test instance, never the dev one.
"""

import argparse
import logging
import random
import statistics
import threading
import time
from datetime import UTC, datetime, timedelta

from app import create_app
from app.caliper.ingest import ingest_document
from app.cli import apply_schema
from tests.caliper.conftest import completed, envelope
from tests.conftest import wipe

PEOPLE, ITEMS, APPS = 2000, 1500, 3
BASE = datetime(2024, 1, 1, tzinfo=UTC)


class _Replays(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "attempt" in record.getMessage() or "will be retried" in record.getMessage():
            self.count += 1


def make_documents(rng: random.Random, size: int, count: int) -> list[dict]:
    def one() -> dict:
        stamp = (BASE + timedelta(minutes=rng.randrange(500_000))).strftime("%Y-%m-%dT%H:%M:%SZ")
        return completed(
            f"urn:uuid:s{rng.randint(1, PEOPLE)}",
            f"urn:uuid:i{rng.randint(1, ITEMS)}",
            stamp,
            f"urn:uuid:app{rng.randint(1, APPS)}",
        )

    return [envelope(*[one() for _ in range(size)]) for _ in range(count)]


def run(app, work: list[list[dict]]) -> tuple[float, list[float]]:
    """Post each thread's documents; (seconds, latency of every post)."""
    latencies: list[float] = []
    failures: list[BaseException] = []

    def sender(documents: list[dict]) -> None:
        with app.app_context():
            for document in documents:
                began = time.perf_counter()
                try:
                    ingest_document(document)
                except BaseException as exc:  # reported below
                    failures.append(exc)
                latencies.append(time.perf_counter() - began)

    threads = [threading.Thread(target=sender, args=(docs,)) for docs in work]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures[:3]
    return time.perf_counter() - began, latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--size", type=int, default=100, help="events per envelope")
    parser.add_argument("--envelopes", type=int, default=30, help="per thread and repeat")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--items", type=int, default=1500)
    parser.add_argument(
        "--prefill", type=int, default=0, help="events recorded first (dense people and items)"
    )
    args = parser.parse_args()
    global PEOPLE, ITEMS  # noqa: PLW0603 (module settings, read by make_documents)
    PEOPLE, ITEMS = args.people, args.items
    app = create_app({"CALIPER_MAX_EVENTS": 5000, "LOG_LEVEL": "WARNING"})
    replays = _Replays()
    for name in ("app.caliper.ingest", "neo4j"):
        logging.getLogger(name).addHandler(replays)
        logging.getLogger(name).setLevel(logging.INFO)
        logging.getLogger(name).propagate = False
    rng = random.Random(1)
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
        for document in make_documents(rng, 1000, args.prefill // 1000):
            ingest_document(document)
        for document in make_documents(rng, args.size, 3):  # warm the pool and the plans
            ingest_document(document)
    rates, replay_rates, p50s = [], [], []
    for _ in range(args.repeats):
        work = [make_documents(rng, args.size, args.envelopes) for _ in range(args.threads)]
        events = args.threads * args.envelopes * args.size
        seconds, latencies = run(app, work)
        rates.append(events / seconds)
        p50s.append(1000 * statistics.median(latencies))
        replay_seconds, _ = run(app, work)
        replay_rates.append(events / replay_seconds)
    print(
        f"threads={args.threads} size={args.size}: "
        f"{statistics.median(rates):.0f} events/s (runs {', '.join(f'{r:.0f}' for r in rates)}), "
        f"p50 {statistics.median(p50s):.1f} ms per envelope, "
        f"replay {statistics.median(replay_rates):.0f} events/s, "
        f"transient failures replayed {replays.count}"
    )


if __name__ == "__main__":
    main()
