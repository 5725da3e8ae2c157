"""Bearer-token authentication (JWT) and scope checks."""

from flask import Flask


def init_app(app: Flask) -> None:
    """Registers nothing yet."""
