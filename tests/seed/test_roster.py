"""OneRoster users to Person rows: no database."""

import json

import pytest

from seed.problems import InputError
from seed.roster import labels, parse_users_csv, person_rows, plan_people, users_of_json


def test_csv_fixture_with_crlf_and_empty_fields(fixtures_dir):
    raw = (fixtures_dir / "oneroster" / "v1p1_users.csv").read_bytes()
    assert b"\r\n" in raw
    people = {p["sourcedId"]: p for p in person_rows(parse_users_csv(raw.decode("utf-8-sig")))}
    assert len(people) == 6
    mary = people["usr-222-66778899"]
    assert mary["status"] is None and mary["dateLastModified"] is None  # empty fields
    assert mary["role"] == "student" and mary["roles"] == ["student"]
    assert mary["registered"] and labels(mary) == {"User", "Student"}
    assert "password" not in mary
    assert people["usr-222-123456"]["email"] == "john.doe@myschool.com"
    assert labels(people["usr-222-123456"]) == {"User"}


def test_json_fixture(fixtures_dir):
    data = json.loads((fixtures_dir / "oneroster" / "users.json").read_text())
    people = person_rows(users_of_json(data))
    assert len(people) == 4
    assert sum("Student" in labels(p) for p in people) == 3


def test_json_shapes_and_roles_list():
    one = {
        "sourcedId": "u1",
        "roles": [
            {"roleType": "secondary", "role": "aide"},
            {"roleType": "primary", "role": "Student"},
        ],
    }
    assert users_of_json({"user": one}) == [one]
    assert users_of_json([one]) == [one]
    (person,) = person_rows([one])
    assert person["role"] == "student" and person["roles"] == ["student", "aide"]


def test_roles_csv_gives_roles_to_a_1p2_users_csv():
    users = "sourcedId,status,givenName\nu1,active,Ann\nu2,active,Bo\n"
    roles = "sourcedId,userSourcedId,roleType,role,orgSourcedId\nr1,u1,primary,student,o\n"
    people = {p["sourcedId"]: p for p in person_rows(parse_users_csv(users, roles))}
    assert people["u1"]["role"] == "student" and people["u2"]["role"] is None
    assert labels(people["u2"]) == {"User"}


def test_tobedeleted_is_not_registered():
    (person,) = person_rows([{"sourcedId": "u1", "status": "ToBeDeleted", "role": "student"}])
    assert person["registered"] is False and labels(person) == set()


def test_bad_users_are_named():
    with pytest.raises(InputError) as caught:
        person_rows(
            [
                {"sourcedId": "u1"},
                {"sourcedId": "u1"},
                {"givenName": "x"},
                {"sourcedId": "u2", "email": 5},
            ]
        )
    text = str(caught.value)
    assert "duplicate sourcedIds: u1" in text and "users[2]" in text and "email" in text


def test_plan_writes_only_changes():
    (person,) = person_rows([{"sourcedId": "u1", "role": "student", "givenName": "A"}])
    writes, counts = plan_people([person], {}, "L1")
    assert counts["created"] == 1 and writes[0]["addLabels"] == ["Student", "User"]
    stored = {
        "u1": (
            {**person, "lastLoadId": "L1", "completionsVersion": 3},
            ["Person", "User", "Student"],
        )
    }
    assert plan_people([person], stored, "L2")[1]["unchanged"] == 1
    (gone,) = person_rows([{"sourcedId": "u1", "role": "student", "status": "tobedeleted"}])
    writes, counts = plan_people([gone], stored, "L2")
    assert counts["updated"] == 1 and writes[0]["removeLabels"] == ["Student", "User"]
    assert writes[0]["props"]["givenName"] is None  # removed by SET +=
