"""`flask seed ...`: the command-line face of the loaders."""

import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask.cli import AppGroup
from neo4j.exceptions import Neo4jError, ServiceUnavailable

from app import db
from app.cypher import query
from seed import case_load, demo_files, events, roster_load, sources
from seed.demo import DemoConfig, generate
from seed.problems import InputError
from seed.summary import Summary

seed_cli = AppGroup("seed", help="Load CASE packages, OneRoster users, Caliper events, demo data.")
PROGRESS_MIN_ROWS = 5000  # below this a load takes well under a second: no bar


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[int], None]]:
    if total < PROGRESS_MIN_ROWS:
        yield lambda n: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update


@contextmanager
def reported(what: str) -> Iterator[None]:
    """Turn input and database failures into one clear line and a non-zero exit."""
    try:
        yield
    except InputError as error:
        raise click.ClickException(f"{what} not loaded: {error}") from error
    except ServiceUnavailable as error:
        raise click.ClickException(f"{what} not loaded: Neo4j unreachable ({error})") from error
    except Neo4jError as error:
        # The transaction rolled back: the graph is as it was before the command.
        hint = ""
        if "MemoryPoolOutOfMemoryError" in str(error.code):
            hint = (
                " (one package is one transaction: a 100,000-item package needs"
                " dbms.memory.transaction.total.max of about 1.5g and a heap of 2g or more)"
            )
        raise click.ClickException(
            f"{what} not loaded, nothing written: {error.code}: {error.message}{hint}"
        ) from error


def echo(summary: Summary, note: str = "") -> None:
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(note + summary.line())


def load_case(
    paths: list[str], timeout: float = sources.URL_TIMEOUT, full_compare: bool = False
) -> Summary:
    packages, summary = case_load.read_packages(paths, timeout)
    return summary.merge(
        case_load.load_packages(
            db.driver(), db.database(), packages, progress=progress_bar, full_compare=full_compare
        )
    )


def load_users(paths: list[str]) -> Summary:
    people, summary, files = roster_load.read_people(paths)
    source = ", ".join(files)
    return summary.merge(roster_load.load_people(db.driver(), db.database(), people, source))


@seed_cli.command("case")
@click.argument("paths", nargs=-1, required=True)
@click.option("--timeout", default=sources.URL_TIMEOUT, show_default=True, help="URL seconds.")
@click.option(
    "--full-compare", is_flag=True,
    help="Compare every stored property, not the content hashes (also undoes hand edits).",
)  # fmt: skip
def case_command(paths: tuple[str, ...], timeout: float, full_compare: bool) -> None:
    """Load CASE packages: JSON files, directories of them, or CFPackages URLs."""
    with reported("CASE packages"):
        echo(load_case(list(paths), timeout, full_compare))


@seed_cli.command("users")
@click.argument("paths", nargs=-1, required=True)
def users_command(paths: tuple[str, ...]) -> None:
    """Load OneRoster users: users.csv (1.1 or 1.2) or JSON ({"users": [...]}, …)."""
    with reported("users"):
        echo(load_users(list(paths)))


@seed_cli.command("events")
@click.argument("paths", nargs=-1, required=True)
@click.option("--dry-run", is_flag=True, help="Check the events, write nothing.")
def events_command(paths: tuple[str, ...], dry_run: bool) -> None:
    """Load Caliper events: an envelope, a list, one event, or NDJSON per file."""
    with reported("events"):
        inputs = sources.expand(list(paths), (".json", ".ndjson", ".jsonl"))
        summary = events.ingest_sources(inputs.sources, dry_run=dry_run)
        for reason, n in inputs.skipped.items():
            summary.skip(reason, n)
        echo(summary, "dry run, nothing written; " if dry_run else "")


@seed_cli.command("demo")
@click.option("--courses", default=DemoConfig.courses, show_default=True, type=click.IntRange(0))
@click.option(
    "--items", default=DemoConfig.items, show_default=True, type=click.IntRange(1),
    help="About how many items each course has.",
)  # fmt: skip
@click.option("--students", default=DemoConfig.students, show_default=True, type=click.IntRange(0))
@click.option("--apps", default=DemoConfig.apps, show_default=True, type=click.IntRange(0))
@click.option(
    "--completion-rate", default=DemoConfig.completion_rate, show_default=True,
    type=click.FloatRange(0, 1), help="Mean share of a course's lessons a student completed.",
)  # fmt: skip
@click.option("--seed", "seed_", default=DemoConfig.seed, show_default=True, type=int)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Write, do not load.")
@click.option("--if-empty", is_flag=True, help="Do nothing when a CFDocument is already loaded.")
def demo_command(courses, items, students, apps, completion_rate, seed_, out, if_empty) -> None:
    """Generate a demo curriculum, roster and completions as real documents, then load them."""
    if if_empty and out is None:
        present = db.read(query("curriculum/load_any_document"))[0]["present"]
        if present:
            click.echo("demo: skipped, the database already holds a CFDocument")
            return
    config = DemoConfig(courses, items, students, apps, completion_rate, seed_)
    demo = generate(config)
    if out is not None:
        demo_files.write(demo, out)
        click.echo(
            f"demo: wrote {len(demo.packages)} CASE packages, {len(demo.users)} users, "
            f"{len(demo.events)} events to {out} (not loaded)"
        )
        return
    with tempfile.TemporaryDirectory(prefix="scp-demo-") as folder:
        written = demo_files.write(demo, Path(folder))
        with reported("demo"):
            summary = load_case([str(written["case"])])
            summary.merge(load_users([str(written["oneroster"])]))
            summary.merge(
                events.ingest_sources(sources.expand([str(written["caliper"])], (".json",)).sources)
            )
        echo(summary, "demo: ")
