"""One shape for every error: the IMS status envelope.

    {"imsx_codeMajor": "failure", "imsx_severity": "error",
     "imsx_description": "...",
     "imsx_CodeMinor": {"imsx_codeMinorField": [
         {"imsx_codeMinorFieldName": "courseId", "imsx_codeMinorFieldValue": "invaliddata"}]}}

Each entry of ``imsx_codeMinorField`` names the field at fault, or
``TargetEndSystem`` when the fault is not one field's.
"""

import logging
from collections.abc import Iterable, Mapping

from flask import Flask, jsonify
from neo4j.exceptions import DriverError, ServiceUnavailable, SessionExpired, TransientError
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)

# The IMS codeMinor value for each HTTP status we answer with.
CODE_MINOR = {
    400: "invaliddata",
    401: "unauthorisedrequest",
    403: "forbidden",
    404: "unknownobject",
    405: "invaliddata",
    406: "invaliddata",
    409: "invaliddata",
    413: "invaliddata",
    415: "invaliddata",
    422: "invaliddata",
    429: "server_busy",
    500: "internal_server_error",
    503: "server_busy",
}
NO_FIELD = "TargetEndSystem"
RETRY_AFTER_SECONDS = 5


class ApiError(Exception):
    """An error the service answers on purpose: status, description, fields at fault."""

    def __init__(
        self,
        status: int,
        description: str,
        fields: Iterable[str] = (),
        headers: Mapping[str, str] | None = None,
        code_minor: str | None = None,
        details: object = None,
    ):
        super().__init__(description)
        self.status = status
        self.description = description
        self.fields = list(fields)
        self.headers = dict(headers or {})
        self.code_minor = code_minor or CODE_MINOR.get(status, "invaliddata")
        self.details = details


def envelope(
    description: str, code_minor: str, fields: Iterable[str] = (), details: object = None
) -> dict:
    names = list(fields) or [NO_FIELD]
    body = {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_CodeMinor": {
            "imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": name, "imsx_codeMinorFieldValue": code_minor}
                for name in names
            ]
        },
    }
    if details is not None:
        body["imsx_error_details"] = details
    return body


def error_response(error: ApiError):
    response = jsonify(envelope(error.description, error.code_minor, error.fields, error.details))
    response.status_code = error.status
    for name, value in error.headers.items():
        response.headers[name] = value
    return response


def _flatten(messages: object, prefix: str = "") -> list[tuple[str, str]]:
    """marshmallow's nested ``{location: {field: [msg]}}`` as (field, message) pairs."""
    if isinstance(messages, Mapping):
        out: list[tuple[str, str]] = []
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten(value, name))
        return out
    if isinstance(messages, list | tuple):
        return [(prefix, str(m)) for m in messages if not isinstance(m, Mapping | list)] + [
            pair for m in messages if isinstance(m, Mapping | list) for pair in _flatten(m, prefix)
        ]
    return [(prefix, str(messages))]


# Locations flask-smorest puts in front of field names; the caller knows them
# by the field name alone.
_LOCATIONS = ("path.", "query.", "json.", "headers.", "form.", "view_args.", "querystring.")


def _strip_location(name: str) -> str:
    for loc in _LOCATIONS:
        if name.startswith(loc):
            return name[len(loc) :]
    return name


def from_http_exception(exc: HTTPException) -> ApiError:
    status = exc.code or 500
    messages = getattr(exc, "data", {}).get("messages") if hasattr(exc, "data") else None
    if messages:
        pairs = [(_strip_location(f), m) for f, m in _flatten(messages)]
        description = "; ".join(f"{f}: {m}" for f, m in pairs)
        # A request value that fails validation is a bad request, whatever
        # status the validator picked.
        return ApiError(400, f"Invalid request: {description}", [f for f, _ in pairs])
    if status == 404:
        return ApiError(404, "No such resource: the path matches no endpoint.")
    if status == 405:
        return ApiError(405, f"Method not allowed: {exc.description}", headers=_allow(exc))
    if status == 413:
        return ApiError(413, "Request body too large.", ["body"])
    return ApiError(status, exc.description or exc.name)


def _allow(exc: HTTPException) -> dict[str, str]:
    valid = getattr(exc, "valid_methods", None)
    return {"Allow": ", ".join(valid)} if valid else {}


def database_unavailable() -> ApiError:
    return ApiError(
        503,
        "The curriculum database is unavailable; retry shortly.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, error_response)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return error_response(from_http_exception(exc))

    @app.errorhandler(ServiceUnavailable)
    @app.errorhandler(SessionExpired)
    @app.errorhandler(TransientError)
    def _unavailable(exc: Exception):
        log.warning("neo4j unavailable: %s", type(exc).__name__)
        return error_response(database_unavailable())

    @app.errorhandler(DriverError)
    def _driver(exc: Exception):
        # Pool exhaustion and connection faults surface as other DriverErrors.
        log.warning("neo4j driver error: %s", type(exc).__name__)
        return error_response(database_unavailable())

    @app.errorhandler(Exception)
    def _internal(exc: Exception):
        log.exception("unhandled error")
        return error_response(ApiError(500, "Internal server error."))
