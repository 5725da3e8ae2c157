"""Where loader input comes from: files, directories of files, http(s) URLs."""

import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from seed.problems import InputError, Problem

URL_TIMEOUT = 30.0  # seconds; a CASE server that does not answer must not hang the CLI
MAX_URL_BYTES = 512 * 1024 * 1024


@dataclass
class Inputs:
    """The files (or URLs) to read, and what was passed over in directories, with why."""

    sources: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def expand(paths: list[str], suffixes: tuple[str, ...], allow_urls: bool = False) -> Inputs:
    """Each path as given; a directory becomes its files with a matching suffix, sorted."""
    inputs = Inputs()
    for raw in paths:
        if is_url(raw):
            if not allow_urls:
                raise InputError([Problem(f"{raw}: URLs are not accepted here", [])])
            inputs.sources.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.lower().endswith(suffixes):
                    inputs.sources.append(str(child))
                elif not child.name.startswith("."):
                    reason = f"not {'/'.join(suffixes)}"
                    inputs.skipped[reason] = inputs.skipped.get(reason, 0) + 1
        elif path.is_file():
            inputs.sources.append(str(path))
        else:
            raise InputError([Problem(f"{raw}: no such file or directory", [])])
    return inputs


def read_bytes(source: str, timeout: float = URL_TIMEOUT) -> bytes:
    if not is_url(source):
        try:
            return Path(source).read_bytes()
        except OSError as error:
            raise InputError([Problem(f"{source}: cannot read ({error.strerror})", [])]) from None
    request = urllib.request.Request(  # noqa: S310 (scheme checked by is_url)
        source, headers={"Accept": "application/json", "User-Agent": "scp-seed/0.1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            body = response.read(MAX_URL_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise InputError([Problem(f"{source}: HTTP {error.code} {error.reason}", [])]) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise InputError(
            [Problem(f"{source}: cannot fetch within {timeout:g}s ({reason})", [])]
        ) from None
    if len(body) > MAX_URL_BYTES:
        raise InputError([Problem(f"{source}: larger than {MAX_URL_BYTES} bytes", [])])
    return body


def parse_json(data: bytes | str, source: str) -> object:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as error:
        raise InputError([Problem(f"{source}: malformed JSON ({error})", [])]) from None


def read_json(source: str, timeout: float = URL_TIMEOUT) -> object:
    return parse_json(read_bytes(source, timeout), source)
