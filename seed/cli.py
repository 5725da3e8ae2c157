"""`flask seed ...`: the command-line face of the loaders."""

from flask.cli import AppGroup

seed_cli = AppGroup("seed", help="Load CASE packages, OneRoster users, Caliper events, demo data.")
