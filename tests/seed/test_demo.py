"""The demo generator: deterministic, realistic, valid for the loaders. No database."""

import csv
import json

import pytest

from seed.case_package import parse_package
from seed.demo import DemoConfig, generate
from seed.demo_files import write
from seed.events import documents
from seed.roster import parse_users_csv, person_rows

SMALL = DemoConfig(courses=2, items=120, students=6, apps=2, completion_rate=0.5, seed=5)


def test_same_seed_same_documents_other_seed_others():
    assert generate(SMALL) == generate(SMALL)
    other = generate(DemoConfig(**{**SMALL.__dict__, "seed": 6}))
    assert (
        other.packages[0]["CFDocument"]["identifier"]
        != (generate(SMALL).packages[0]["CFDocument"]["identifier"])
    )


def test_packages_are_valid_and_shaped_like_a_course():
    demo = generate(SMALL)
    for data in demo.packages:
        parsed = parse_package(data)
        assert len(parsed.items) == 120
        codes = {p["typeCode"] for p in parsed.items.values()}
        assert codes == {"course", "section", "topic", "level", "lesson"}
        parents = {}
        for edge in parsed.edges:
            if edge.is_child_of:
                parents.setdefault(edge.origin.key, []).append(edge.destination.key)
        assert len(parents) == 120  # every item hangs somewhere
        assert any(len(p) == 2 for p in parents.values())  # a few shared items
        assert {e.association_type for e in parsed.edges} >= {"isChildOf", "precedes"}
        assert parsed.references  # an external standard


def test_events_are_caliper_completions_of_known_people_and_items():
    demo = generate(SMALL)
    students = {u["sourcedId"] for u in demo.users if u["role"] == "student"}
    items = {i["identifier"] for p in demo.packages for i in p["CFItems"]}
    apps = {a["id"] for a in demo.apps}
    assert demo.events
    for event in demo.events:
        assert event["type"] == "AssignableEvent" and event["action"] == "Completed"
        assert event["object"]["type"] == "AssignableDigitalResource"
        assert event["actor"]["id"].removeprefix("urn:uuid:") in students
        assert event["object"]["id"].removeprefix("urn:uuid:") in items
        assert event["edApp"]["id"].removeprefix("urn:uuid:") in apps


def test_files_are_written_and_read_back(tmp_path):
    demo = generate(SMALL)
    folders = write(demo, tmp_path)
    assert len(list(folders["case"].glob("*.json"))) == 2
    users_csv = (folders["oneroster"] / "users.csv").read_bytes()
    assert users_csv.startswith(b"sourcedId,status,") and b"\r\n" in users_csv
    people = person_rows(parse_users_csv(users_csv.decode()))
    assert len(people) == 8
    events = 0
    for path in sorted(folders["caliper"].glob("*.json")):
        for doc in documents(path.read_bytes(), str(path)):
            assert doc["dataVersion"].endswith("v1p2")
            events += len(doc["data"])
    assert events == len(demo.events)
    assert next(csv.reader(users_csv.decode().splitlines()))[5] == "role"
    json.loads(next(folders["case"].glob("*.json")).read_text())


@pytest.mark.slow
def test_a_100k_item_course_is_generated_quickly():
    import time

    start = time.perf_counter()
    demo = generate(DemoConfig(courses=1, items=100_000, students=0, apps=0))
    assert len(demo.packages[0]["CFItems"]) == 100_000
    assert time.perf_counter() - start < 30
