"""The cached progress path: a version check per request, then cached structure and bodies.

Every request reads the current versions from Neo4j (``progress_versions``,
index seeks only), so no worker ever answers from a state older than what is
committed, whatever the other workers did. What those versions key:

- a course's body template (``template.py``), by (course, curriculum version,
  course lastLoadId), compiled from the progress path query run without a
  student, so the tree's shape has one source of truth;
- a student's body, by the template's key plus (student, application,
  completionsVersion, student lastLoadId); its strong ETag is a hash of that
  key, so a matching If-None-Match needs nothing but the check.

A value is only ever stored under the versions its own reads saw (each build
query reads its version before and after), never under the check's: a load or
an event committing in between makes a miss, not a stale entry.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

from app.curriculum import repository, service
from app.curriculum.gc_pause import gc_paused
from app.curriculum.lru import SizedLRU
from app.curriculum.template import BodyTemplate, compile_template

# Bumped when the body's format changes, so that no ETag from before still matches.
BODY_FORMAT = 1
# A build whose reads raced a commit is redone (it is rare); after this many, the
# last one is served as the uncached path would serve it, and kept nowhere.
ATTEMPTS = 3
_BODY_OVERHEAD = 200


@dataclass(frozen=True)
class Answer:
    body: bytes | None  # None: the client's If-None-Match holds (304)
    etag: str


class ProgressCache:
    def __init__(self, structure_bytes: int, body_bytes: int):
        self.templates: SizedLRU[BodyTemplate] = SizedLRU(structure_bytes)
        self.bodies: SizedLRU[bytes] = SizedLRU(body_bytes)


def init_app(app: Flask) -> None:
    cfg = app.config
    app.extensions["progress_cache"] = ProgressCache(
        cfg["PROGRESS_STRUCTURE_CACHE_MB"] * 2**20, cfg["PROGRESS_BODY_CACHE_MB"] * 2**20
    )


def _cache() -> ProgressCache:
    return current_app.extensions["progress_cache"]


def etag_of(key: tuple) -> str:
    return hashlib.blake2b(repr((BODY_FORMAT, key)).encode(), digest_size=16).hexdigest()


def progress(
    course_id: str,
    student_id: str,
    application_id: str | None,
    etag_matches: Callable[[str], bool],
) -> Answer:
    """The progress body and its ETag, or only the ETag when ``etag_matches`` it."""
    found = repository.progress_versions(course_id, student_id)
    service.check_progress_found(
        course_id,
        student_id,
        found.course_found,
        found.course_type_code,
        found.student_registered,
    )
    course_key = (course_id, found.curriculum_version, found.course_load_id)
    key = (
        course_key,
        (student_id, application_id, found.completions_version, found.student_load_id),
    )
    etag = etag_of(key)
    if etag_matches(etag):
        return Answer(None, etag)
    cache = _cache()
    body = cache.bodies.get(key)
    if body is not None:
        return Answer(body, etag)
    with gc_paused():
        template = _template(cache, course_id, course_key, student_id)
        completions = _completions(student_id, application_id)
        body = template.fill(completions.pairs)
    if not (template.stable and completions.stable):
        return Answer(body, hashlib.blake2b(body, digest_size=16).hexdigest())
    built = (
        (course_id, template.curriculum_version, template.course_load_id),
        (
            student_id,
            application_id,
            completions.completions_version,
            completions.student_load_id,
        ),
    )
    cache.bodies.put(built, body, len(body) + _BODY_OVERHEAD)
    return Answer(body, etag_of(built))


def _template(cache: ProgressCache, course_id: str, key: tuple, student_id: str) -> BodyTemplate:
    template = cache.templates.get(key)
    if template is not None:
        return template
    for _ in range(ATTEMPTS):
        rows = repository.course_structure(course_id)
        # The course may have changed since the check: answer for what is there now.
        service.check_progress_found(
            course_id, student_id, rows.course_found, rows.course_type_code, True
        )
        tree = service.assemble(rows.items, course_id)
        del rows.items[:]
        template = compile_template(
            tree, rows.curriculum_version, rows.course_load_id, stable=rows.stable
        )
        del tree
        if template.stable:
            built = (course_id, template.curriculum_version, template.course_load_id)
            cache.templates.put(built, template, template.size)
            return template
    return template


def _completions(student_id: str, application_id: str | None) -> repository.Completions:
    for _ in range(ATTEMPTS):
        completions = repository.student_completions(student_id, application_id)
        if completions.stable:
            break
    return completions
