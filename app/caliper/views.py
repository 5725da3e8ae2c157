"""POST /events/1.0/ (record) and /events/1.0/validate (check only): the Caliper endpoint."""

import json

import orjson
from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from app.api import ImsErrorSchema
from app.auth import SECURITY, require_scope
from app.caliper import schemas
from app.caliper.ingest import ingest_document
from app.caliper.validation import event_count
from app.errors import ApiError

blp = Blueprint(
    "caliper",
    __name__,
    url_prefix="/events/1.0",
    description="Caliper 1.1/1.2 event ingestion (Sensor API envelopes or single events).",
)

# Caliper 1.2 §6: sensors send application/json; JSON-LD is the same bytes.
JSON_TYPES = ("application/json", "application/ld+json")

_REQUEST_BODY = {
    "required": True,
    "description": "A Caliper envelope, one event, or a JSON array of events.",
    "content": {
        "application/json": {
            "schema": {
                "oneOf": [
                    schemas.CaliperEnvelopeSchema,
                    schemas.CaliperEventSchema,
                    {"type": "array", "items": schemas.CaliperEventSchema},
                ]
            },
            "examples": {
                "envelope": {"value": schemas.ENVELOPE_EXAMPLE},
                "single event": {"value": schemas.COMPLETED_EVENT_EXAMPLE},
            },
        }
    },
}


class _DuplicateKey(ValueError):
    pass


def _no_repeats(pairs: list[tuple[str, object]]) -> dict:
    document = dict(pairs)
    if len(document) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key[:80])
            seen.add(key)
    return document


def duplicate_key(raw: bytes) -> str | None:
    """The first key an object of ``raw`` repeats, if any.

    orjson keeps the last of repeated keys, another parser the first: an event
    whose first ``actor`` is junk and last a real student would mean different
    things to different readers, so such a body is refused. A second parse with
    the standard library costs ~0.15 ms per 100 events; orjson has already
    refused anything nested deeper than 1,024 levels.
    """
    try:
        json.loads(raw, object_pairs_hook=_no_repeats)
    except _DuplicateKey as exc:
        return str(exc)
    except RecursionError:
        raise ApiError(400, "The body is nested too deeply.", ["body"]) from None
    return None


def parsed_body() -> object:
    """The request's JSON document, or the ApiError for the status the spec asks."""
    mimetype = request.mimetype
    if mimetype not in JSON_TYPES and not mimetype.endswith("+json"):
        raise ApiError(
            415,
            f"Unsupported Content-Type {mimetype or '(none)'!r}: send application/json.",
            ["Content-Type"],
        )
    raw = request.get_data(cache=False)  # raises RequestEntityTooLarge past MAX_CONTENT_LENGTH
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, f"The body is not valid JSON: {exc}", ["body"]) from None
    duplicate = duplicate_key(raw)
    if duplicate is not None:
        raise ApiError(400, f"The body repeats the JSON key {duplicate!r} in one object.", ["body"])
    limit = current_app.config["CALIPER_MAX_EVENTS"]
    count = event_count(document)
    if count > limit:
        raise ApiError(413, f"{count} events in one document; the limit is {limit}.", ["data"])
    return document


_REJECTED_EXAMPLE = {
    "imsx_codeMajor": "failure",
    "imsx_severity": "error",
    "imsx_description": "Rejected: 1 invalid event(s); nothing was recorded. action: 'Deleted' "
    "is not allowed for AssignableEvent (allowed: Activated, Completed, Deactivated, Reviewed, "
    "Started, Submitted)",
    "imsx_CodeMinor": {
        "imsx_codeMinorField": [
            {"imsx_codeMinorFieldName": "data[0].action", "imsx_codeMinorFieldValue": "invaliddata"}
        ]
    },
    "imsx_error_details": [
        {
            "index": 0,
            "id": "urn:uuid:2635b9dd-0061-4059-ac61-2718ab366f75",
            "reason": "action: 'Deleted' is not allowed for AssignableEvent (allowed: ...)",
        }
    ],
}
_RETRY_AFTER = {"Retry-After": {"description": "Seconds to wait", "schema": {"type": "integer"}}}
_ERRORS = (
    (400, "Not JSON, or invalid events (each in imsx_error_details); nothing written", {}),
    (401, "No valid bearer token", {}),
    (403, "The token lacks the Caliper write scope (CALIPER_WRITE_SCOPE)", {}),
    (413, "Body over MAX_CONTENT_LENGTH, or more events than CALIPER_MAX_EVENTS", {}),
    (415, "Content-Type is not application/json (or application/ld+json)", {}),
    (503, "Neo4j unavailable; nothing written, send the same document again", _RETRY_AFTER),
)


def _documented(view):
    """The contract both routes share: auth, body, summary, errors."""
    for status, text, headers in _ERRORS:
        example = _REJECTED_EXAMPLE if status == 400 else None
        view = blp.alt_response(
            status,
            schema=ImsErrorSchema,
            description=text,
            example=example,
            headers=headers or None,
        )(view)
    view = blp.doc(security=SECURITY, requestBody=_REQUEST_BODY)(view)
    return require_scope("CALIPER_WRITE_SCOPE")(view)


@blp.route("/", strict_slashes=False)
class Events(MethodView):
    @_documented
    @blp.response(
        200,
        schemas.IngestSummarySchema,
        example=schemas.SUMMARY_EXAMPLE,
        description="Recorded and committed (200 for new and replayed documents alike: a "
        "replay changes nothing and says so in `duplicates`)",
    )
    def post(self):
        """Record Caliper events; completions count once Neo4j has committed"""
        return ingest_document(parsed_body())


@blp.route("/validate")
class ValidateEvents(MethodView):
    @_documented
    @blp.response(
        200,
        schemas.IngestSummarySchema,
        example={**schemas.SUMMARY_EXAMPLE, "dryRun": True},
        description="Valid; the summary says what recording would do (nothing is written)",
    )
    def post(self):
        """Check Caliper events as POST /events/1.0/ would, writing nothing"""
        return ingest_document(parsed_body(), dry_run=True)
