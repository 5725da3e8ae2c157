"""`flask db ...`: apply the schema, wipe the graph (dev and tests only)."""

import click
from flask import Flask
from flask.cli import AppGroup

from app import db as database
from app.cypher import statements

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


def init_app(app: Flask) -> None:
    from seed.cli import seed_cli

    app.cli.add_command(db_cli)
    app.cli.add_command(seed_cli)
