"""Caliper event files (envelope, list, single event, NDJSON) handed to the ingestion core.

Validation and writing are the ingestion core's (app.caliper.ingest), shared
with POST /events/1.0/, so a file and a request are judged the same way.
"""

from collections.abc import Iterator

import orjson

from app.caliper.ingest import ingest_document
from seed.problems import InputError, Problem
from seed.sources import read_bytes
from seed.summary import Summary

CHUNK = 1000  # events per document handed over: one transaction each, bounded in size


def documents(data: bytes, source: str) -> Iterator[object]:
    """The documents of one file, lists and envelopes cut into chunks of CHUNK events."""
    ndjson = source.lower().endswith((".ndjson", ".jsonl"))
    if not ndjson:
        try:
            yield from _chunks(orjson.loads(data))
            return
        except orjson.JSONDecodeError as error:
            lines = [line for line in data.splitlines() if line.strip()]
            if len(lines) < 2:
                raise InputError([Problem(f"{source}: malformed JSON ({error})", [])]) from None
    loose: list[object] = []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as error:
            raise InputError(
                [Problem(f"{source}: line {number} is not JSON ({error})", [])]
            ) from None
        if isinstance(value, dict) and "data" in value:
            yield from _chunks(value)
        else:
            loose.append(value)
    for start in range(0, len(loose), CHUNK):
        yield loose[start : start + CHUNK]


def _chunks(document: object) -> Iterator[object]:
    if isinstance(document, list):
        for start in range(0, max(len(document), 1), CHUNK):
            yield document[start : start + CHUNK]
    elif isinstance(document, dict) and isinstance(document.get("data"), list):
        data = document["data"]
        if len(data) <= CHUNK:
            yield document
            return
        # The same envelope (sensor, sendTime, dataVersion) around each slice.
        for start in range(0, len(data), CHUNK):
            yield {**document, "data": data[start : start + CHUNK]}
    else:
        yield document


def ingest_sources(sources: list[str], *, dry_run: bool = False) -> Summary:
    """Check every document (dry run) before writing any, then write them in order."""
    ingest = ingest_document
    parsed = [(source, list(documents(read_bytes(source), source))) for source in sources]
    passes = [True] if dry_run else [True, False]
    summary = Summary()
    for rehearsal in passes:
        summary = Summary()
        for source, docs in parsed:
            for doc in docs:
                try:
                    result = ingest(doc, dry_run=rehearsal)
                except InputError:
                    raise
                except Exception as error:  # the core's own error types are its business
                    details = getattr(error, "details", None) or []
                    ids = [str(d["id"]) for d in details if isinstance(d, dict) and d.get("id")]
                    raise InputError([Problem(f"{source}: {error}", ids)]) from error
                add_result(summary, result)
    return summary


def add_result(summary: Summary, result: object) -> None:
    """Fold the core's summary dict into ours: numbers summed, lists counted."""
    if not isinstance(result, dict):
        return
    for key, value in result.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, int):
            summary.add("events", str(key), value)
        elif isinstance(value, list | tuple):
            summary.add("events", str(key), len(value))
