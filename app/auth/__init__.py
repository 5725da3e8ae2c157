"""Bearer-token authentication (JWT) and scope checks."""

from flask import Flask

from app.auth.bearer import SECURITY, authenticate, init_verifier, require_scope
from app.auth.cli import token_command

__all__ = ["SECURITY", "authenticate", "require_scope", "init_app", "register_security_scheme"]


def init_app(app: Flask) -> None:
    init_verifier(app)
    app.cli.add_command(token_command)


def register_security_scheme(api) -> None:
    api.spec.components.security_scheme(
        "bearerAuth",
        {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "An OAuth 2.0 access token (JWT) carrying IMS scope URIs in `scope`.",
        },
    )
