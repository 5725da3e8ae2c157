"""Bearer tokens through HTTP on the curriculum endpoints: every way a token can be wrong."""

import base64
import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app import create_app
from tests.conftest import app_config
from tests.curriculum.builders import CasePackage
from tests.curriculum.conftest import READ_SCOPE, bearer, make_token, progress_path

CALIPER_SCOPE = "https://purl.imsglobal.org/spec/caliper/v1p2/scope/event.create"
ISSUER = "https://auth.example.org/"
AUDIENCE = "https://progress.example.org"


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unsigned(header: dict, claims: dict, signature: bytes = b"") -> str:
    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(claims).encode())}"
    return f"{signing_input}.{b64(signature)}" if signature else f"{signing_input}."


def claims(**extra) -> dict:
    now = int(time.time())
    return {"sub": "x", "iat": now, "exp": now + 300, "scope": READ_SCOPE, **extra}


@pytest.fixture
def path(load):
    package = CasePackage()
    course = package.item("course", parent=package.identifier)
    load.package(package)
    return progress_path(course, load.student())


def challenge(response) -> str:
    return response.headers.get("WWW-Authenticate", "")


def assert_401(response, error: str | None = "invalid_token"):
    assert response.status_code == 401
    assert response.json["imsx_CodeMinor"]["imsx_codeMinorField"] == [
        {
            "imsx_codeMinorFieldName": "Authorization",
            "imsx_codeMinorFieldValue": "unauthorisedrequest",
        }
    ]
    assert challenge(response).startswith("Bearer ")
    if error:
        assert f'error="{error}"' in challenge(response)
    else:
        assert "error=" not in challenge(response)


def test_a_valid_token_is_accepted(client, path):
    assert client.get(path, headers=bearer(make_token())).status_code == 200


def test_scope_among_several_and_as_an_scp_list(client, path):
    several = make_token(f"openid {CALIPER_SCOPE} {READ_SCOPE}")
    assert client.get(path, headers=bearer(several)).status_code == 200
    listed = make_token(None, scp=[READ_SCOPE])
    assert client.get(path, headers=bearer(listed)).status_code == 200


def test_no_authorization_header_is_401_without_an_error_code(client, path):
    assert_401(client.get(path), error=None)


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Bearer not.a.jwt",
        "Bearer abc",
        "Basic dXNlcjpwYXNz",
        "Token " + "x" * 20,
        "Bearer two tokens",
        "Bearer " + "a" * 9000,
    ],
)
def test_malformed_headers_are_401(client, path, header):
    assert_401(client.get(path, headers={"Authorization": header}))


def test_two_authorization_headers_are_401(client, path):
    token = make_token()
    response = client.get(path, headers=[("Authorization", f"Bearer {token}")] * 2)
    # WSGI keeps one value per header: the server joins repeats with ", ", which
    # is then not the 'Bearer <token>' form.
    assert_401(response)


def test_a_token_in_the_query_string_is_refused(client, path):
    response = client.get(f"{path}?access_token={make_token()}")
    assert_401(response)
    assert "Authorization header" in response.json["imsx_description"]


def test_a_token_in_the_query_string_is_refused_even_with_a_header(client, path):
    response = client.get(f"{path}?access_token={make_token()}", headers=bearer(make_token()))
    assert_401(response)


def test_expired_beyond_the_leeway(client, path):
    response = client.get(path, headers=bearer(make_token(lifetime=-120)))
    assert_401(response)
    assert "expired" in response.json["imsx_description"]


def test_expired_within_the_leeway_is_still_accepted(client, path):
    assert client.get(path, headers=bearer(make_token(lifetime=-5))).status_code == 200


def test_not_yet_valid(client, path):
    response = client.get(path, headers=bearer(make_token(nbf=int(time.time()) + 600)))
    assert_401(response)
    assert "not yet valid" in response.json["imsx_description"]


def test_without_exp(client, path):
    token = make_token(exp=None)
    # make_token leaves None claims out, so this token has no exp at all.
    response = client.get(path, headers=bearer(token))
    assert_401(response)
    assert "exp" in response.json["imsx_description"]


def test_a_tampered_signature(client, path):
    header, payload, signature = make_token().split(".")
    forged = claims(scope=f"{READ_SCOPE} admin")
    token = f"{header}.{b64(json.dumps(forged).encode())}.{signature}"
    assert_401(client.get(path, headers=bearer(token)))


