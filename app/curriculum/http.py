"""Response plumbing shared by the curriculum views: ETag, 304, caching, error docs."""

from __future__ import annotations

import hashlib

from flask import Response, current_app, request

from app.api import ImsErrorSchema
from app.errors import CODE_MINOR, envelope

# Per-student, authenticated data whose completions change at any time: a
# browser may keep it but must revalidate (cheap with If-None-Match), and a
# shared cache must not keep it at all.
CACHE_CONTROL = "private, no-cache"

IF_NONE_MATCH = {
    "in": "header",
    "name": "If-None-Match",
    "required": False,
    "description": "An ETag from an earlier answer: 304 Not Modified while it still holds.",
    "schema": {"type": "string"},
    "example": '"3f8a6c0e1d2b4a59b7c1e0f9a2d4c6b8"',
}

RESPONSE_HEADERS = {
    "ETag": {
        "description": "A strong validator of this body, for If-None-Match",
        "schema": {"type": "string"},
    },
    "Cache-Control": {"description": CACHE_CONTROL, "schema": {"type": "string"}},
}


def etag_matches(etag: str) -> bool:
    """Whether the request's If-None-Match holds for ``etag`` (weak comparison, RFC 9110)."""
    return request.if_none_match.contains_weak(etag)


def json_response(body: bytes, etag: str | None = None) -> Response:
    """``body`` as JSON with a strong ETag (of its bytes unless given); 304 when
    If-None-Match matches."""
    response = current_app.response_class(body, mimetype="application/json")
    response.set_etag(etag or hashlib.blake2b(body, digest_size=16).hexdigest())
    response.headers["Cache-Control"] = CACHE_CONTROL
    response.vary.add("Authorization")
    return response.make_conditional(request)


_ERROR_EXAMPLES = {
    400: ("The request is not valid", "Invalid request: courseId: Not a valid UUID.", "courseId"),
    401: ("No valid bearer token", "Unauthorised: token expired.", "Authorization"),
    403: (
        "The token lacks the scope",
        "Forbidden: the token lacks the scope "
        "https://purl.imsglobal.org/spec/case/v1p0/scope/case.readonly.",
        "scope",
    ),
    404: (
        "Not found (each case has its own description)",
        "No CFItem with identifier 5ef7ba25-fff5-11ed-bfbf-0e2145d6cfdf.",
        "courseId",
    ),
    500: ("Internal error (no details are given)", "Internal server error.", None),
    503: (
        "Neo4j is unreachable; retry after Retry-After seconds",
        "The curriculum database is unavailable; retry shortly.",
        None,
    ),
}


def error_docs(blp, *statuses: int):
    """Document each error status with the IMS envelope and an example."""

    def decorator(view):
        for status in statuses:
            description, message, field = _ERROR_EXAMPLES[status]
            headers = None
            if status in (401, 403):
                headers = {"WWW-Authenticate": {"schema": {"type": "string"}}}
            elif status == 503:
                headers = {"Retry-After": {"schema": {"type": "integer"}}}
            view = blp.alt_response(
                status,
                schema=ImsErrorSchema,
                description=description,
                example=envelope(message, CODE_MINOR[status], [field] if field else []),
                headers=headers,
            )(view)
        return view

    return decorator


def not_modified_doc(blp):
    return blp.alt_response(
        304,
        description="Not Modified: the If-None-Match ETag still holds (no body)",
        headers={"ETag": RESPONSE_HEADERS["ETag"]},
        success=True,
    )
