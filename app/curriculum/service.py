"""The use cases: read, say precisely what was not found, assemble the tree."""

from __future__ import annotations

import logging

from app.curriculum import repository
from app.curriculum.tree import TreeTooLarge, build_tree, course_node, course_order, progress_node
from app.errors import ApiError

log = logging.getLogger(__name__)


def _no_course(course_id: str) -> ApiError:
    return ApiError(404, f"No CFItem with identifier {course_id}.", ["courseId"])


def _not_a_course(course_id: str, type_code: str | None) -> ApiError:
    kind = f"its typeCode is '{type_code}'" if type_code else "it has no typeCode"
    return ApiError(404, f"The CFItem {course_id} is not a course ({kind}).", ["courseId"])


def _no_document(document_id: str) -> ApiError:
    return ApiError(404, f"No CFDocument with identifier {document_id}.", ["documentId"])


def check_progress_found(
    course_id: str,
    student_id: str,
    course_found: bool,
    course_type_code: str | None,
    student_registered: bool,
) -> None:
    """The progress endpoint's 404s, in the order the contract checks them."""
    if not course_found:
        raise _no_course(course_id)
    if course_type_code != "course":
        raise _not_a_course(course_id, course_type_code)
    if not student_registered:
        raise ApiError(
            404, f"No registered OneRoster user with sourcedId {student_id}.", ["studentId"]
        )


def assemble(items: list[dict], root: str, node=progress_node) -> dict:
    try:
        tree = build_tree(items, root, node)
    except TreeTooLarge as exc:
        log.warning("refused to expand: %s", exc)
        raise ApiError(
            500, "The course tree is too large to expand: too many items with several parents."
        ) from exc
    if tree is None:  # the course matched, so its own row is always there
        raise RuntimeError(f"course {root} missing from its own subtree")
    return tree


def student_progress(course_id: str, student_id: str, application_id: str | None) -> dict:
    """The course's tree, each item marked with the student's earliest completion."""
    found = repository.progress_rows(course_id, student_id, application_id)
    check_progress_found(
        course_id,
        student_id,
        found.course_found,
        found.course_type_code,
        found.student_registered,
    )
    return assemble(found.items, course_id, progress_node)


def course_tree(document_id: str, course_id: str) -> dict:
    """The course's tree without progress, when it is a course of that document."""
    found = repository.course_rows(document_id, course_id)
    if not found.document_found:
        raise _no_document(document_id)
    if not found.course_found:
        raise _no_course(course_id)
    if found.course_type_code != "course":
        raise _not_a_course(course_id, found.course_type_code)
    if found.course_document_id != document_id:
        raise ApiError(
            404,
            f"The course {course_id} is not in the CFDocument {document_id}.",
            ["courseId"],
        )
    return assemble(found.items, course_id, course_node)


def courses_of(document_id: str) -> dict:
    """The document's courses, in a stable order."""
    found = repository.document_courses(document_id)
    if not found.document_found:
        raise _no_document(document_id)
    return {"courses": [course_node(row) for row in sorted(found.courses, key=course_order)]}
