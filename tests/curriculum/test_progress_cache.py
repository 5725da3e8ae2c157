"""The cached progress path against the real Neo4j: always what the path query says.

Two app instances with the cache on stand for two gunicorn workers (each has
its own caches, as each worker process does); a third with PROGRESS_CACHE=off
is the reference, the single path query. Changes go through the production
writers: the seed loaders and POST /events/1.0/.
"""

from __future__ import annotations

import itertools
import random
import threading
import uuid
from dataclasses import dataclass

import pytest
from flask import Flask

from app import create_app
from app.cli import apply_schema
from app.curriculum import cached, repository
from tests.conftest import app_config, wipe
from tests.curriculum import loading
from tests.curriculum.builders import CasePackage, oneroster_user
from tests.curriculum.conftest import bearer, make_token, progress_path

WRITE_SCOPE = "https://purl.imsglobal.org/spec/caliper/v1p2/scope/event.create"
APP_A = "0f5c9e77-5a1b-4a55-9d2e-3c1f6a8b7d42"
APP_B = "6a1e0b1c-2d3e-4f50-8a9b-0c1d2e3f4a5b"


@dataclass
class Workers:
    one: Flask
    two: Flask
    uncached: Flask

    @property
    def cached(self) -> list[Flask]:
        return [self.one, self.two]

    def clear(self) -> None:
        for app in self.cached:
            app.extensions["progress_cache"].templates.clear()
            app.extensions["progress_cache"].bodies.clear()


@pytest.fixture(scope="module")
def workers(neo4j_server) -> Workers:
    made = Workers(
        *(create_app(app_config(neo4j_server, PROGRESS_CACHE=s)) for s in ("on", "on", "off"))
    )
    with made.one.app_context():
        apply_schema()
    return made


@pytest.fixture
def graph(workers, neo4j_driver):
    wipe(neo4j_driver)
    workers.clear()
    return neo4j_driver


def get(app: Flask, course: str, student: str, query: str = "", headers=None):
    return app.test_client().get(
        progress_path(course, student) + query,
        headers={**bearer(make_token()), **(headers or {})},
    )


def body(app: Flask, course: str, student: str, query: str = "") -> bytes:
    response = get(app, course, student, query)
    assert response.status_code == 200, response.data[:300]
    return response.data


def assert_all_agree(workers: Workers, course: str, student: str, query: str = "") -> bytes:
    """Both cached workers answer byte for byte what the uncached path answers."""
    reference = body(workers.uncached, course, student, query)
    for app in workers.cached:
        assert body(app, course, student, query) == reference
    return reference


def post_completed(app: Flask, student: str, item: str, at: str, application: str = APP_A):
    """One Completed AssignableEvent through the Caliper endpoint, as a sensor sends it."""
    event = {
        "@context": "http://purl.imsglobal.org/ctx/caliper/v1p2",
        "id": f"urn:uuid:{uuid.uuid4()}",
        "type": "AssignableEvent",
        "actor": f"urn:uuid:{student}",
        "action": "Completed",
        "object": f"urn:uuid:{item}",
        "eventTime": at,
        "edApp": f"urn:uuid:{application}",
    }
    envelope = {
        "sensor": "https://example.edu/sensors/1",
        "sendTime": at,
        "dataVersion": "http://purl.imsglobal.org/ctx/caliper/v1p2",
        "data": [event],
    }
    response = app.test_client().post(
        "/events/1.0/", json=envelope, headers=bearer(make_token(WRITE_SCOPE))
    )
    assert response.status_code < 300, response.data[:300]


@dataclass
class Course:
    package: CasePackage
    course: str
    lessons: list[str]
    shared: str
    topics: list[str]


def course_package(identifier: str | None = None, course_id: str | None = None) -> Course:
    """A course of two topics, three lessons each, one lesson shared by both topics."""
    package = CasePackage(**({"identifier": identifier} if identifier else {}))
    course = package.item(
        "course",
        parent=package.identifier,
        sequence=1,
        **({"identifier": course_id} if course_id else {}),
    )
    topics = [package.item("topic", parent=course, sequence=n) for n in (1, 2)]
    lessons = [package.item("lesson", parent=t, sequence=n) for t in topics for n in (1, 2, 3)]
    shared = lessons[0]
    package.child(shared, topics[1], 4)
    return Course(package, course, lessons, shared, topics)


def load(driver, package: CasePackage) -> None:
    loading.load_package(driver, package.to_dict())


def student(driver, **kwargs) -> str:
    user = oneroster_user(**kwargs)
    loading.load_users(driver, [user])
    return user["sourcedId"]


