"""A soak: mixed progress reads and event posts at a steady rate from several clients.

`python -m tests.reliability.soak --seconds 300` (make soak) runs the long
version against its own Neo4j and gunicorn; tests/reliability/test_soak.py
runs a short one. Bounded in requests and time; loopback only.
"""

import argparse
import json
import tempfile
import threading
import time
from pathlib import Path

from tests.reliability.traffic import (
    Traffic,
    completions_in_graph,
    event_ids_in_graph,
    expected_completions,
)


def run_soak(
    service,
    course,
    *,
    seconds: float,
    clients: int = 4,
    rate: float = 40.0,
    post_share: float = 0.25,
    events_per_post: int = 20,
    max_requests: int = 200_000,
) -> dict:
    """Drive ``rate`` requests/s in total for ``seconds``; return the figures."""
    traffic = Traffic(int(service.base_url.rsplit(":", 1)[1]), service.token(), course)
    with service.driver() as driver:
        before = completions_in_graph(driver)
        ids_before = event_ids_in_graph(driver)
    rss_start = service.worker_rss_kib()
    samples = [sum(rss_start.values())]
    interval = clients / rate  # each client's pace, so the total is steady
    posts_every = max(1, round(1 / post_share))
    deadline = time.monotonic() + seconds
    budget = threading.Semaphore(max_requests)

    def client(number: int) -> None:
        next_at = time.monotonic() + number * interval / clients
        count = 0
        while time.monotonic() < deadline and budget.acquire(blocking=False):
            count += 1
            if count % posts_every == 0:
                traffic.post(traffic.new_envelope(events_per_post))
            else:
                traffic.read_once()
            next_at += interval
            time.sleep(max(0.0, next_at - time.monotonic()))

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        time.sleep(min(5.0, max(0.5, seconds / 10)))
        samples.append(sum(service.worker_rss_kib().values()))
    for t in threads:
        t.join()
    rss_end = service.worker_rss_kib()
    with service.driver() as driver:
        found = completions_in_graph(driver)
        ids = event_ids_in_graph(driver)
    expected = expected_completions(before, list(traffic.sent.values()))
    return {
        "seconds": seconds,
        "clients": clients,
        "reads": traffic.reads.statuses,
        "posts": traffic.posts.statuses,
        "transport_errors": traffic.reads.transport_errors + traffic.posts.transport_errors,
        "slowest_read_s": round(traffic.reads.slowest_s, 3),
        "slowest_post_s": round(traffic.posts.slowest_s, 3),
        "events_sent": len(traffic.sent),
        "events_found": len(ids - ids_before),
        "events_lost": len(set(traffic.sent) - ids),
        "completions_expected": len(expected),
        "completions_found": len(found),
        "completions_wrong_time": sum(1 for k, v in expected.items() if found.get(k) != v),
        "worker_rss_mib_start": round(sum(rss_start.values()) / 1024, 1),
        "worker_rss_mib_end": round(sum(rss_end.values()) / 1024, 1),
        "worker_rss_mib_max": round(max(samples) / 1024, 1),
        "workers_restarted": sorted(rss_start) != sorted(rss_end),
    }


def main() -> None:
    from bench.datasets import build
    from tests.reliability.service import Service

    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rate", type=float, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scp-soak-"))
    service = Service(work / "gunicorn.log")
    service.start_neo4j()
    try:
        service.flask("db", "init")
        (course,) = build(service, work, items=500, students=40, seed=77, apps=3)
        service.start_api(workers=4)
        figures = run_soak(
            service, course, seconds=args.seconds, clients=args.clients, rate=args.rate
        )
    finally:
        service.stop_api()
        service.stop_neo4j()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
