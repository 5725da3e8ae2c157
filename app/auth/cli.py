"""`flask token`: a token the service accepts in its local configuration."""

import time
import uuid

import click
import jwt
from flask import current_app
from flask.cli import with_appcontext


@click.command("token")
@click.option("--scope", "scopes", multiple=True, help="A scope to grant (repeatable).")
@click.option("--sub", default="local-developer", show_default=True, help="The token subject.")
@click.option("--ttl", default=3600, show_default=True, type=click.IntRange(1, 86400 * 30))
@with_appcontext
def token_command(scopes: tuple[str, ...], sub: str, ttl: int) -> None:
    """Print an HS256 token signed with JWT_SECRET (read and write scopes by default)."""
    cfg = current_app.config
    if not cfg.get("JWT_SECRET") or "HS256" not in str(cfg["JWT_ALGORITHMS"]):
        raise click.ClickException("flask token needs HS256 in JWT_ALGORITHMS and a JWT_SECRET")
    now = int(time.time())
    claims = {
        "sub": sub,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
        "jti": str(uuid.uuid4()),
        "scope": " ".join(scopes or (cfg["CASE_READ_SCOPE"], cfg["CALIPER_WRITE_SCOPE"])),
    }
    if cfg.get("JWT_ISSUER"):
        claims["iss"] = cfg["JWT_ISSUER"]
    if cfg.get("JWT_AUDIENCE"):
        claims["aud"] = cfg["JWT_AUDIENCE"]
    click.echo(jwt.encode(claims, cfg["JWT_SECRET"], algorithm="HS256"))