def test_answers_equal_the_path_query_before_and_after_loads_and_events(workers, graph):
    c = course_package()
    load(graph, c.package)
    pupil = student(graph)
    first = assert_all_agree(workers, c.course, pupil)
    assert b'"completed":true' not in first

    post_completed(workers.one, pupil, c.shared, "2026-03-01T10:00:00.123Z", APP_A)
    post_completed(workers.one, pupil, c.lessons[4], "2026-03-02T10:00:00Z", APP_B)
    after_events = assert_all_agree(workers, c.course, pupil)
    assert after_events.count(b'"completed":true') == 3  # the shared lesson twice
    for query in (f"?applicationId={APP_A}", f"?applicationId={APP_B}"):
        assert assert_all_agree(workers, c.course, pupil, query).count(b'"completed":true') in (
            1,
            2,
        )

    extra = c.package.item("lesson", parent=c.topics[0], sequence=9)
    load(graph, c.package)
    after_load = assert_all_agree(workers, c.course, pupil)
    assert extra.encode() in after_load and after_load != after_events


def test_a_curriculum_reload_is_visible_on_the_next_request(workers, graph):
    c = course_package()
    load(graph, c.package)
    pupil = student(graph)
    before = assert_all_agree(workers, c.course, pupil)
    assert before.count(c.shared.encode()) == 2

    # The shared lesson loses its second parent: the next answer of every worker shows it.
    c.package.associations = [
        a
        for a in c.package.associations
        if not (
            a["originNodeURI"]["identifier"] == c.shared
            and a["destinationNodeURI"]["identifier"] == c.topics[1]
        )
    ]
    load(graph, c.package)
    for app in workers.cached:
        assert body(app, c.course, pupil).count(c.shared.encode()) == 1
    assert_all_agree(workers, c.course, pupil)


def test_a_new_completion_is_visible_on_the_next_request(workers, graph):
    c = course_package()
    load(graph, c.package)
    pupil = student(graph)
    assert_all_agree(workers, c.course, pupil)
    for n, lesson in enumerate(c.lessons[1:4], start=1):
        post_completed(workers.two, pupil, lesson, f"2026-03-0{n}T10:00:00Z")
        for app in workers.cached:
            assert body(app, c.course, pupil).count(b'"completed":true') == n
    # An earlier event for a completed lesson moves its time back, on the next request.
    post_completed(workers.two, pupil, c.lessons[1], "2026-01-01T00:00:00.001Z")
    assert b"2026-01-01T00:00:00.001Z" in body(workers.one, c.course, pupil)
    assert_all_agree(workers, c.course, pupil)


def test_two_workers_never_disagree_after_a_change(workers, graph):
    c = course_package()
    load(graph, c.package)
    pupils = [student(graph) for _ in range(3)]
    for pupil in pupils:
        assert_all_agree(workers, c.course, pupil)  # both workers warm, same versions
    # One worker sees the event arrive; the other has never heard of it.
    post_completed(workers.one, pupils[0], c.lessons[2], "2026-03-01T10:00:00Z")
    c.package.item("lesson", parent=c.topics[1], sequence=0)
    load(graph, c.package)
    for pupil in pupils:
        one, two = body(workers.one, c.course, pupil), body(workers.two, c.course, pupil)
        assert one == two == body(workers.uncached, c.course, pupil)


def test_concurrent_events_and_reads_end_consistent(workers, graph):
    c = course_package()
    load(graph, c.package)
    pupils = [student(graph) for _ in range(3)]
    stop = threading.Event()
    failures: list[str] = []

    def writer(seed: int) -> None:
        rng = random.Random(seed)
        for n in range(15):
            at = f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T10:00:0{n % 10}Z"
            post_completed(
                workers.uncached,
                rng.choice(pupils),
                rng.choice(c.lessons),
                at,
                rng.choice([APP_A, APP_B]),
            )

    def reader(app: Flask, pupil: str) -> None:
        # Completions only ever grow: no read may show fewer than one before it.
        seen = 0
        while not stop.is_set():
            response = get(app, c.course, pupil)
            if response.status_code != 200:
                failures.append(f"{pupil}: {response.status_code}")
                continue
            done = response.data.count(b'"completed":true')
            if done < seen:
                failures.append(f"{pupil}: {done} completed after {seen}")
            seen = max(seen, done)

    readers = [
        threading.Thread(target=reader, args=(app, pupil))
        for app, pupil in itertools.product(workers.cached, pupils)
    ]
    writers = [threading.Thread(target=writer, args=(seed,)) for seed in range(3)]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    stop.set()
    for thread in readers:
        thread.join()
    assert failures == []
    for pupil in pupils:
        for query in ("", f"?applicationId={APP_A}", f"?applicationId={APP_B}"):
            assert_all_agree(workers, c.course, pupil, query)


