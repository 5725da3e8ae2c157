"""Caliper ingestion under load: several senders post envelopes for a fixed time.

Each sender builds its envelopes up front (so building JSON never slows the
sending), re-sends some events on purpose (the same id, and new ids for a
triple already sent with a later time), and records which events the
service answered 2xx. Afterwards the graph must hold exactly one COMPLETED
per distinct (student, item, application) that was accepted or already there.
"""

import http.client
import json
import multiprocessing
import random
import time
import uuid
from datetime import UTC, datetime, timedelta

START = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
DUPLICATE_SHARE = 0.1


def completion_event(
    student: str, item: str, app: str, at: datetime, event_id: str | None = None
) -> dict:
    return {
        "@context": "http://purl.imsglobal.org/ctx/caliper/v1p2",
        "id": event_id or f"urn:uuid:{uuid.uuid4()}",
        "type": "AssignableEvent",
        "action": "Completed",
        "actor": f"urn:uuid:{student}",
        "object": {"id": f"urn:uuid:{item}", "type": "AssignableDigitalResource"},
        "edApp": f"urn:uuid:{app}",
        "eventTime": at.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
    }


def make_envelopes(rng: random.Random, size: int, count: int, students, items, apps):
    """``count`` envelopes of ``size`` events; about 10% of events repeat earlier ones."""
    sent: list[dict] = []
    envelopes = []
    for _ in range(count):
        data = []
        for _ in range(size):
            if sent and rng.random() < DUPLICATE_SHARE:
                earlier = rng.choice(sent)
                if rng.random() < 0.5:
                    data.append(earlier)  # the very same event: must change nothing
                else:  # same triple, another event, later: completedAt must not move
                    data.append(
                        completion_event(
                            earlier["actor"][9:],
                            earlier["object"]["id"][9:],
                            earlier["edApp"][9:],
                            START + timedelta(days=400, seconds=rng.randrange(9999)),
                        )
                    )
                continue
            event = completion_event(
                rng.choice(students),
                rng.choice(items),
                rng.choice(apps),
                START + timedelta(seconds=rng.randrange(30_000_000)),
            )
            sent.append(event)
            data.append(event)
        body = {
            "sensor": "urn:uuid:bench-sensor",
            "sendTime": START.isoformat(),
            "dataVersion": "http://purl.imsglobal.org/ctx/caliper/v1p2",
            "data": data,
        }
        envelopes.append((json.dumps(body).encode(), data))
    return envelopes


def _sender(args):
    port, token, envelopes, seconds = args
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    accepted_events: list[tuple[str, str]] = []  # (event id, triple key)
    posts = failed = 0
    latencies = []
    deadline = time.monotonic() + seconds
    index = 0
    while time.monotonic() < deadline and index < len(envelopes):
        body, data = envelopes[index]
        index += 1
        began = time.perf_counter()
        try:
            connection.request("POST", "/events/1.0/", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = 200 <= response.status < 300
        except OSError:
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            ok = False
        latencies.append(time.perf_counter() - began)
        posts += 1
        if ok:
            accepted_events += [(e["id"], _key(e)) for e in data]
        else:
            failed += 1
    connection.close()
    return {
        "posts": posts,
        "failed": failed,
        "accepted": accepted_events,
        "latencies": latencies,
        "ran_out": index >= len(envelopes),
    }


def _key(event: dict) -> str:
    return f"{event['actor'][9:]}|{event['object']['id'][9:]}|{event['edApp'][9:]}"


def run(
    port: int,
    token: str,
    *,
    size: int,
    senders: int,
    seconds: float,
    students,
    items,
    apps,
    seed: int,
    rate_guess: float = 12000,
) -> dict:
    """Post for ``seconds`` from ``senders`` processes; return throughput and what was accepted."""
    per_sender = max(4, int(rate_guess * seconds / size / senders * 1.5))
    rng = random.Random(seed)  # noqa: S311 (benchmark data)
    work = [
        (
            port,
            token,
            make_envelopes(
                random.Random(rng.random()),
                size,
                per_sender,  # noqa: S311
                students,
                items,
                apps,
            ),
            seconds,
        )
        for _ in range(senders)
    ]
    began = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(senders) as pool:
        results = pool.map(_sender, work)
    elapsed = time.perf_counter() - began
    accepted = [pair for r in results for pair in r["accepted"]]
    latencies = sorted(x for r in results for x in r["latencies"])
    return {
        "envelope_size": size,
        "senders": senders,
        "seconds": elapsed,
        "posts": sum(r["posts"] for r in results),
        "failed_posts": sum(r["failed"] for r in results),
        "events_accepted": len(accepted),
        "events_per_s": len(accepted) / elapsed,
        "post_p50_ms": 1000 * latencies[len(latencies) // 2] if latencies else None,
        "ran_out_of_envelopes": any(r["ran_out"] for r in results),
        "accepted_ids": {i for i, _ in accepted},
        "accepted_keys": {k for _, k in accepted},
    }
