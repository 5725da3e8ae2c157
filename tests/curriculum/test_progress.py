"""GET .../courses/{courseId}/students/{studentId}/progress against the real Neo4j."""

import time

import pytest

from app.curriculum import repository
from tests.curriculum.builders import CasePackage, chain, new_id
from tests.curriculum.conftest import node, progress_path

APP_A = "0f5c9e77-5a1b-4a55-9d2e-3c1f6a8b7d42"
APP_B = "6a1e0b1c-2d3e-4f50-8a9b-0c1d2e3f4a5b"


def test_the_contract_example_shape(load, get):
    package = CasePackage()
    course = package.item("course", parent=package.identifier, sequence=1)
    section = package.item("section", parent=course, sequence=1)
    topic = package.item("topic", parent=section, sequence=1)
    load.package(package)
    student = load.student()
    load.complete(student, topic, "2026-04-06T14:30:00Z")

    response = get(progress_path(course, student))

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.json == node(
        course,
        "course",
        [node(section, "section", [node(topic, "topic", [], "2026-04-06T14:30:00.000Z")])],
    )


def test_an_empty_course_is_a_leaf(load, get):
    package = CasePackage()
    course = package.item("course", parent=package.identifier)
    load.package(package)
    student = load.student()
    assert get(progress_path(course, student)).json == node(course, "course")


def test_children_follow_sequence_nulls_last_then_coding_scheme_then_identifier(load, get):
    package = CasePackage()
    course = package.item("course", parent=package.identifier, sequence=1)
    ids = sorted(new_id() for _ in range(2))
    third = package.item("section", parent=course, sequence=3, coding="S3")
    no_seq_b = package.item("section", parent=course, coding="B")
    first = package.item("section", parent=course, sequence=1, coding="Z")
    no_seq_a = package.item("section", parent=course, coding="A")
    tie_late = package.item("section", parent=course, sequence=2, identifier=ids[1])
    tie_early = package.item("section", parent=course, sequence=2, identifier=ids[0])
    no_seq_none = package.item("section", parent=course)
    load.package(package)
    student = load.student()

    body = get(progress_path(course, student)).json

    assert [c["cfItemId"] for c in body["children"]] == [
        first,
        tie_early,
        tie_late,
        third,
        no_seq_a,
        no_seq_b,
        no_seq_none,
    ]


def test_an_item_with_two_parents_appears_under_both_with_its_completion(load, get):
    package = CasePackage()
    course = package.item("course", parent=package.identifier, sequence=1)
    t1 = package.item("topic", parent=course, sequence=1)
    t2 = package.item("topic", parent=course, sequence=2)
    shared = package.item("lesson", parent=t1, sequence=1)
    package.child(shared, t2, 2)
    own = package.item("lesson", parent=t2, sequence=1)
    load.package(package)
    student = load.student()
    load.complete(student, shared, "2026-02-01T08:00:00.042Z")

    done = node(shared, "lesson", [], "2026-02-01T08:00:00.042Z")
    assert get(progress_path(course, student)).json == node(
        course,
        "course",
        [node(t1, "topic", [done]), node(t2, "topic", [node(own, "lesson"), done])],
    )


def test_only_the_course_subtree_is_shown(load, get):
    package = CasePackage()
    course = package.item("course", parent=package.identifier, sequence=1)
    other = package.item("course", parent=package.identifier, sequence=2)
    lesson = package.item("lesson", parent=course, sequence=1)
    package.item("lesson", parent=other, sequence=1)
    # The course itself sits under a program: the parent is not part of its tree.
    program = package.item("program", parent=package.identifier, sequence=3)
    package.child(course, program, 1)
    load.package(package)
    student = load.student()

    assert get(progress_path(course, student)).json == node(
        course, "course", [node(lesson, "lesson")]
    )


def test_completion_is_per_item_not_rolled_up(load, get):
    package = CasePackage()
    course = package.item("course", parent=package.identifier)
    a = package.item("lesson", parent=course, sequence=1)
    b = package.item("lesson", parent=course, sequence=2)
    load.package(package)
    student = load.student()
    load.complete(student, a, "2026-03-01T10:00:00Z")
    load.complete(student, b, "2026-03-02T10:00:00Z")

    body = get(progress_path(course, student)).json
    assert body["completed"] is False and body["completedAt"] is None
    assert [c["completed"] for c in body["children"]] == [True, True]


def test_other_students_completions_do_not_count(load, get):
    package = CasePackage()
    course = package.item("course", parent=package.identifier)
    lesson = package.item("lesson", parent=course, sequence=1)
    load.package(package)
    student, classmate = load.student(), load.student(given_name="Grace")
    load.complete(classmate, lesson, "2026-03-01T10:00:00Z")

    assert get(progress_path(course, student)).json["children"][0]["completed"] is False