def test_reads_during_concurrent_reloads_show_one_version_or_the_other(workers, graph):
    c = course_package()
    load(graph, c.package)
    pupil = student(graph)
    with_extra = CasePackage(
        title=c.package.title,
        identifier=c.package.identifier,
        items=list(c.package.items),
        associations=list(c.package.associations),
        item_types=dict(c.package.item_types),
    )
    with_extra.item("lesson", parent=c.topics[0], sequence=7)
    plain = body(workers.uncached, c.course, pupil)
    load(graph, with_extra)
    extra = body(workers.uncached, c.course, pupil)
    stop = threading.Event()
    seen: list[bytes] = []

    def reloader() -> None:
        for n in range(8):
            load(graph, with_extra if n % 2 else c.package)

    def reader(app: Flask) -> None:
        while not stop.is_set():
            response = get(app, c.course, pupil)
            seen.append(
                response.data if response.status_code == 200 else b"%d" % response.status_code
            )

    readers = [threading.Thread(target=reader, args=(app,)) for app in workers.cached]
    for thread in readers:
        thread.start()
    reloads = threading.Thread(target=reloader)
    reloads.start()
    reloads.join()
    stop.set()
    for thread in readers:
        thread.join()
    assert seen and set(seen) <= {plain, extra}
    assert body(workers.one, c.course, pupil) == body(workers.two, c.course, pupil) == extra


class TestETags:
    def test_the_etag_is_the_same_on_every_worker_and_answers_304_on_each(self, workers, graph):
        c = course_package()
        load(graph, c.package)
        pupil = student(graph)
        etag = get(workers.one, c.course, pupil).headers["ETag"]
        assert get(workers.two, c.course, pupil).headers["ETag"] == etag
        for app in workers.cached:
            again = get(app, c.course, pupil, headers={"If-None-Match": etag})
            assert again.status_code == 304 and again.data == b""
            assert again.headers["ETag"] == etag
            assert again.headers["Cache-Control"] == "private, no-cache"
            for header in (f"W/{etag}", f'"other", {etag}', "*"):
                matching = get(app, c.course, pupil, headers={"If-None-Match": header})
                assert matching.status_code == 304

    def test_an_event_or_a_load_changes_it(self, workers, graph):
        c = course_package()
        load(graph, c.package)
        pupil = student(graph)
        etag = get(workers.one, c.course, pupil).headers["ETag"]
        post_completed(workers.one, pupil, c.lessons[3], "2026-03-01T10:00:00Z")
        fresh = get(workers.two, c.course, pupil, headers={"If-None-Match": etag})
        assert fresh.status_code == 200 and fresh.headers["ETag"] != etag
        etag = fresh.headers["ETag"]
        c.package.item("lesson", parent=c.topics[0], sequence=8)
        load(graph, c.package)
        fresh = get(workers.one, c.course, pupil, headers={"If-None-Match": etag})
        assert fresh.status_code == 200 and fresh.headers["ETag"] != etag

    def test_it_differs_per_application_and_per_student(self, workers, graph):
        c = course_package()
        load(graph, c.package)
        pupils = [student(graph), student(graph)]
        etags = {
            get(workers.one, c.course, p, q).headers["ETag"]
            for p in pupils
            for q in ("", f"?applicationId={APP_A}")
        }
        assert len(etags) == 4

    def test_a_304_needs_only_the_version_check(self, workers, graph, monkeypatch):
        c = course_package()
        load(graph, c.package)
        pupil = student(graph)
        etag = get(workers.one, c.course, pupil).headers["ETag"]
        workers.clear()

        def no_reads(*args, **kwargs):
            raise AssertionError("a 304 must not read the tree or the completions")

        monkeypatch.setattr(repository, "course_structure", no_reads)
        monkeypatch.setattr(repository, "student_completions", no_reads)
        assert get(workers.one, c.course, pupil, headers={"If-None-Match": etag}).status_code == 304


