"""The `flask seed` commands through app.test_cli_runner()."""

from tests.seed.conftest import scalar


def run(app, *args):
    return app.test_cli_runner().invoke(args=["seed", *args])


def test_case_users_events_print_one_summary_line(app, graph, fixtures_dir):
    result = run(app, "case", str(fixtures_dir / "case"))
    assert result.exit_code == 0, result.output
    assert "documents: 2 created" in result.output and "items: 66 created" in result.output
    result = run(app, "users", str(fixtures_dir / "oneroster" / "v1p1_users.csv"))
    assert result.exit_code == 0 and "users: 6 created" in result.output


def test_events_command_goes_through_the_ingestion_core(app, graph, fixtures_dir):
    good = fixtures_dir / "caliper" / "v1p2_caliperEventAssignableActivated.json"
    result = run(app, "events", str(good))
    assert result.exit_code == 0, result.output
    assert "events: 1 received" in result.output
    bad = fixtures_dir / "caliper" / "v1p2_caliperEventAssignable-WrongAction.json"
    result = run(app, "events", str(bad))
    assert result.exit_code != 0 and bad.name in result.output


def test_malformed_json_is_an_error_naming_the_file(app, graph, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"CFDocument": {"identifier": "x",')
    result = run(app, "case", str(path))
    assert result.exit_code == 1
    assert "broken.json: malformed JSON" in result.output
    assert scalar(graph, "MATCH (n) RETURN count(n)") == 0


def test_unreachable_url_is_a_clear_error(app, graph):
    result = run(app, "case", "--timeout", "2", "http://127.0.0.1:9/ims/case/v1p0/CFPackages/x")
    assert result.exit_code == 1 and "cannot fetch" in result.output


def test_demo_loads_and_if_empty_then_skips(app, graph, tmp_path):
    args = [
        "demo",
        "--courses",
        "1",
        "--items",
        "80",
        "--students",
        "4",
        "--apps",
        "2",
        "--completion-rate",
        "0.5",
        "--seed",
        "3",
    ]
    result = run(app, *args, "--if-empty")
    assert result.exit_code == 0, result.output
    assert "items: 80 created" in result.output and "users: 5 created" in result.output
    assert scalar(graph, "MATCH (i:CFItem:Lesson) RETURN count(i)") > 40
    assert scalar(graph, "MATCH (:Person:Student)-[c:COMPLETED]->(:CFItem) RETURN count(c)") > 0
    result = run(app, *args, "--if-empty")
    assert result.exit_code == 0 and "skipped" in result.output
    result = run(app, *args, "--out", str(tmp_path / "demo"))
    assert result.exit_code == 0 and "not loaded" in result.output
    assert (tmp_path / "demo" / "oneroster" / "users.csv").is_file()
    again = run(app, "case", str(tmp_path / "demo" / "case"))
    assert "items: 0 created, 0 updated, 80 unchanged" in again.output  # same seed, same data
