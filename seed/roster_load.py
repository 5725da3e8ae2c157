"""Load OneRoster users files into Person nodes in one write transaction."""

import uuid
from pathlib import Path

from neo4j import Driver, ManagedTransaction

from app.cypher import query
from seed.graph import finish_load, run_batches, session
from seed.problems import InputError, Problem
from seed.roster import parse_users_csv, person_rows, plan_people, users_of_json
from seed.sources import expand, parse_json, read_bytes
from seed.summary import Summary


def read_people(paths: list[str]) -> tuple[list[dict], Summary, list[str]]:
    """Person rows from every file (a later file wins for the same sourcedId)."""
    inputs = expand(paths, (".csv", ".json"))
    summary = Summary()
    for reason, n in inputs.skipped.items():
        summary.skip(reason, n)
    people: dict[str, dict] = {}
    problems: list[Problem] = []
    sources = [s for s in inputs.sources if Path(s).name.lower() != "roles.csv"]
    for source in sources:
        try:
            rows = person_rows(_users(source))
        except InputError as error:
            problems += [Problem(f"{source}: {p.message}", p.identifiers) for p in error.problems]
            continue
        people.update((row["sourcedId"], row) for row in rows)
    if problems:
        raise InputError(problems)
    return list(people.values()), summary, sources


def _users(source: str) -> list:
    data = read_bytes(source)
    if source.lower().endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InputError([Problem(f"not UTF-8 ({error})", [])]) from None
        roles = Path(source).with_name("roles.csv")
        roles_text = roles.read_text(encoding="utf-8-sig") if roles.is_file() else None
        return parse_users_csv(text, roles_text)
    return users_of_json(parse_json(data, source))


def load_people(driver: Driver, database: str, people: list[dict], source: str) -> Summary:
    load_id = str(uuid.uuid4())
    with session(driver, database) as tx_session:
        return tx_session.execute_write(apply_people, people, load_id=load_id, source=source)


def apply_people(
    tx: ManagedTransaction, people: list[dict], *, load_id: str, source: str
) -> Summary:
    row = tx.run(
        query("roster/load_current_people"), sourcedIds=[p["sourcedId"] for p in people]
    ).single(strict=True)
    current = {p["sourcedId"]: (p["props"], p["labels"]) for p in row["people"]}
    writes, counts = plan_people(people, current, load_id)
    run_batches(tx, query("roster/load_people"), writes)
    summary = Summary()
    for outcome, n in counts.items():
        summary.add("users", outcome, n)
    summary.extra["not registered (tobedeleted)"] += sum(not p["registered"] for p in people)
    return finish_load(tx, summary, load_id=load_id, kind="users", source=source)
