"""Fuzz every operation of the service's own /openapi.json with schemathesis, in process.

Each operation is driven three ways: schema-valid requests (positive), requests
that break the schema in one place (negative), and, where the path names ids,
schema-valid requests at ids that exist in the seeded graph (so 200 bodies are
checked too). Every request carries a token with both scopes. Checks: no 5xx,
status codes, content types, headers and bodies as documented, schema-breaking
requests refused, and every error in the IMS envelope.

A longer run than CI's: ``python -m tests.security.fuzz --examples 2000`` (it
runs tests/security/test_fuzz_openapi.py with FUZZ_EXAMPLES and FUZZ_SEED set).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Examples per (operation, mode): 13 runs of 200 make CI's 2,600 requests, about a minute.
CI_EXAMPLES = 200
CI_SEED = 20261203  # fixed in CI so that a red run can be replayed; `make fuzz` draws one


def examples_from_env() -> int:
    return int(os.environ.get("FUZZ_EXAMPLES") or CI_EXAMPLES)


def seed_from_env() -> int:
    return int(os.environ.get("FUZZ_SEED") or CI_SEED)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
ENVELOPE_KEYS = {"imsx_codeMajor", "imsx_severity", "imsx_description", "imsx_CodeMinor"}


@dataclass
class Report:
    requests: int = 0
    seconds: float = 0.0
    statuses: Counter = field(default_factory=Counter)  # (operation, mode, status) -> n
    failures: dict[tuple[str, str, str], str] = field(default_factory=dict)  # key -> example
    failure_counts: Counter = field(default_factory=Counter)

    def fail(self, operation: str, mode: str, title: str, detail: str) -> None:
        key = (operation, mode, title)
        self.failure_counts[key] += 1
        self.failures.setdefault(key, detail)

    def summary(self) -> str:
        lines = [f"{self.requests} requests in {self.seconds:.1f}s"]
        lines += [f"  {n:6d}  {op} [{mode}] -> {status}" for (op, mode, status), n in sorted(
            self.statuses.items()
        )]  # fmt: skip
        for key, detail in self.failures.items():
            lines.append(f"FAILED {self.failure_counts[key]}x {key[0]} [{key[1]}]: {key[2]}")
            lines.append(detail)
        return "\n".join(lines)


def _is_envelope(content: bytes) -> bool:
    import orjson

    try:
        body = orjson.loads(content)
    except orjson.JSONDecodeError:
        return False
    return (
        isinstance(body, dict)
        and body.keys() >= ENVELOPE_KEYS
        and body["imsx_codeMajor"] == "failure"
        and isinstance(body["imsx_CodeMinor"], dict)
        and isinstance(body["imsx_CodeMinor"].get("imsx_codeMinorField"), list)
        and bool(body["imsx_CodeMinor"]["imsx_codeMinorField"])
    )


def _judge(report: Report, case, mode: str, authorization: str) -> None:
    operation = case.operation.label
    case.headers = {**(case.headers or {}), "Authorization": authorization}
    report.requests += 1
    try:
        response = case.call()
    except Exception as exc:  # a crash inside the WSGI app surfaces here
        report.fail(operation, mode, f"exception {type(exc).__name__}", repr(exc)[:2000])
        return
    status = response.status_code
    report.statuses[(operation, mode, status)] += 1
    try:
        case.validate_response(response, checks=CHECKS)
    except Exception as exc:
        for failure in getattr(exc, "exceptions", [exc]):
            title = getattr(failure, "title", type(failure).__name__)
            report.fail(operation, mode, title, str(exc)[:3000])
    if status >= 400 and not _is_envelope(response.content):
        report.fail(
            operation,
            mode,
            "error body is not the IMS envelope",
            f"{status}: {response.content[:500]!r}\n{case.as_curl_command()}",
        )


def _fuzzer(report: Report, strategy, label: str, authorization: str, examples: int, seed: int):
    @hypothesis_seed(seed)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(case=strategy)
    def fuzz(case):
        _judge(report, case, label, authorization)

    return fuzz


def run(
    app,
    authorization: str,
    real_ids: dict[str, str],
    examples: int = CI_EXAMPLES,
    seed: int = CI_SEED,
) -> Report:
    """Fuzz every operation of ``app``'s /openapi.json; ``real_ids`` maps path names to ids."""
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app)
    report = Report()
    started = time.perf_counter()
    for result in schema.get_all_operations():
        operation = result.ok()
        names = {p.name for p in operation.path_parameters}
        fixed = {name: value for name, value in real_ids.items() if name in names}
        modes: list[tuple[str, GenerationMode, dict | None]] = [
            ("positive", GenerationMode.POSITIVE, None),
            ("negative", GenerationMode.NEGATIVE, None),
        ]
        if fixed:
            modes.append(("real ids", GenerationMode.POSITIVE, fixed))
        for label, mode, path_parameters in modes:
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
            _fuzzer(report, strategy, label, authorization, examples, seed)()
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="per operation and mode")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (random if unset)")
    args = parser.parse_args(argv)
    import random

    import pytest

    os.environ["FUZZ_EXAMPLES"] = str(args.examples)
    os.environ["FUZZ_SEED"] = str(args.seed if args.seed is not None else random.getrandbits(32))
    print(f"fuzz: {args.examples} examples per operation and mode, seed {os.environ['FUZZ_SEED']}")
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "test_fuzz_openapi.py")
    return int(pytest.main([here, "-q", "-s", "-p", "no:cacheprovider"]))


if __name__ == "__main__":
    sys.exit(main())
