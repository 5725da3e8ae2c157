"""Verifying bearer JWTs strictly: an algorithm allow-list, a key per family, exp required."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType

import jwt
from cachetools import TTLCache

HMAC_ALGORITHMS = frozenset({"HS256", "HS384", "HS512"})
ASYMMETRIC_ALGORITHMS = frozenset(
    {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"}
)
# A token longer than this is refused before any parsing: no real access
# token comes near it, and a huge header must not cost us work.
MAX_TOKEN_LENGTH = 8192
# How long a verified token is taken on its exact text without checking the
# signature again (its exp still is, every time). It bounds how long a key
# removed from the JWKS keeps working for tokens already seen.
VERIFIED_TTL_SECONDS = 60


class InvalidToken(Exception):
    """The token is not acceptable; the message is safe to show the caller."""


@dataclass(frozen=True)
class TokenSettings:
    algorithms: tuple[str, ...]
    secret: str = ""
    public_key: str = ""
    jwks_url: str = ""
    issuer: str = ""
    audience: str = ""
    leeway: int = 30
    cache_size: int = 1024  # verified tokens kept per process; 0 verifies every request

    @classmethod
    def from_config(cls, config) -> TokenSettings:
        algorithms = tuple(a.strip() for a in str(config["JWT_ALGORITHMS"]).split(",") if a.strip())
        unknown = set(algorithms) - HMAC_ALGORITHMS - ASYMMETRIC_ALGORITHMS
        if unknown or not algorithms:
            raise ValueError(f"JWT_ALGORITHMS: unsupported {sorted(unknown) or 'empty'}")
        return cls(
            algorithms=algorithms,
            secret=str(config.get("JWT_SECRET") or ""),
            public_key=str(config.get("JWT_PUBLIC_KEY") or ""),
            jwks_url=str(config.get("JWT_JWKS_URL") or ""),
            issuer=str(config.get("JWT_ISSUER") or ""),
            audience=str(config.get("JWT_AUDIENCE") or ""),
            leeway=int(config.get("JWT_LEEWAY") or 0),
            cache_size=int(config.get("JWT_CACHE_SIZE") or 0),
        )


class TokenVerifier:
    """Checks signature, algorithm, exp/nbf/iat, issuer and audience of a JWT."""

    def __init__(self, settings: TokenSettings):
        self.settings = settings
        # Claims of tokens that passed every check, by their exact text: a client
        # sends the same token on every request until it expires, and the checks
        # (base64, two JSON documents, the signature) cost more than the rest of
        # a cached progress answer. Bounded in entries and in time.
        self._verified: TTLCache | None = (
            TTLCache(settings.cache_size, VERIFIED_TTL_SECONDS, timer=time.monotonic)
            if settings.cache_size > 0
            else None
        )
        self._lock = threading.Lock()
        self._public_keys: dict[str, object] = {}

    def _public_key(self, algorithm: str) -> object:
        # Parsed once per algorithm: PyJWT would parse the PEM text on every decode.
        key = self._public_keys.get(algorithm)
        if key is None:
            try:
                key = jwt.get_algorithm_by_name(algorithm).prepare_key(self.settings.public_key)
            except (jwt.PyJWTError, ValueError, TypeError) as exc:
                # E.g. an ES256 token while the configured key is an RSA key.
                raise InvalidToken("invalid token") from exc
            self._public_keys[algorithm] = key
        return key

    @cached_property
    def _jwks(self) -> jwt.PyJWKClient:
        # PyJWKClient caches the key set and refetches it for an unknown `kid`,
        # which is how key rotation reaches us without a restart.
        return jwt.PyJWKClient(self.settings.jwks_url, cache_keys=True, lifespan=300, timeout=5)

    def _key_for(self, token: str, algorithm: str) -> object:
        s = self.settings
        if algorithm in HMAC_ALGORITHMS:
            if not s.secret:
                raise InvalidToken("HMAC-signed tokens are not accepted")
            return s.secret
        if s.jwks_url:
            try:
                return self._jwks.get_signing_key_from_jwt(token).key
            except jwt.PyJWKClientError as exc:
                raise InvalidToken(f"no signing key for this token: {exc}") from exc
        if s.public_key:
            return self._public_key(algorithm)
        raise InvalidToken("asymmetrically signed tokens are not accepted")

    def verify(self, token: str) -> MappingProxyType:
        """The token's claims, read-only; raises ``InvalidToken`` saying why not."""
        if len(token) > MAX_TOKEN_LENGTH:
            raise InvalidToken("token too long")
        if self._verified is None:
            return MappingProxyType(self._verify(token))
        with self._lock:
            claims = self._verified.get(token)
        # The same test PyJWT applies to exp: a token seen valid expires on time.
        if claims is not None and claims["exp"] > time.time() - self.settings.leeway:
            return claims
        claims = MappingProxyType(self._verify(token))
        if isinstance(claims["exp"], int | float):
            with self._lock:
                self._verified[token] = claims
        return claims

    def _verify(self, token: str) -> dict:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidToken("malformed token") from exc
        algorithm = header.get("alg")
        # The allow-list is checked here, before choosing a key, so that a
        # token cannot pick the key family (e.g. HS256 with the RSA public key).
        if not isinstance(algorithm, str) or algorithm not in self.settings.algorithms:
            raise InvalidToken(f"algorithm {algorithm!r} is not accepted")
        key = self._key_for(token, algorithm)
        s = self.settings
        try:
            return jwt.decode(
                token,
                key,
                algorithms=[algorithm],
                audience=s.audience or None,
                issuer=s.issuer or None,
                leeway=s.leeway,
                options={
                    "require": ["exp"],
                    "verify_aud": bool(s.audience),
                    "verify_iss": bool(s.issuer),
                },
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidToken("token expired") from exc
        except jwt.ImmatureSignatureError as exc:
            raise InvalidToken("token not yet valid") from exc
        except jwt.InvalidAudienceError as exc:
            raise InvalidToken("wrong audience") from exc
        except jwt.InvalidIssuerError as exc:
            raise InvalidToken("wrong issuer") from exc
        except jwt.MissingRequiredClaimError as exc:
            raise InvalidToken(f"missing claim {exc.claim!r}") from exc
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise InvalidToken("invalid token") from exc


def scopes_of(claims: Mapping) -> frozenset[str]:
    """Scopes from the space-separated `scope` claim, or an `scp` list (or string)."""
    found: set[str] = set()
    scope = claims.get("scope")
    if isinstance(scope, str):
        found.update(scope.split())
    scp = claims.get("scp")
    if isinstance(scp, str):
        found.update(scp.split())
    elif isinstance(scp, list):
        found.update(s for s in scp if isinstance(s, str))
    return frozenset(found)
