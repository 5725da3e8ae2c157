"""Isolation: request values never become Cypher text, tokens never reach the logs, loopback only.

Runtime: injection strings in every path id, query parameter and event field
are refused (or, where the service's rules make them valid ids, stored as the
exact data sent and nothing else). Static: every statement the code runs
comes from a cypher/ file through app.cypher.query.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import logging
import re
import textwrap
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from app.cypher import CYPHER_DIR
from tests.security.conftest import (
    READ_SCOPE,
    V1P2,
    WRITE_SCOPE,
    assert_envelope,
    bearer,
    completed_event,
    envelope,
    graph_state,
    make_token,
)

ROOT = Path(__file__).resolve().parents[2]
INJECTIONS = {
    "or 1=1": "' OR 1=1 //",
    "close and delete": '"}) DETACH DELETE n //',
    "close and delete, single quote": "'}) MATCH (n) DETACH DELETE n RETURN 1 //",
    "parameter": "$param",
    "parameter in braces": "{courseId}",
    "backticks": "`x` DETACH DELETE n",
    "backtick label": "a`:Admin",
    "NUL": "abc\u0000def",
    "line comment": "x // comment",
    "block comment": "x /* comment */",
    "union": "x' UNION MATCH (n) RETURN n //",
    "call procedure": "x') CALL dbms.components() YIELD name RETURN name //",
    "load csv": "x' LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l //",
    "no spaces": "'||1=1||'",
}
NO_SPACE_INJECTIONS = {k: v for k, v in INJECTIONS.items() if not re.search(r"\s", v)}


# --- runtime: path ids and query parameters ---------------------------------


def _path_cases():
    for name, value in INJECTIONS.items():
        for endpoint, param in (
            ("progress", "course"),
            ("progress", "student"),
            ("courses", "document"),
            ("course", "document"),
            ("course", "course"),
        ):
            yield pytest.param(endpoint, param, value, id=f"{endpoint}.{param}-{name}")


@pytest.mark.parametrize(("endpoint", "param", "value"), list(_path_cases()))
def test_injection_in_a_path_id(app, seeded, neo4j_driver, endpoint, param, value):
    before = graph_state(neo4j_driver)
    path = seeded.paths[endpoint].replace(getattr(seeded, param), quote(value, safe=""))
    response = app.test_client().get(path, headers=bearer(make_token(READ_SCOPE)))
    assert graph_state(neo4j_driver) == before
    # 400 (not a UUID), or 404 where a decoded "/" leaves no route to match.
    assert_envelope(response, 404 if "/" in value else 400)
    assert not seeded.leaks(response.data)
    assert graph_state(neo4j_driver) == before


@pytest.mark.parametrize("value", INJECTIONS.values(), ids=INJECTIONS.keys())
@pytest.mark.parametrize("name", ["applicationId", "courseId", "$where", "q"])
def test_injection_in_a_query_parameter(app, seeded, neo4j_driver, name, value):
    before = graph_state(neo4j_driver)
    path = f"{seeded.paths['progress']}?{quote(name)}={quote(value, safe='')}"
    response = app.test_client().get(path, headers=bearer(make_token(READ_SCOPE)))
    assert_envelope(response, 400)
    assert not seeded.leaks(response.data)
    assert graph_state(neo4j_driver) == before


# --- runtime: event fields --------------------------------------------------


def _post(app, event: dict, **envelope_fields):
    return app.test_client().post(
        "/events/1.0/",
        json=envelope(event, **envelope_fields),
        headers=bearer(make_token(WRITE_SCOPE)),
    )


@pytest.mark.parametrize("value", INJECTIONS.values(), ids=INJECTIONS.keys())
@pytest.mark.parametrize(
    "field",
    ["id", "type", "action", "@context", "eventTime", "sendTime", "dataVersion"],
)
def test_injection_in_an_event_or_envelope_field_is_refused(
    app, seeded, neo4j_driver, field, value
):
    before = graph_state(neo4j_driver)
    if field in ("sendTime", "dataVersion"):
        response = _post(app, completed_event(seeded), **{field: value})
    else:
        response = _post(app, completed_event(seeded, **{field: value}))
    assert_envelope(response, 400)
    assert graph_state(neo4j_driver) == before


@pytest.mark.parametrize("value", INJECTIONS.values(), ids=INJECTIONS.keys())
@pytest.mark.parametrize("field", ["actor", "object", "edApp", "sensor"])
def test_injection_in_an_entity_id_is_refused_or_kept_as_data(
    app, seeded, neo4j_driver, field, value
):
    """Bare ids are valid Caliper ids, so one without white space is accepted: it must
    then be stored as exactly the string sent, in one new pending event, and nothing else.
    The envelope's sensor is accepted as any non-blank text and stored nowhere."""
    nobody = f"urn:uuid:{uuid.uuid4()}"  # so that the event stays pending: no link, no bump
    fields = {field: value} if field == "actor" else {"actor": nobody}
    if field in ("object", "edApp"):
        fields[field] = value
    event = completed_event(seeded, **fields)
    before = graph_state(neo4j_driver)

    response = _post(app, event, **({"sensor": value} if field == "sensor" else {}))

    if field != "sensor" and re.search(r"\s", value):
        assert_envelope(response, 400)
        assert graph_state(neo4j_driver) == before
        return
    assert response.status_code == 200, response.data[:300]
    assert response.json["completionsRecorded"] == 1 and response.json["pending"] == 1
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (e:CompletionEvent {id: $id}) RETURN properties(e) AS p", id=event["id"]
    )
    stored = records[0]["p"]
    if field == "sensor":
        assert value not in json.dumps(stored, default=str)
    else:
        key = {"actor": "actorId", "object": "objectIri", "edApp": "applicationId"}[field]
        assert stored[key] == value
    neo4j_driver.execute_query("MATCH (e:CompletionEvent {id: $id}) DELETE e", id=event["id"])
    assert graph_state(neo4j_driver) == before


