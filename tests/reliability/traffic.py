"""Traffic against the running service, and the state it must leave behind.

Every event sent is remembered with the answer it got, so that a test can
replay what was not acknowledged and then compare the graph with the state
the accepted events imply: one COMPLETED per (student, item, application),
at the earliest eventTime, with nothing lost and nothing doubled.
"""

import http.client
import json
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bench.datasets import Course
from bench.ingest import completion_event

START = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
PROGRESS = "/curriculum/1.0/courses/{course}/students/{student}/progress"


@dataclass
class Outcome:
    statuses: dict[int, int] = field(default_factory=dict)  # status -> count
    slowest_s: float = 0.0
    transport_errors: int = 0
    retry_after_missing: int = 0
    requests: int = 0

    def add(self, status: int, elapsed: float, retry_after: str | None) -> None:
        self.requests += 1
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.slowest_s = max(self.slowest_s, elapsed)
        if status == 503 and not (retry_after or "").isdigit():
            self.retry_after_missing += 1


class Traffic:
    def __init__(self, port: int, token: str, course: Course, seed: int = 7):
        self.port = port
        self.token = token
        self.course = course
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.sent: dict[str, dict] = {}  # event id -> event
        self.unacknowledged: list[dict] = []  # envelopes not answered 2xx
        self.reads = Outcome()
        self.posts = Outcome()

    def _connection(self) -> http.client.HTTPConnection:
        # Far above any answer the service should give: a hung worker shows up as
        # a transport error here rather than hanging the test.
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def _request(self, method: str, path: str, body: bytes | None = None):
        headers = {"Authorization": f"Bearer {self.token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        connection = self._connection()
        began = time.monotonic()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            return response.status, time.monotonic() - began, response, payload
        finally:
            connection.close()

    def read_once(self) -> int:
        student = self.rng.choice(self.course.students)
        path = PROGRESS.format(course=self.course.course_id, student=student)
        try:
            status, elapsed, response, _ = self._request("GET", path)
        except OSError:
            with self.lock:
                self.reads.transport_errors += 1
            return 0
        with self.lock:
            self.reads.add(status, elapsed, response.getheader("Retry-After"))
        return status

    def new_envelope(self, size: int) -> dict:
        data = []
        with self.lock:
            for _ in range(size):
                event = completion_event(
                    self.rng.choice(self.course.students),
                    self.rng.choice(self.course.lessons),
                    self.rng.choice(self.course.apps),
                    START + timedelta(seconds=self.rng.randrange(20_000_000)),
                )
                self.sent[event["id"]] = event
                data.append(event)
        return {
            "sensor": "urn:uuid:reliability",
            "sendTime": START.isoformat(),
            "dataVersion": "http://purl.imsglobal.org/ctx/caliper/v1p2",
            "data": data,
        }

    def post(self, envelope: dict) -> int:
        body = json.dumps(envelope).encode()
        try:
            status, elapsed, response, _ = self._request("POST", "/events/1.0/", body)
        except OSError:
            status, elapsed, response = 0, 0.0, None
        with self.lock:
            if response is None:
                self.posts.transport_errors += 1
            else:
                self.posts.add(status, elapsed, response.getheader("Retry-After"))
            if not 200 <= status < 300:
                self.unacknowledged.append(envelope)
        return status

    def replay_unacknowledged(self) -> int:
        """Send again every envelope that was not answered 2xx, until each is."""
        pending, self.unacknowledged = self.unacknowledged, []
        for envelope in pending:
            for _ in range(20):
                if 200 <= self.post(envelope) < 300:
                    break
                time.sleep(1)
            else:
                raise AssertionError("an envelope was never acknowledged after the fault")
        self.unacknowledged = []
        return len(pending)


def completions_in_graph(driver) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "MATCH ()-[r:COMPLETED]->() RETURN r.key AS key, r.completedAt.epochMillis AS at"
    )
    keys = [r["key"] for r in records]
    assert len(keys) == len(set(keys)), "a (student, item, application) has two COMPLETED"
    return {r["key"]: r["at"] for r in records}


def event_ids_in_graph(driver) -> set[str]:
    records, _, _ = driver.execute_query("MATCH (e:CompletionEvent) RETURN e.id AS id")
    return {r["id"] for r in records}


def expected_completions(before: dict[str, int], events: list[dict]) -> dict[str, int]:
    """The graph's completions before, plus the earliest time of each sent triple."""
    expected = dict(before)
    for event in events:
        key = f"{event['actor'][9:]}|{event['object']['id'][9:]}|{event['edApp'][9:]}"
        at = round(datetime.fromisoformat(event["eventTime"]).timestamp() * 1000)
        expected[key] = min(expected.get(key, at), at)
    return expected