class TestApplications:
    @pytest.fixture
    def setup(self, load):
        package = CasePackage()
        course = package.item("course", parent=package.identifier)
        both = package.item("lesson", parent=course, sequence=1)
        only_b = package.item("lesson", parent=course, sequence=2)
        neither = package.item("lesson", parent=course, sequence=3)
        load.package(package)
        student = load.student()
        # Later in A, earlier in B; A's own earliest of two events is kept.
        load.complete(student, both, "2026-04-06T14:30:00.900Z", APP_A)
        load.complete(student, both, "2026-04-06T16:45:10+02:00", APP_A)
        load.complete(student, both, "2026-04-05T09:00:00.001Z", APP_B)
        load.complete(student, only_b, "2026-04-07T00:00:00Z", APP_B)
        # An event without edApp is recorded with applicationId "".
        load.complete(student, neither, "2026-01-01T00:00:00Z")
        return course, student, [both, only_b, neither]

    def times(self, get, course, student, query=""):
        body = get(progress_path(course, student) + query).json
        return [(c["completed"], c["completedAt"]) for c in body["children"]]

    def test_without_application_the_earliest_of_all_counts(self, get, setup):
        course, student, _ = setup
        assert self.times(get, course, student) == [
            (True, "2026-04-05T09:00:00.001Z"),
            (True, "2026-04-07T00:00:00.000Z"),
            (True, "2026-01-01T00:00:00.000Z"),
        ]

    def test_with_application_a_only_its_events_count(self, get, setup):
        course, student, _ = setup
        assert self.times(get, course, student, f"?applicationId={APP_A}") == [
            (True, "2026-04-06T14:30:00.900Z"),
            (False, None),
            (False, None),
        ]

    def test_with_application_b(self, get, setup):
        course, student, _ = setup
        assert self.times(get, course, student, f"?applicationId={APP_B}") == [
            (True, "2026-04-05T09:00:00.001Z"),
            (True, "2026-04-07T00:00:00.000Z"),
            (False, None),
        ]

    def test_an_application_with_no_events_shows_nothing_completed(self, get, setup):
        course, student, _ = setup
        assert self.times(get, course, student, f"?applicationId={new_id()}") == [(False, None)] * 3


class TestCaching:
    @pytest.fixture
    def setup(self, load):
        package = CasePackage()
        course = package.item("course", parent=package.identifier)
        lesson = package.item("lesson", parent=course, sequence=1)
        load.package(package)
        return course, lesson, load.student()

    def test_etag_and_private_revalidated_caching(self, get, setup):
        course, _, student = setup
        response = get(progress_path(course, student))
        assert response.headers["ETag"].startswith('"')
        assert response.headers["Cache-Control"] == "private, no-cache"
        assert "Authorization" in response.headers["Vary"]

    def test_if_none_match_answers_304_without_a_body(self, get, setup):
        course, _, student = setup
        etag = get(progress_path(course, student)).headers["ETag"]
        again = get(progress_path(course, student), headers={"If-None-Match": etag})
        assert again.status_code == 304
        assert again.data == b""
        assert again.headers["ETag"] == etag
        assert again.headers["Cache-Control"] == "private, no-cache"

    def test_a_weak_or_listed_match_also_answers_304(self, get, setup):
        course, _, student = setup
        etag = get(progress_path(course, student)).headers["ETag"]
        for header in (f"W/{etag}", f'"other", {etag}', "*"):
            assert (
                get(progress_path(course, student), headers={"If-None-Match": header}).status_code
                == 304
            )

    def test_a_new_completion_changes_the_etag(self, get, load, setup):
        course, lesson, student = setup
        etag = get(progress_path(course, student)).headers["ETag"]
        load.complete(student, lesson, "2026-04-06T14:30:00Z")
        fresh = get(progress_path(course, student), headers={"If-None-Match": etag})
        assert fresh.status_code == 200
        assert fresh.headers["ETag"] != etag
        assert fresh.json["children"][0]["completed"] is True

    def test_the_etag_differs_per_application_filter(self, get, load, setup):
        course, lesson, student = setup
        load.complete(student, lesson, "2026-04-06T14:30:00Z", APP_A)
        all_apps = get(progress_path(course, student)).headers["ETag"]
        app_b = get(progress_path(course, student) + f"?applicationId={APP_B}").headers["ETag"]
        assert all_apps != app_b


@pytest.mark.slow
def test_a_100000_deep_chain_end_to_end(load, get):
    depth = 100_000
    package = CasePackage()
    ids = chain(package, depth)
    load.large_package(package)
    student = load.student()
    load.complete(student, ids[-1], "2026-04-06T14:30:00Z")

    response = get(progress_path(ids[0], student))

    assert response.status_code == 200
    # json.loads would itself hit the recursion limit at this depth: compare the bytes.
    opening = b'{"cfItemId":"%s","typeCode":"%s","completed":false,"completedAt":null,"children":['
    expected = (
        opening % (ids[0].encode(), b"course")
        + b"".join(opening % (i.encode(), b"lesson") for i in ids[1:-1])
        + b'{"cfItemId":"%s","typeCode":"lesson","completed":true,'
        b'"completedAt":"2026-04-06T14:30:00.000Z","children":['
        % ids[-1].encode()
        + b"]}" * (depth + 1)
    )
    assert response.data == expected


def test_the_query_stays_linear_on_a_dag_with_exponentially_many_paths(app, load):
    # 40 levels of two items, each a child of both items above: 2**40 paths from
    # the course to the bottom. A path-enumerating query would never finish.
    package = CasePackage()
    course = package.item("course", parent=package.identifier)
    above = [course]
    for level in range(40):
        pair = [package.item("lesson", coding=f"{level}{side}") for side in "ab"]
        for parent in above:
            for sequence, item in enumerate(pair):
                package.child(item, parent, sequence)
        above = pair
    load.package(package)
    student = load.student()

    started = time.perf_counter()
    with app.app_context():
        rows = repository.progress_rows(course, student, None)
    assert time.perf_counter() - started < 5
    assert len(rows.items) == 81
    assert sum(len(item["children"]) for item in rows.items) == 2 + 39 * 4


def test_such_a_dag_is_refused_with_500_rather_than_expanded(load, get):
    package = CasePackage()
    course = package.item("course", parent=package.identifier)
    above = [course]
    for _ in range(30):
        pair = [package.item("lesson"), package.item("lesson")]
        for parent in above:
            for item in pair:
                package.child(item, parent, 1)
        above = pair
    load.package(package)
    student = load.student()

    response = get(progress_path(course, student))

    assert response.status_code == 500
    assert "too large" in response.json["imsx_description"]
