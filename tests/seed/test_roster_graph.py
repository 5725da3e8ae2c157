"""OneRoster users against the real Neo4j."""

import json

from tests.seed.conftest import rows, scalar


def test_csv_and_json_fixtures_become_people(fixtures_dir, load_users, graph):
    summary = load_users(fixtures_dir / "oneroster")
    assert summary.counts["users"]["created"] == 10
    assert scalar(graph, "MATCH (p:Person:User) RETURN count(p)") == 10
    assert scalar(graph, "MATCH (p:Person:Student) RETURN count(p)") == 6
    mary = rows(graph, "MATCH (p:Person {sourcedId: 'usr-222-66778899'}) RETURN properties(p) AS p")
    props = mary[0]["p"]
    assert props["givenName"] == "Mary" and props["roles"] == ["student"]
    assert props["registered"] is True and "status" not in props and "password" not in props
    again = load_users(fixtures_dir / "oneroster")
    assert again.counts["users"]["unchanged"] == 10


def test_tobedeleted_loses_registration_and_a_reload_updates(tmp_path, load_users, graph):
    path = tmp_path / "users.json"
    user = {
        "sourcedId": "u1",
        "status": "active",
        "role": "student",
        "givenName": "Ann",
        "email": "ann@x.edu",
    }
    path.write_text(json.dumps({"users": [user]}))
    load_users(path)
    graph.execute_query("MATCH (p:Person {sourcedId: 'u1'}) SET p.completionsVersion = 7")
    user.update(status="tobedeleted")
    del user["email"]
    path.write_text(json.dumps({"user": user}))
    summary = load_users(path)
    assert summary.counts["users"]["updated"] == 1
    (person,) = rows(
        graph,
        "MATCH (p:Person {sourcedId: 'u1'}) RETURN labels(p) AS labels, "
        "p.registered AS registered, p.email AS email, "
        "p.completionsVersion AS version",
    )
    assert person == {"labels": ["Person"], "registered": False, "email": None, "version": 7}
