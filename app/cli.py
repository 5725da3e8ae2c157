"""`flask db ...`: apply the schema, wipe the graph (dev and tests only)."""

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from app import db as database
from app.cypher import query, statements

db_cli = AppGroup("db", help="Database schema and maintenance.")


def apply_schema() -> list[str]:
    """Create every constraint and index in cypher/schema/ (idempotent: IF NOT EXISTS)."""
    applied = []
    with database.driver().session(database=database.database()) as session:
        for name, statement in statements("schema"):
            session.run(statement).consume()
            applied.append(name)
    return applied


@db_cli.command("init")
def init_command() -> None:
    """Create the constraints and indexes the service relies on."""
    applied = apply_schema()
    click.echo(f"schema: {len(applied)} constraints and indexes in place")


@click.command("examples")
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True)
@with_appcontext
def examples_command(base_url: str) -> None:
    """Print ready-to-run requests against ids in the loaded data."""
    rows = database.read(query("health/example_ids"))
    if not rows:
        raise click.ClickException("no course loaded yet: run `flask seed demo` first")
    ids = rows[0]
    curl = 'curl -s -H "Authorization: Bearer $TOKEN" '
    documents = f"{base_url}/curriculum/1.0/documents/{ids['documentId']}/courses"
    click.echo("TOKEN=$(.venv/bin/flask --app app token)")
    click.echo(curl + documents)
    click.echo(curl + f"{documents}/{ids['courseId']}")
    if ids["studentId"]:
        course = f"{base_url}/curriculum/1.0/courses/{ids['courseId']}"
        click.echo(curl + f"{course}/students/{ids['studentId']}/progress")


def init_app(app: Flask) -> None:
    from seed.cli import seed_cli

    app.cli.add_command(db_cli)
    app.cli.add_command(seed_cli)
    app.cli.add_command(examples_command)
