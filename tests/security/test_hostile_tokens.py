"""Hostile and broken bearer tokens against every protected endpoint, over seeded data.

Each case is sent to the three curriculum reads and to both Caliper posts. The
reads point at a real course and student, and the posts carry a real
completion, so a wrong answer would show: a 200, an identifier of the loaded
data in the body, or a changed graph.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app import create_app
from app.config import DEV_JWT_SECRET
from tests.conftest import app_config
from tests.security.conftest import (
    READ_SCOPE,
    WRITE_SCOPE,
    assert_envelope,
    bearer,
    completed_event,
    envelope,
    graph_state,
    make_token,
)

ISSUER = "https://auth.example.org/"
AUDIENCE = "https://progress.example.org"
_RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)
_ATTACKER_RSA = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PUBLIC_PEM = _RSA.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(scope: str | None, **extra) -> dict:
    now = int(time.time())
    body = {"sub": "attacker", "iat": now, "exp": now + 600, "scope": scope, **extra}
    return {k: v for k, v in body.items() if v is not None}


def raw_token(header: object, payload: object, signature: bytes | None = None) -> str:
    """A JWS compact token from any JSON header and payload; unsigned unless told."""
    head = b64(json.dumps(header).encode())
    body = b64(json.dumps(payload).encode())
    return f"{head}.{body}.{b64(signature or b'')}"


def hs256_by_hand(key: bytes, payload: dict, header: dict | None = None) -> str:
    """HS256 over any key bytes: PyJWT refuses to HMAC with a PEM, an attacker does not."""
    header = header or {"alg": "HS256", "typ": "JWT"}
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(payload).encode())}"
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(signature)}"


@dataclass(frozen=True)
class Request:
    headers: list[tuple[str, str]] = field(default_factory=list)
    query: str = ""


def auth(value: str) -> Request:
    return Request([("Authorization", value)])


def token(value: str) -> Request:
    return auth(f"Bearer {value}")


# Each builder gets the scope the endpoint needs and the other one, so that
# scope cases mean the same for reads and writes.
Builder = Callable[[str, str], Request]


@dataclass(frozen=True)
class Case:
    name: str
    build: Builder
    status: int = 401
    error: str | None = "invalid_token"
    app: str = "hs256"  # which configuration answers: hs256 (default), strict, rs256


def signed(**options) -> Builder:
    """A token PyJWT signs for the needed scope, with these options (see make_token)."""
    return lambda needed, other: token(make_token(needed, **options))


def forbidden(name: str, scope: Callable[[str, str], object], scopes: bool = False) -> Case:
    """A well-signed token whose scope is ``scope(needed, other)`` (or under ``scopes``)."""

    def build(needed: str, other: str) -> Request:
        if scopes:  # the right value in a claim the service does not read
            return token(make_token(None, scopes=needed))
        return token(make_token(scope(needed, other)))  # type: ignore[arg-type]

    return Case(name, build, 403, "insufficient_scope")


def _tampered(needed: str, other: str) -> Request:
    head, _, signature = make_token(other).split(".")
    return token(f"{head}.{b64(json.dumps(claims(needed)).encode())}.{signature}")


def _alg_none_with_signature(needed: str, other: str) -> Request:
    # A valid HS256 signature kept on a header that now says "none".
    _, body, signature = make_token(needed).split(".")
    return token(f"{b64(json.dumps({'alg': 'none'}).encode())}.{body}.{signature}")


def _oversized(needed: str, other: str) -> Request:
    # A validly signed token whose header carries 20 KB of padding.
    return token(make_token(needed, headers={"pad": "A" * 20_000}))


def _jwk_embedded(needed: str, other: str) -> Request:
    # CVE-2018-0114 style: the token names its own (attacker's) key.
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(_ATTACKER_RSA.public_key()))
    return token(make_token(needed, key=_ATTACKER_RSA, algorithm="RS256", headers={"jwk": jwk}))


CASES: list[Case] = [
    # alg: none, however spelled, and with or without a signature part
    Case("alg none", lambda n, o: token(raw_token({"alg": "none", "typ": "JWT"}, claims(n)))),
    Case("alg None", lambda n, o: token(raw_token({"alg": "None"}, claims(n)))),
    Case("alg NONE", lambda n, o: token(raw_token({"alg": "NONE"}, claims(n)))),
    Case("alg nOnE", lambda n, o: token(raw_token({"alg": "nOnE"}, claims(n)))),
    Case("alg none, no third part", lambda n, o: token(raw_token({"alg": "none"}, claims(n))[:-1])),
    Case("alg none with a real signature", _alg_none_with_signature),
    Case("no alg in the header", lambda n, o: token(raw_token({"typ": "JWT"}, claims(n)))),
    Case("alg null", lambda n, o: token(raw_token({"alg": None}, claims(n)))),
    Case("alg as a list", lambda n, o: token(raw_token({"alg": ["HS256"]}, claims(n)))),
    # keys and algorithms
    Case(
        "HS256 keyed with the RS256 public key PEM",
        lambda n, o: token(hs256_by_hand(PUBLIC_PEM, claims(n))),
        app="rs256",
    ),
    Case(
        "RS256 signed with another key",
        lambda n, o: token(make_token(n, key=_ATTACKER_RSA, algorithm="RS256")),
        app="rs256",
    ),
    Case("RS256 naming its own key in a jwk header", _jwk_embedded, app="rs256"),
    Case(
        "the dev HS256 token where only RS256 is configured",
        lambda n, o: token(make_token(n)),
        app="rs256",
    ),
    Case(
        "RS256 where only HS256 is configured",
        lambda n, o: token(make_token(n, key=_ATTACKER_RSA, algorithm="RS256")),
    ),
    Case("HS256 with another secret", signed(key="x" * 48)),
    Case("HS512, not in the allow-list", signed(key="k" * 64, algorithm="HS512")),
    Case("HS256 with an empty secret", lambda n, o: token(hs256_by_hand(b"", claims(n)))),
    Case("payload swapped under a real signature", _tampered),
    Case("signature stripped", lambda n, o: token(make_token(n).rsplit(".", 1)[0] + ".")),
    # kid is never a path, a query or a command
    Case(
        "kid pointing at /dev/null, signed with its empty content",
        lambda n, o: token(
            hs256_by_hand(b"", claims(n), {"alg": "HS256", "kid": "../../../../../../dev/null"})
        ),
    ),
    Case(
        "kid pointing at a file of the repository",
        signed(key="x" * 48, headers={"kid": "../../../../pyproject.toml"}),
    ),
    Case(
        "kid carrying SQL and shell injection",
        lambda n, o: token(
            hs256_by_hand(b"x", claims(n), {"alg": "HS256", "kid": "' OR 1=1 -- ; $(reboot) |id"})
        ),
    ),
    Case(
        "jku pointing at an attacker's key set",
        signed(
            key=_ATTACKER_RSA,
            algorithm="RS256",
            headers={"jku": "https://attacker.example/jwks.json", "kid": "1"},
        ),
        app="rs256",
    ),
    # time
    Case("expired beyond the leeway", signed(lifetime=-120)),
    Case("not yet valid (nbf)", lambda n, o: token(make_token(n, nbf=int(time.time()) + 600))),
    Case(
        "issued in the future (iat)", lambda n, o: token(make_token(n, iat=int(time.time()) + 600))
    ),
    Case("no exp", signed(exp=None)),
    Case("exp not a number", signed(exp="never")),
    # issuer and audience (an app configured with both)
    Case("wrong iss", signed(iss="https://evil.example/", aud=AUDIENCE), app="strict"),
    Case("wrong aud", signed(iss=ISSUER, aud="https://other.example"), app="strict"),
    Case("no iss", signed(aud=AUDIENCE), app="strict"),
    Case("no aud", signed(iss=ISSUER), app="strict"),
    Case("iss with a suffix", signed(iss=ISSUER + "x", aud=AUDIENCE), app="strict"),
    # scopes: a valid token that does not grant what the endpoint needs
    forbidden("no scope claim", lambda n, o: None),
    forbidden("empty scope", lambda n, o: ""),
    forbidden("the other scope only", lambda n, o: o),
    forbidden("scope a prefix of the right one", lambda n, o: n[:-1]),
    forbidden("scope the right one's last segment", lambda n, o: n.rsplit("/", 1)[1]),
    forbidden("scope the right one with a suffix", lambda n, o: n + "x"),
    forbidden("scope the right one behind a prefix", lambda n, o: "x" + n),
    forbidden("scope in upper case", lambda n, o: n.upper()),
    forbidden("scopes joined by a comma", lambda n, o: f"{o},{n}"),
    forbidden("scope as a JSON list", lambda n, o: [n]),
    forbidden("scope in a claim of another name", lambda n, o: None, scopes=True),
    # malformed tokens
    Case("header not base64url", lambda n, o: token("!!!." + make_token(n).split(".", 1)[1])),
    Case("payload not base64url", lambda n, o: token(make_token(n).split(".")[0] + ".%%%%.abc")),
    Case(
        "header base64 of non-JSON",
        lambda n, o: token(b64(b"not json") + "." + make_token(n).split(".", 1)[1]),
    ),
    Case("header JSON a list", lambda n, o: token(raw_token(["HS256"], claims(n)))),
    Case("header JSON a string", lambda n, o: token(raw_token("HS256", claims(n)))),
    Case("payload JSON a list", lambda n, o: token(hs256_by_hand(DEV_JWT_SECRET.encode(), [n]))),  # type: ignore[arg-type]
    Case("two segments", lambda n, o: token(".".join(make_token(n).split(".")[:2]))),
    Case("four segments", lambda n, o: token(make_token(n) + ".abc")),
    Case("oversized header (20 KB)", _oversized),
    # where and how the token is sent
    Case("token in the query string", lambda n, o: Request(query=f"access_token={make_token(n)}")),
    Case(
        "token in the query string and the header",
        lambda n, o: Request(bearer(make_token(n)).items(), f"access_token={make_token(n)}"),  # type: ignore[arg-type]
    ),
    Case(
        "two Authorization headers",
        lambda n, o: Request([("Authorization", f"Bearer {make_token(n)}")] * 2),
    ),
    Case("Basic scheme", lambda n, o: auth("Basic " + base64.b64encode(b"admin:admin").decode())),
    Case("Token scheme with a valid JWT", lambda n, o: auth(f"Token {make_token(n)}")),
    Case("no scheme, just the JWT", lambda n, o: auth(make_token(n))),
    Case("empty bearer", lambda n, o: auth("Bearer ")),
    Case("bare Bearer", lambda n, o: auth("Bearer")),
    Case("token followed by junk", lambda n, o: token(make_token(n) + " junk")),
]

ENDPOINTS = ("progress", "courses", "course", "events", "validate")
WRITES = frozenset({"events", "validate"})


def test_the_table_is_big_enough():
    assert len(CASES) >= 20
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def apps(app, neo4j_server):
    return {
        "hs256": app,
        "strict": create_app(app_config(neo4j_server, JWT_ISSUER=ISSUER, JWT_AUDIENCE=AUDIENCE)),
        "rs256": create_app(
            app_config(neo4j_server, JWT_ALGORITHMS="RS256", JWT_PUBLIC_KEY=PUBLIC_PEM.decode())
        ),
    }


def completion(seeded) -> bytes:
    """An envelope with one real completion: accepting it would write to the graph."""
    return json.dumps(envelope(completed_event(seeded))).encode()


def send(client, seeded, endpoint: str, request: Request):
    headers = list(request.headers)
    if endpoint in WRITES:
        path = "/events/1.0/" if endpoint == "events" else "/events/1.0/validate"
        url = f"{path}?{request.query}" if request.query else path
        return client.post(
            url, data=completion(seeded), content_type="application/json", headers=headers
        )
    path = seeded.paths[endpoint]
    return client.get(f"{path}?{request.query}" if request.query else path, headers=headers)


def scopes_for(endpoint: str) -> tuple[str, str]:
    return (WRITE_SCOPE, READ_SCOPE) if endpoint in WRITES else (READ_SCOPE, WRITE_SCOPE)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_token_is_refused_without_data(apps, seeded, neo4j_driver, case, endpoint):
    client = apps[case.app].test_client()
    request = case.build(*scopes_for(endpoint))
    before = graph_state(neo4j_driver) if endpoint in WRITES else None

    response = send(client, seeded, endpoint, request)

    body = assert_envelope(response, case.status)
    field = "Authorization" if case.status == 401 else "scope"
    named = [f["imsx_codeMinorFieldName"] for f in body["imsx_CodeMinor"]["imsx_codeMinorField"]]
    assert named == [field]
    challenge = response.headers.get("WWW-Authenticate", "")
    assert challenge.startswith("Bearer ")
    assert f'error="{case.error}"' in challenge
    assert not seeded.leaks(response.data)
    if before is not None:
        assert graph_state(neo4j_driver) == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("which", ["hs256", "strict", "rs256"])
def test_the_right_token_is_accepted_and_would_show_the_data(apps, seeded, endpoint, which):
    """The control: with a good token the same requests answer, so the refusals mean something."""
    needed, _ = scopes_for(endpoint)
    extra = {"iss": ISSUER, "aud": AUDIENCE} if which == "strict" else {}
    key, algorithm = (_RSA, "RS256") if which == "rs256" else (DEV_JWT_SECRET, "HS256")
    request = token(make_token(needed, key=key, algorithm=algorithm, **extra))
    # The control must not write: /events/1.0/ is exercised through its dry run.
    response = send(apps[which].test_client(), seeded, _dry(endpoint), request)
    assert response.status_code == 200, response.data[:300]
    if endpoint in WRITES:
        assert response.get_json()["completionsRecorded"] == 1
    else:
        assert seeded.leaks(response.data)


def _dry(endpoint: str) -> str:
    return "validate" if endpoint == "events" else endpoint


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "bEaReR"])
@pytest.mark.parametrize("endpoint", ["progress", "courses", "course", "validate"])
def test_the_scheme_name_is_case_insensitive(client_for_default, seeded, scheme, endpoint):
    # RFC 7235 §2.1: auth-scheme names are case-insensitive (RFC 6750 uses "Bearer").
    needed, _ = scopes_for(endpoint)
    response = send(client_for_default, seeded, endpoint, auth(f"{scheme} {make_token(needed)}"))
    assert response.status_code == 200


@pytest.fixture
def client_for_default(app):
    return app.test_client()


def test_no_credentials_is_a_401_without_an_error_code(app, seeded):
    # RFC 6750 §3.1: a request without any credentials gets no error code.
    for endpoint in ENDPOINTS:
        response = send(app.test_client(), seeded, endpoint, Request())
        assert_envelope(response, 401)
        challenge = response.headers["WWW-Authenticate"]
        assert challenge.startswith("Bearer ") and "error=" not in challenge
        assert not seeded.leaks(response.data)