class TestRaces:
    """What the caches keep when a load or an event commits during a request's reads."""

    def test_a_load_between_the_check_and_the_tree_read_is_stored_under_its_own_version(
        self, workers, graph, monkeypatch
    ):
        c = course_package()
        load(graph, c.package)
        pupil = student(graph)
        app = workers.one
        with app.app_context():
            stale = repository.progress_versions(c.course, pupil)
        c.package.item("lesson", parent=c.topics[0], sequence=5)
        load(graph, c.package)  # commits after the (stale) check, before the tree read
        monkeypatch.setattr(repository, "progress_versions", lambda *a: stale)
        with app.test_request_context():
            answer = cached.progress(c.course, pupil, None, lambda etag: False)
        cache = app.extensions["progress_cache"]
        key = (c.course, stale.curriculum_version, stale.course_load_id)
        assert cache.templates.get(key) is None  # nothing under the version it is not of
        assert answer.body == body(workers.uncached, c.course, pupil)  # the newer tree
        monkeypatch.undo()
        # The next request checks the current version and finds what was stored.
        assert get(app, c.course, pupil).headers["ETag"] == f'"{answer.etag}"'

    def test_a_tree_read_that_raced_a_load_is_used_once_and_kept_nowhere(
        self, workers, graph, monkeypatch
    ):
        c = course_package()
        load(graph, c.package)
        pupil = student(graph)
        real = repository.course_structure

        def racing(course_id):
            rows = real(course_id)
            return repository.StructureRows(**{**rows.__dict__, "stable": False})

        monkeypatch.setattr(repository, "course_structure", racing)
        response = get(workers.one, c.course, pupil)
        assert response.data == body(workers.uncached, c.course, pupil)
        cache = workers.one.extensions["progress_cache"]
        assert len(cache.templates) == 0 and len(cache.bodies) == 0

    def test_completions_read_while_an_event_committed_are_kept_nowhere(
        self, workers, graph, monkeypatch
    ):
        c = course_package()
        load(graph, c.package)
        pupil = student(graph)
        real = repository.student_completions

        def racing(student_id, application_id):
            found = real(student_id, application_id)
            return repository.Completions(**{**found.__dict__, "stable": False})

        monkeypatch.setattr(repository, "student_completions", racing)
        get(workers.one, c.course, pupil)
        assert len(workers.one.extensions["progress_cache"].bodies) == 0


def test_a_wiped_and_reloaded_graph_never_matches_old_entries(workers, graph, neo4j_driver):
    # The same course and student ids, the versions starting again at 1 after a wipe:
    # the loads' lastLoadId in the key tells the two graphs apart.
    c = course_package()
    load(graph, c.package)
    user = oneroster_user()
    loading.load_users(graph, [user])
    pupil = user["sourcedId"]
    post_completed(workers.one, pupil, c.lessons[0], "2026-03-01T10:00:00Z")
    first = assert_all_agree(workers, c.course, pupil)

    wipe(neo4j_driver)
    again = course_package(identifier=c.package.identifier, course_id=c.course)
    load(graph, again.package)
    loading.load_users(graph, [user])
    post_completed(workers.one, pupil, again.lessons[5], "2026-03-01T10:00:00Z")
    second = assert_all_agree(workers, c.course, pupil)
    assert second != first


def test_the_caches_stay_within_their_bounds_and_still_answer_right(neo4j_server, graph):
    small = create_app(
        app_config(neo4j_server, PROGRESS_BODY_CACHE_MB=0, PROGRESS_STRUCTURE_CACHE_MB=0)
    )
    c = course_package()
    load(graph, c.package)
    pupil = student(graph)
    post_completed(small, pupil, c.lessons[1], "2026-03-01T10:00:00Z")
    uncached = create_app(app_config(neo4j_server, PROGRESS_CACHE="off"))
    assert body(small, c.course, pupil) == body(uncached, c.course, pupil)
    cache = small.extensions["progress_cache"]
    assert (len(cache.templates), len(cache.bodies)) == (0, 0)


def test_byte_identical_bodies_on_the_demo_data(workers, graph):
    result = workers.uncached.test_cli_runner().invoke(
        args=["seed", "demo", "--courses", "2", "--items", "300", "--students", "4", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    with workers.uncached.app_context():
        rows = repository.db.read(
            "MATCH (c:Course) MATCH (s:Student) RETURN c.identifier AS c, s.sourcedId AS s"
        )
    assert len(rows) == 8
    completed = 0
    for row in rows:
        for query in ("", f"?applicationId={APP_A}"):
            completed += assert_all_agree(workers, row["c"], row["s"], query).count(b":true")
    assert completed > 0


def test_the_same_answers_on_the_shared_fixtures(workers, graph, fixtures_dir):
    # Those packages hold no course (their items are Standards) and their users'
    # sourcedIds are not UUIDs: what both paths must agree on here are the 404s.
    with workers.uncached.app_context():
        from seed.cli import load_case, load_users

        load_case([str(p) for p in sorted((fixtures_dir / "case").glob("*.json"))])
        load_users([str(fixtures_dir / "oneroster" / "users.json")])
        items = [r["i"] for r in repository.db.read("MATCH (i:CFItem) RETURN i.identifier AS i")]
    pupil = student(graph)
    assert items
    for item in items + [str(uuid.uuid4())]:
        reference = get(workers.uncached, item, pupil)
        assert reference.status_code in (400, 404)
        for app in workers.cached:
            answer = get(app, item, pupil)
            assert (answer.status_code, answer.data) == (reference.status_code, reference.data)
