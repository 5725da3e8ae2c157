"""The Bearer scheme on requests: read the header, verify, check the scope."""

from functools import wraps

from flask import current_app, g, request

from app.auth.tokens import InvalidToken, TokenSettings, TokenVerifier, scopes_of
from app.errors import ApiError

REALM = "student-course-progress"
SECURITY = [{"bearerAuth": []}]


def verifier() -> TokenVerifier:
    return current_app.extensions["token_verifier"]


def _unauthorised(description: str, error: str | None = "invalid_token") -> ApiError:
    # RFC 6750 §3: no error code when the request carried no credentials.
    challenge = f'Bearer realm="{REALM}"'
    if error:
        challenge += f', error="{error}", error_description="{description}"'
    return ApiError(
        401, f"Unauthorised: {description}.", ["Authorization"], {"WWW-Authenticate": challenge}
    )


def bearer_token() -> str:
    headers = request.headers.getlist("Authorization")
    if "access_token" in request.args:
        # RFC 6750 allows it, but URLs end up in logs; we accept the header only.
        raise _unauthorised("send the token in the Authorization header, not the URL")
    if not headers:
        raise _unauthorised("no bearer token", error=None)
    if len(headers) > 1:
        raise _unauthorised("more than one Authorization header")
    scheme, _, token = headers[0].partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or " " in token:
        raise _unauthorised("the Authorization header must be 'Bearer <token>'")
    return token


def authenticate(required_scope: str) -> dict:
    """Verify the request's token and that it grants ``required_scope``; return its claims."""
    try:
        claims = verifier().verify(bearer_token())
    except InvalidToken as exc:
        raise _unauthorised(str(exc)) from exc
    if required_scope not in scopes_of(claims):
        raise ApiError(
            403,
            f"Forbidden: the token lacks the scope {required_scope}.",
            ["scope"],
            {
                "WWW-Authenticate": f'Bearer realm="{REALM}", error="insufficient_scope", '
                f'scope="{required_scope}"'
            },
        )
    g.token_claims = claims
    return claims


def require_scope(config_key: str):
    """Decorate a view: the request needs a valid token with the scope in ``config[config_key]``."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            authenticate(current_app.config[config_key])
            return view(*args, **kwargs)

        return wrapped

    return decorator


def init_verifier(app) -> None:
    app.extensions["token_verifier"] = TokenVerifier(TokenSettings.from_config(app.config))