# --- static: Cypher text only from cypher/ files ----------------------------

SOURCES = sorted([*(ROOT / "app").rglob("*.py"), *(ROOT / "seed").rglob("*.py")])
SINK_METHODS = {"run", "execute_query"}
CYPHER_WORDS = re.compile(
    r"\b(MATCH|MERGE|CREATE|DELETE|DETACH|RETURN|UNWIND|WHERE|CALL|REMOVE|FOREACH|LOAD CSV)\b"
)


def _is_literal_string(annotation: ast.expr | None) -> bool:
    return annotation is not None and ast.unparse(annotation).endswith("LiteralString")


def _module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _literal_sinks(trees: dict[Path, ast.Module]) -> dict[tuple[str, str], int]:
    """(module, function) taking a ``LiteralString`` parameter (wrappers like db.read): position."""
    sinks = {}
    for path, tree in trees.items():
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                for position, arg in enumerate(node.args.args):
                    if _is_literal_string(arg.annotation):
                        sinks[(_module_of(path), node.name)] = position
    return sinks


def _imports(tree: ast.Module, module: str) -> dict[str, str]:
    """Local name -> what it names: a module ("app.db") or a function ("seed.graph.run_batches")."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = alias.name
    for node in tree.body:  # functions of the module itself
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            names.setdefault(node.name, f"{module}.{node.name}")
    return names


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _is_query_call(node: ast.expr) -> bool:
    return isinstance(node, ast.Call) and _callee(node) in {"query"}


def _safe_names(function: ast.AST | None) -> set[str]:
    """Names in ``function`` that can only hold query() text: LiteralString parameters,
    targets assigned from query(...), loop targets over statements(...)."""
    if function is None:
        return set()
    names = set()
    if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        names |= {a.arg for a in function.args.args if _is_literal_string(a.annotation)}
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and _is_query_call(node.value):
            names |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        loops = isinstance(node, ast.For | ast.comprehension) and isinstance(node.iter, ast.Call)
        if loops and _callee(node.iter) == "statements":
            names |= {n.id for n in ast.walk(node.target) if isinstance(n, ast.Name)}
    return names


def cypher_violations(
    source: str, filename: str, sinks: dict[tuple[str, str], int], module: str = "snippet"
) -> list[str]:
    """Every call that runs Cypher with text not proven to come from app.cypher.query."""
    tree = ast.parse(source, filename)
    imported = _imports(tree, module)
    found = []

    def sink_position(call: ast.Call) -> int | None:
        """Where the Cypher text goes in ``call``, when it runs Cypher."""
        if isinstance(call.func, ast.Name):
            target = imported.get(call.func.id, "")
        elif isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name):
            owner = imported.get(call.func.value.id)
            target = f"{owner}.{call.func.attr}" if owner else ""
        else:
            target = ""
        module_name, _, function = target.rpartition(".")
        if (module_name, function) in sinks:
            return sinks[(module_name, function)]
        if isinstance(call.func, ast.Attribute) and call.func.attr in SINK_METHODS:
            receiver = call.func.value
            if isinstance(receiver, ast.Name) and imported.get(receiver.id) == "subprocess":
                return None
            return 0
        return None

    def visit(node: ast.AST, function: ast.AST | None) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else function
            if isinstance(child, ast.Call):
                check(child, function)
            visit(child, inner)

    def check(call: ast.Call, function: ast.AST | None) -> None:
        name = _callee(call)
        position = sink_position(call)
        if position is None or len(call.args) <= position:
            return
        text = call.args[position]
        if _is_query_call(text) or (isinstance(text, ast.Constant) and isinstance(text.value, str)):
            return
        if isinstance(text, ast.Name) and text.id in _safe_names(function):
            return
        found.append(f"{filename}:{call.lineno}: {name}({ast.unparse(text)}, ...)")

    visit(tree, None)
    for node in ast.walk(tree):
        # Query text built by formatting, wherever it is.
        template = None
        if isinstance(node, ast.JoinedStr):
            template = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
            template = node.left.value if isinstance(node.left, ast.Constant) else None
        elif isinstance(node, ast.Call) and _callee(node) == "format":
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            template = owner.value if isinstance(owner, ast.Constant) else None
        if isinstance(template, str) and CYPHER_WORDS.search(template):
            found.append(f"{filename}:{node.lineno}: Cypher built by formatting: {template!r}")
    return found


@pytest.fixture(scope="module")
def trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"), str(path)) for path in SOURCES}


def test_every_statement_run_comes_from_app_cypher_query(trees):
    sinks = _literal_sinks(trees)
    known = {("app.db", "read"), ("app.db", "run_write"), ("seed.graph", "run_batches")}
    assert known <= set(sinks)  # the wrappers we know of are found as sinks
    violations = [
        v
        for path in SOURCES
        for v in cypher_violations(
            path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), sinks, _module_of(path)
        )
    ]
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize(
    "snippet",
    [
        "tx.run(f\"MATCH (i {{identifier: '{course_id}'}}) RETURN i\")",
        "session.run(\"MATCH (n) WHERE n.id = '%s' RETURN n\" % value)",
        'driver.execute_query("MATCH (n:{}) RETURN n".format(label))',
        'tx.run("MATCH (n) WHERE n.id = \'" + value + "\' RETURN n")',
        "db.read(text, id=x)",
        "run_batches(tx, statement, rows)",
        'tx.run(Path("cypher/x.cypher").read_text())',
    ],
)
def test_the_static_check_catches_built_cypher(trees, snippet):
    """The checker itself: each of these would pass a request value into query text."""
    header = "from app import db\nfrom seed.graph import run_batches\n"
    params = "tx, driver, session, value, label, x, rows, statement, text, course_id"
    source = header + textwrap.dedent(f"def handler({params}):\n    {snippet}\n")
    assert cypher_violations(source, "snippet.py", _literal_sinks(trees))


def test_cypher_files_are_read_only_by_app_cypher(trees):
    readers = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path, tree in trees.items()
        if path != ROOT / "app" / "cypher.py"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and ".cypher" in node.value
    ]
    assert not readers, readers


def test_every_named_query_exists(trees):
    names = {
        node.args[0].value
        for tree in trees.values()
        for node in ast.walk(tree)
        if _is_query_call(node)
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    }
    assert names
    missing = sorted(n for n in names if not (CYPHER_DIR / f"{n}.cypher").is_file())
    assert not missing, missing


def test_query_refuses_a_name_outside_cypher():
    from app.cypher import query

    for name in ("../pyproject", "../../etc/passwd", "/etc/passwd"):
        with pytest.raises((ValueError, FileNotFoundError)):
            query(name)


# --- logs never carry a token -----------------------------------------------


def test_logs_do_not_contain_tokens(app, seeded, caplog):
    caplog.set_level(logging.DEBUG)
    client = app.test_client()
    good_read = make_token(READ_SCOPE)
    good_write = make_token(WRITE_SCOPE)
    bad = [
        make_token(READ_SCOPE, lifetime=-600),  # expired
        make_token(READ_SCOPE, key="another-secret-" * 4),  # wrong key
        make_token(WRITE_SCOPE),  # wrong scope for reads
        make_token(READ_SCOPE)[:-5] + "AAAAA",  # tampered signature
        make_token(READ_SCOPE, headers={"pad": "A" * 9000}),  # too long
    ]
    sent = [good_read, good_write, *bad]
    for path in seeded.paths.values():
        client.get(path, headers=bearer(good_read))
        client.get(f"{path}?applicationId=not-a-uuid", headers=bearer(good_read))
        client.get(f"{path}?access_token={good_read}")
        for token in bad:
            client.get(path, headers=bearer(token))
    for token in (good_write, good_read, *bad):
        client.post("/events/1.0/validate", json={"data": 1}, headers=bearer(token))
        client.post(
            "/events/1.0/", data=b"{", content_type="application/json", headers=bearer(token)
        )
    # A failure deep inside a request (the 500 handler logs a traceback) with a token on it.
    client.post(
        "/events/1.0/validate",
        json={
            "sensor": "s",
            "sendTime": "0001-01-01T00:00:00+01:00",
            "dataVersion": V1P2,
            "data": [],
        },
        headers=bearer(good_write),
    )
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    for token in sent:
        for part in [token, *[p for p in token.split(".") if len(p) > 20]]:
            assert part not in text


def test_the_access_log_format_leaves_out_the_query_and_the_headers():
    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", ROOT / "dev" / "gunicorn.conf.py"
    )
    conf = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(conf)
    # %(r)s and %(q)s carry the query string, %({...}i)s any request header.
    assert not re.search(r"%\((r|q)\)s|%\(\{[^}]*\}i\)s", conf.access_log_format)


# --- loopback by default ----------------------------------------------------


def test_the_api_binds_to_loopback_by_default(monkeypatch):
    monkeypatch.delenv("BIND", raising=False)
    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", ROOT / "dev" / "gunicorn.conf.py"
    )
    conf = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(conf)
    assert conf.bind.startswith("127.0.0.1:")
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^HOST \?= 127\.0\.0\.1$", makefile, re.M)


def test_published_docker_ports_are_loopback_only():
    compose = (ROOT / "docker-compose.yml").read_text()
    # Each `ports:` list: the quoted entries right below it.
    published = [
        entry
        for block in compose.split("ports:")[1:]
        for entry in re.findall(r'\A(?:\s*- "[^"]+"\n)+', block.lstrip("\n"))[0].split("\n")
        if entry.strip()
    ]
    published = [re.search(r'"([^"]+)"', entry).group(1) for entry in published]
    assert published
    assert all(p.startswith("127.0.0.1:") for p in published), published


def test_the_local_neo4j_config_listens_on_loopback_only():
    conf = (ROOT / "dev" / "neo4j" / "neo4j.conf").read_text()
    settings = dict(
        line.split("=", 1) for line in conf.splitlines() if "=" in line and not line.startswith("#")
    )
    assert settings["server.default_listen_address"] == "127.0.0.1"
    for connector in ("bolt", "http"):
        assert settings[f"server.{connector}.listen_address"].startswith("127.0.0.1:")
    assert settings.get("server.https.enabled", "false") == "false"


def test_the_running_test_neo4j_listens_on_loopback_only(neo4j_server, neo4j_driver):
    if not neo4j_server.get("local_home"):
        pytest.skip("the test database is not the project's local server")
    records, _, _ = neo4j_driver.execute_query(
        "SHOW SETTINGS YIELD name, value "
        "WHERE name ENDS WITH '.listen_address' OR name = 'server.default_listen_address' "
        "RETURN name, value"
    )
    values = {r["name"]: r["value"] for r in records}
    assert values["server.default_listen_address"] == "127.0.0.1"
    assert all(v.startswith(("127.0.0.1", "localhost")) for v in values.values()), values
    assert json.dumps(values)  # shown on failure
