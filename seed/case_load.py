"""Apply a checked CASE package to the graph in one write transaction."""

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

from neo4j import Driver, ManagedTransaction

from app.cypher import query
from seed.case_package import Package, parse_package
from seed.case_plan import CurrentState, Plan, edges_hash, make_plan
from seed.graph import finish_load, run_batches, session
from seed.problems import InputError, Problem
from seed.sources import URL_TIMEOUT, expand, read_json
from seed.summary import Summary

# (label, total rows) -> a context whose value is called with each batch's size.
ProgressFactory = Callable[[str, int], AbstractContextManager[Callable[[int], None]]]


def no_progress(label: str, total: int) -> AbstractContextManager[Callable[[int], None]]:
    return nullcontext(lambda n: None)


def load_packages(
    driver: Driver,
    database: str,
    packages: list[tuple[str, Package]],
    progress: ProgressFactory = no_progress,
    full_compare: bool = False,
) -> Summary:
    """Apply each (source, package) in its own transaction; all were checked beforehand.

    ``full_compare`` reads and compares every stored property instead of the
    content hashes (see case_plan): slower, and it also repairs hand edits.
    """
    total = Summary()
    with session(driver, database) as tx_session:
        for source, package in packages:
            load_id = str(uuid.uuid4())
            # execute_write retries on transient errors: apply_package re-reads the
            # graph each time, so a retry plans against what is really there.
            summary = tx_session.execute_write(
                apply_package,
                package,
                load_id=load_id,
                source=source,
                progress=progress,
                full_compare=full_compare,
            )
            total.merge(summary)
    return total


def apply_package(
    tx: ManagedTransaction,
    package: Package,
    *,
    load_id: str,
    source: str,
    progress: ProgressFactory = no_progress,
    full_compare: bool = False,
) -> Summary:
    plan = make_plan(package, read_state(tx, package, full_compare), load_id)
    rows = len(plan.item_rows) + len(plan.child_of_rows) + len(plan.association_rows)
    with progress(f"{package.title[:30]}", rows) as advance:
        retired = write_plan(tx, package, plan, load_id, advance)
    summary = summarise(package, plan, retired)
    if plan.changed:
        tx.run(query("curriculum/load_bump_version")).consume()
    return finish_load(tx, summary, load_id=load_id, kind="case", source=source)


def read_state(
    tx: ManagedTransaction, package: Package, full_compare: bool = False
) -> CurrentState:
    """What the graph holds for the package: by hash, or every row with ``full_compare``."""
    document_id = package.document_id
    state = CurrentState()
    row = tx.run(query("curriculum/load_current_document"), documentId=document_id).single()
    state.document = row["props"] if row else None
    if full_compare:
        named = list(package.items)
        row = tx.run(query("curriculum/load_current_items"), documentId=document_id).single()
        _add_rows(state, row["items"])
    else:
        row = tx.run(query("curriculum/load_current_hashes"), documentId=document_id).single()
        state.hashes = dict(row["items"])
        # New, changed or moved items: only those need their stored rows.
        named = [
            identifier
            for identifier, props in package.items.items()
            if state.hashes.get(identifier, "") != props["contentHash"]
        ]
    if named:
        row = tx.run(query("curriculum/load_named_items"), identifiers=named).single()
        _add_rows(state, row["items"])
    stored_hash = (state.document or {}).get("edgesHash")
    if not full_compare and stored_hash == edges_hash(package):
        row = tx.run(query("curriculum/load_count_edges"), documentId=document_id).single()
        state.edges_unchanged = row["edges"] == len(package.edges)
    if not state.edges_unchanged:
        row = tx.run(query("curriculum/load_current_edges"), documentId=document_id).single()
        state.edges = row["edges"]
    return state


def _add_rows(state: CurrentState, items: list[dict]) -> None:
    for item in items:
        state.items[item["identifier"]] = (item["props"], item["labels"])


def write_plan(
    tx: ManagedTransaction,
    package: Package,
    plan: Plan,
    load_id: str,
    advance: Callable[[int], None],
) -> int:
    """Write the plan; returns how many stale items were retired rather than deleted."""
    document_id = package.document_id
    retired = 0
    run_batches(tx, query("curriculum/load_delete_edges"), plan.delete_edges, key="elementIds")
    if plan.stale_items:
        run_batches(tx, query("curriculum/load_delete_items"), plan.stale_items, key="identifiers")
        # What the delete left behind has completions: those items are retired instead.
        row = tx.run(
            query("curriculum/load_retire_items"), identifiers=plan.stale_items, loadId=load_id
        ).single()
        retired = row["retired"] if row else 0
    if plan.document_props is not None:
        tx.run(
            query("curriculum/load_document"), documentId=document_id, props=plan.document_props
        ).consume()
    run_batches(tx, query("curriculum/load_items"), plan.item_rows, progress=advance)
    run_batches(tx, query("curriculum/load_references"), plan.references)
    to_items = [r for r in plan.child_of_rows if not r["parentIsDocument"]]
    to_document = [r for r in plan.child_of_rows if r["parentIsDocument"]]
    for statement, rows in (
        ("curriculum/load_child_of_items", to_items),
        ("curriculum/load_child_of_document", to_document),
        ("curriculum/load_associations", plan.association_rows),
    ):
        run_batches(tx, query(statement), rows, progress=advance, documentId=document_id)
    run_batches(tx, query("curriculum/load_prune_references"), plan.prune_references, key="uris")
    if plan.edges_hash is not None:
        tx.run(
            query("curriculum/load_edges_hash"), documentId=document_id, hash=plan.edges_hash
        ).consume()
    return retired


def summarise(package: Package, plan: Plan, retired: int = 0) -> Summary:
    summary = Summary()
    if plan.document_props is None:
        summary.add("documents", "unchanged")
    else:
        summary.add("documents", "created" if plan.document_created else "updated")
    summary.add("items", "created", plan.items_created)
    summary.add("items", "updated", plan.items_updated)
    summary.add("items", "unchanged", plan.items_unchanged)
    summary.add("items", "removed", len(plan.stale_items) - retired)
    summary.add("items", "retired", retired)
    summary.add("associations", "created", plan.edges_created)
    summary.add("associations", "updated", plan.edges_updated)
    summary.add("associations", "removed", plan.edges_removed)
    summary.add("associations", "unchanged", plan.edges_unchanged)
    summary.extra["references"] += len(package.references)
    return summary


def read_packages(
    paths: list[str], timeout: float = URL_TIMEOUT
) -> tuple[list[tuple[str, Package]], Summary]:
    """Read and check every package before any is applied; raise naming each bad file."""
    inputs = expand(paths, (".json",), allow_urls=True)
    summary = Summary()
    for reason, n in inputs.skipped.items():
        summary.skip(reason, n)
    packages, problems, seen = [], [], {}
    for source in inputs.sources:
        try:
            package = parse_package(read_json(source, timeout))
        except InputError as error:
            problems += [Problem(f"{source}: {p.message}", p.identifiers) for p in error.problems]
            continue
        if package.document_id in seen:
            problems.append(
                Problem(
                    f"{source}: same CFDocument as {seen[package.document_id]}",
                    [package.document_id],
                )
            )
            continue
        seen[package.document_id] = source
        packages.append((source, package))
    if problems:
        raise InputError(problems)
    return packages, summary
