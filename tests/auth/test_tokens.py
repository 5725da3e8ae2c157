"""TokenVerifier on literal tokens: no database, no HTTP."""

import base64
import json
import time

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from app.auth.tokens import InvalidToken, TokenSettings, TokenVerifier, scopes_of

SECRET = "s" * 48
NOW = int(time.time())


def _rsa_pair():
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return key, public.decode()


RSA_KEY, RSA_PUBLIC = _rsa_pair()
OTHER_RSA_KEY, _ = _rsa_pair()


def claims(**extra):
    return {"sub": "client", "exp": NOW + 600, "scope": "a b", **extra}


def hs(payload, secret=SECRET, **headers):
    return jwt.encode(payload, secret, algorithm="HS256", headers=headers or None)


def unsigned(payload, alg="none"):
    def part(obj):
        return base64.urlsafe_b64encode(json.dumps(obj).encode()).rstrip(b"=").decode()

    return f"{part({'alg': alg, 'typ': 'JWT'})}.{part(payload)}."


def hs_with_raw_key(payload, key: str) -> str:
    """HS256 by hand: PyJWT itself refuses to use a PEM public key as an HMAC secret."""
    import hashlib
    import hmac

    def part(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signing_input = (
        f"{part(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())}."
        f"{part(json.dumps(payload).encode())}"
    )
    signature = hmac.new(key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{part(signature)}"


HS_VERIFIER = TokenVerifier(TokenSettings(algorithms=("HS256",), secret=SECRET))
RS_VERIFIER = TokenVerifier(TokenSettings(algorithms=("RS256",), public_key=RSA_PUBLIC))
CHECKED = TokenVerifier(
    TokenSettings(algorithms=("HS256",), secret=SECRET, issuer="https://idp", audience="api")
)


def test_a_good_hs256_token_yields_its_claims():
    assert HS_VERIFIER.verify(hs(claims()))["sub"] == "client"


def test_a_good_rs256_token_yields_its_claims():
    token = jwt.encode(claims(), RSA_KEY, algorithm="RS256")
    assert RS_VERIFIER.verify(token)["scope"] == "a b"


@pytest.mark.parametrize(
    ("verifier", "token", "reason"),
    [
        (HS_VERIFIER, unsigned(claims()), "algorithm 'none'"),
        (HS_VERIFIER, unsigned(claims(), alg="None"), "algorithm 'None'"),
        (HS_VERIFIER, hs(claims(), secret="t" * 48), "invalid token"),
        (HS_VERIFIER, hs(claims(exp=NOW - 3600)), "expired"),
        (HS_VERIFIER, hs(claims(nbf=NOW + 3600)), "not yet valid"),
        (HS_VERIFIER, hs({"sub": "client", "scope": "a"}), "missing claim 'exp'"),
        (HS_VERIFIER, "not.a.token", "malformed"),
        (HS_VERIFIER, "x" * 9000, "too long"),
        (HS_VERIFIER, jwt.encode(claims(), RSA_KEY, algorithm="RS256"), "algorithm 'RS256'"),
        # Algorithm confusion: HS256 "signed" with the RSA public key's PEM.
        (RS_VERIFIER, hs_with_raw_key(claims(), RSA_PUBLIC), "algorithm 'HS256'"),
        (RS_VERIFIER, jwt.encode(claims(), OTHER_RSA_KEY, algorithm="RS256"), "invalid token"),
        (CHECKED, hs(claims(iss="https://idp")), "missing claim 'aud'"),
        (CHECKED, hs(claims(iss="https://evil", aud="api")), "wrong issuer"),
        (CHECKED, hs(claims(iss="https://idp", aud="other")), "wrong audience"),
    ],
)
def test_bad_tokens_are_refused_with_a_reason(verifier, token, reason):
    with pytest.raises(InvalidToken, match=reason):
        verifier.verify(token)


def test_leeway_accepts_a_token_that_expired_a_moment_ago():
    lenient = TokenVerifier(TokenSettings(algorithms=("HS256",), secret=SECRET, leeway=30))
    assert lenient.verify(hs(claims(exp=NOW - 5)))


def test_es256_is_verified_with_its_public_key():
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    verifier = TokenVerifier(TokenSettings(algorithms=("ES256",), public_key=public.decode()))
    assert verifier.verify(jwt.encode(claims(), key, algorithm="ES256"))["sub"] == "client"


def test_scopes_come_from_scope_or_scp():
    assert scopes_of({"scope": "x y"}) == {"x", "y"}
    assert scopes_of({"scp": ["x", 3, "z"]}) == {"x", "z"}
    assert scopes_of({"scope": 7}) == frozenset()


def test_unsupported_algorithm_in_configuration_is_refused():
    with pytest.raises(ValueError, match="unsupported"):
        TokenSettings.from_config({"JWT_ALGORITHMS": "none"})


def test_with_both_families_allowed_hs256_never_uses_the_public_key():
    both = TokenVerifier(
        TokenSettings(algorithms=("HS256", "RS256"), secret=SECRET, public_key=RSA_PUBLIC)
    )
    with pytest.raises(InvalidToken, match="invalid token"):
        both.verify(hs_with_raw_key(claims(), RSA_PUBLIC))
    assert both.verify(jwt.encode(claims(), RSA_KEY, algorithm="RS256"))


def test_a_remembered_token_still_expires_on_time():
    verifier = TokenVerifier(TokenSettings(algorithms=("HS256",), secret=SECRET, leeway=0))
    token = hs(claims(exp=int(time.time()) + 1))
    assert verifier.verify(token)["sub"] == "client"  # verified, and now remembered
    time.sleep(2.1)
    with pytest.raises(InvalidToken, match="expired"):
        verifier.verify(token)


def test_remembering_a_token_admits_no_other_text():
    token = hs(claims())
    assert HS_VERIFIER.verify(token)["sub"] == "client"
    header, payload, signature = token.split(".")
    forged_payload = (
        base64.urlsafe_b64encode(json.dumps(claims(scope="admin")).encode()).rstrip(b"=").decode()
    )
    for forged in (
        f"{header}.{forged_payload}.{signature}",
        f"{header}.{payload}.{signature[:-2]}AA",
        token + "x",
    ):
        with pytest.raises(InvalidToken):
            HS_VERIFIER.verify(forged)


def test_claims_are_read_only_so_one_request_cannot_alter_the_next():
    token = hs(claims())
    with pytest.raises(TypeError):
        HS_VERIFIER.verify(token)["scope"] = "a b admin"  # type: ignore[index]
    assert HS_VERIFIER.verify(token)["scope"] == "a b"


def test_without_the_cache_every_request_is_verified_in_full():
    verifier = TokenVerifier(
        TokenSettings(algorithms=("HS256",), secret=SECRET, leeway=0, cache_size=0)
    )
    token = hs(claims(exp=int(time.time()) + 1))
    assert verifier.verify(token)["sub"] == "client"
    time.sleep(2.1)
    with pytest.raises(InvalidToken, match="expired"):
        verifier.verify(token)


def test_a_token_of_another_key_family_than_the_configured_key_is_refused_cleanly():
    key = ec.generate_private_key(ec.SECP256R1())
    verifier = TokenVerifier(TokenSettings(algorithms=("RS256", "ES256"), public_key=RSA_PUBLIC))
    with pytest.raises(InvalidToken, match="invalid token"):
        verifier.verify(jwt.encode(claims(), key, algorithm="ES256"))
    assert verifier.verify(jwt.encode(claims(), RSA_KEY, algorithm="RS256"))["sub"] == "client"