def test_signed_with_another_secret(client, path):
    token = make_token(key="another-secret-of-sufficient-length-0123456789")
    assert_401(client.get(path, headers=bearer(token)))


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
def test_alg_none_is_refused(client, path, alg):
    response = client.get(path, headers=bearer(unsigned({"alg": alg, "typ": "JWT"}, claims())))
    assert_401(response)
    assert "algorithm" in response.json["imsx_description"]


def test_an_algorithm_outside_the_allow_list(client, path):
    token = make_token(key="k" * 64, algorithm="HS512")
    response = client.get(path, headers=bearer(token))
    assert_401(response)
    assert "'HS512' is not accepted" in response.json["imsx_description"]


class TestScopes:
    def test_without_the_scope_is_403(self, client, path):
        response = client.get(path, headers=bearer(make_token(CALIPER_SCOPE)))
        assert response.status_code == 403
        assert response.json["imsx_CodeMinor"]["imsx_codeMinorField"] == [
            {"imsx_codeMinorFieldName": "scope", "imsx_codeMinorFieldValue": "forbidden"}
        ]
        assert 'error="insufficient_scope"' in challenge(response)
        assert READ_SCOPE in challenge(response)

    def test_without_any_scope_claim_is_403(self, client, path):
        assert client.get(path, headers=bearer(make_token(None))).status_code == 403

    @pytest.mark.parametrize(
        "scope",
        [
            READ_SCOPE[:-1],  # a prefix
            READ_SCOPE + "x",  # the scope is a substring of it
            READ_SCOPE + ".write",
            "case.readonly",
            READ_SCOPE.upper(),
            f"{READ_SCOPE},{CALIPER_SCOPE}",  # commas are not separators
        ],
    )
    def test_a_scope_that_merely_contains_or_resembles_it_is_403(self, client, path, scope):
        assert client.get(path, headers=bearer(make_token(scope))).status_code == 403


@pytest.fixture(scope="module")
def strict_app(neo4j_server):
    return create_app(app_config(neo4j_server, JWT_ISSUER=ISSUER, JWT_AUDIENCE=AUDIENCE))


class TestIssuerAndAudience:
    def get(self, strict_app, path, **extra):
        return strict_app.test_client().get(path, headers=bearer(make_token(**extra)))

    def test_the_right_issuer_and_audience(self, strict_app, path):
        assert self.get(strict_app, path, iss=ISSUER, aud=AUDIENCE).status_code == 200

    def test_an_audience_list_containing_ours(self, strict_app, path):
        response = self.get(strict_app, path, iss=ISSUER, aud=["other", AUDIENCE])
        assert response.status_code == 200

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            ({"iss": "https://evil.example.org/", "aud": AUDIENCE}, "wrong issuer"),
            ({"iss": ISSUER, "aud": "https://other.example.org"}, "wrong audience"),
            ({"aud": AUDIENCE}, "iss"),
            ({"iss": ISSUER}, "aud"),
        ],
    )
    def test_wrong_or_missing(self, strict_app, path, extra, message):
        response = self.get(strict_app, path, **extra)
        assert_401(response)
        assert message in response.json["imsx_description"]


@pytest.fixture(scope="module")
def rsa_keys():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return key, public


@pytest.fixture(scope="module")
def rs256_app(neo4j_server, rsa_keys):
    _, public = rsa_keys
    return create_app(
        app_config(neo4j_server, JWT_ALGORITHMS="RS256", JWT_PUBLIC_KEY=public.decode())
    )


class TestRS256:
    def test_an_rs256_token_is_accepted(self, rs256_app, rsa_keys, path):
        key, _ = rsa_keys
        token = make_token(key=key, algorithm="RS256")
        assert rs256_app.test_client().get(path, headers=bearer(token)).status_code == 200

    def test_hs256_signed_with_the_rsa_public_key_is_refused(self, rs256_app, rsa_keys, path):
        # The classic confusion: HMAC keyed with the (public) PEM text.
        _, public = rsa_keys
        header = {"alg": "HS256", "typ": "JWT"}
        body = claims()
        signing_input = unsigned(header, body)[:-1].encode()
        signature = hmac.new(public, signing_input, hashlib.sha256).digest()
        token = unsigned(header, body, signature)
        response = rs256_app.test_client().get(path, headers=bearer(token))
        assert_401(response)
        assert "'HS256' is not accepted" in response.json["imsx_description"]

    def test_the_dev_hs256_token_is_refused_when_only_rs256_is_configured(self, rs256_app, path):
        assert_401(rs256_app.test_client().get(path, headers=bearer(make_token())))

    def test_alg_none_is_refused_here_too(self, rs256_app, path):
        token = unsigned({"alg": "none"}, claims())
        assert_401(rs256_app.test_client().get(path, headers=bearer(token)))
