"""The curriculum capability (endpoints registered in init_app)."""

from flask import Flask

from app.api import Api


def init_app(app: Flask, api: Api) -> None:
    """Registers nothing yet."""
