"""Settings read from the environment, overridable by the mapping a test passes."""

import os

# The dev secret that `flask token` signs with. It is public (it is in this
# file), so production mode refuses to start with it.
DEV_JWT_SECRET = "dev-only-secret-not-for-production-use-0123456789"  # noqa: S105

DEFAULTS: dict[str, object] = {
    "ENV": "development",  # "production" turns on the safety checks below
    "NEO4J_URI": "neo4j://127.0.0.1:7687",
    "NEO4J_USERNAME": "neo4j",
    "NEO4J_PASSWORD": "devpassword",
    "NEO4J_DATABASE": "neo4j",
    # Bounded waits so a worker never hangs on a dead database.
    "NEO4J_CONNECTION_TIMEOUT": 5.0,
    "NEO4J_ACQUISITION_TIMEOUT": 10.0,
    "NEO4J_MAX_RETRY_TIME": 5.0,
    "NEO4J_MAX_POOL_SIZE": 50,
    "JWT_ALGORITHMS": "HS256",
    "JWT_SECRET": DEV_JWT_SECRET,
    "JWT_PUBLIC_KEY": "",
    "JWT_JWKS_URL": "",
    "JWT_ISSUER": "",
    "JWT_AUDIENCE": "",
    "JWT_LEEWAY": 30,
    # Verified tokens remembered per worker (for at most a minute); 0 checks every request.
    "JWT_CACHE_SIZE": 1024,
    "CASE_READ_SCOPE": "https://purl.imsglobal.org/spec/case/v1p0/scope/case.readonly",
    "CALIPER_WRITE_SCOPE": "https://purl.imsglobal.org/spec/caliper/v1p2/scope/event.create",
    "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
    "CALIPER_MAX_EVENTS": 5000,
    # "off" serves progress from the path query alone, every request (the uncached path).
    "PROGRESS_CACHE": "on",
    # Per worker: compiled course bodies, and whole student bodies (least recently used leave).
    "PROGRESS_STRUCTURE_CACHE_MB": 128,
    "PROGRESS_BODY_CACHE_MB": 256,
}

_INT = {
    "NEO4J_MAX_POOL_SIZE",
    "JWT_LEEWAY",
    "JWT_CACHE_SIZE",
    "MAX_CONTENT_LENGTH",
    "CALIPER_MAX_EVENTS",
    "PROGRESS_STRUCTURE_CACHE_MB",
    "PROGRESS_BODY_CACHE_MB",
}
_FLOAT = {"NEO4J_CONNECTION_TIMEOUT", "NEO4J_ACQUISITION_TIMEOUT", "NEO4J_MAX_RETRY_TIME"}


def from_environment(environ: dict[str, str] | None = None) -> dict[str, object]:
    """The defaults, replaced by any variable of the same name in the environment."""
    environ = os.environ if environ is None else environ
    settings = dict(DEFAULTS)
    for name in DEFAULTS:
        # An empty variable means "not set" (docker-compose passes ${X:-} as "").
        if not environ.get(name):
            continue
        raw = environ[name]
        if name in _INT:
            settings[name] = int(raw)
        elif name in _FLOAT:
            settings[name] = float(raw)
        else:
            settings[name] = raw
    if "APP_ENV" in environ:
        settings["ENV"] = environ["APP_ENV"]
    return settings


class ConfigError(RuntimeError):
    """The service refuses to start with this configuration."""


def check_production(settings) -> None:
    """Production must not run with the published dev secret or without a key."""
    if settings.get("ENV") != "production":
        return
    algorithms = {a.strip() for a in str(settings["JWT_ALGORITHMS"]).split(",") if a.strip()}
    if settings.get("JWT_SECRET") == DEV_JWT_SECRET and "HS256" in algorithms:
        raise ConfigError(
            "APP_ENV=production with the built-in development JWT secret: "
            "set JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL"
        )
    if settings.get("NEO4J_PASSWORD") == DEFAULTS["NEO4J_PASSWORD"]:
        raise ConfigError("APP_ENV=production with the development Neo4j password")
