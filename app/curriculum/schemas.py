"""The wire shapes: response nodes, path and query arguments. Wire names live here only."""

import marshmallow as ma
from marshmallow import fields, validate

from app.curriculum.tree import format_utc_millis

UUID_PATTERN = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
EXAMPLE_COURSE = "5ef7ba25-fff5-11ed-bfbf-0e2145d6cfdf"
EXAMPLE_STUDENT = "abc0d677-0070-4996-85b1-271c4f5feb73"
EXAMPLE_DOCUMENT = "c5fb7ab8-0c80-4b1e-8a3a-7f2f3c2d9a10"
EXAMPLE_APPLICATION = "0f5c9e77-5a1b-4a55-9d2e-3c1f6a8b7d42"


def uuid_string(description: str, example: str, **kwargs) -> fields.String:
    """A UUID in its 8-4-4-4-12 form, kept as the caller spelled it (identifiers are strings)."""
    return fields.String(
        validate=validate.Regexp(UUID_PATTERN, error="Not a valid UUID."),
        metadata={"format": "uuid", "description": description, "example": example},
        **kwargs,
    )


class UtcMillisDateTime(fields.DateTime):
    """ISO 8601 in UTC with milliseconds and ``Z``, e.g. ``2026-04-06T14:30:00.000Z``."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else format_utc_millis(value)


class ProgressNodeSchema(ma.Schema):
    """One curriculum item with the student's completion of it, and its children."""

    cf_item_id = fields.String(
        data_key="cfItemId",
        required=True,
        metadata={"format": "uuid", "description": "The CFItem identifier"},
    )
    type_code = fields.String(
        data_key="typeCode",
        required=True,
        allow_none=True,
        metadata={"description": "The item type code (course, section, topic, level, lesson)"},
    )
    completed = fields.Boolean(
        required=True, metadata={"description": "Whether the student has completed this item"}
    )
    completed_at = UtcMillisDateTime(
        data_key="completedAt",
        required=True,
        allow_none=True,
        metadata={
            "description": "The earliest completion (UTC, milliseconds), or null",
            "example": "2026-04-06T14:30:00.000Z",
        },
    )
    children = fields.List(
        fields.Nested(lambda: ProgressNodeSchema()),
        required=True,
        metadata={"description": "Child items, by sequenceNumber; [] for a leaf"},
    )


class CourseNodeSchema(ma.Schema):
    """One curriculum item of a course tree (no progress), and its children."""

    cf_item_id = fields.String(data_key="cfItemId", required=True, metadata={"format": "uuid"})
    type_code = fields.String(data_key="typeCode", required=True, allow_none=True)
    human_coding_scheme = fields.String(
        data_key="humanCodingScheme", required=True, allow_none=True
    )
    full_statement = fields.String(data_key="fullStatement", required=True, allow_none=True)
    abbreviated_statement = fields.String(
        data_key="abbreviatedStatement", required=True, allow_none=True
    )
    children = fields.List(fields.Nested(lambda: CourseNodeSchema()), required=True)


class CourseSummarySchema(ma.Schema):
    """A course of a document."""

    cf_item_id = fields.String(data_key="cfItemId", required=True, metadata={"format": "uuid"})
    type_code = fields.String(data_key="typeCode", required=True)
    human_coding_scheme = fields.String(
        data_key="humanCodingScheme", required=True, allow_none=True
    )
    full_statement = fields.String(data_key="fullStatement", required=True, allow_none=True)
    abbreviated_statement = fields.String(
        data_key="abbreviatedStatement", required=True, allow_none=True
    )


class CourseListSchema(ma.Schema):
    courses = fields.List(
        fields.Nested(CourseSummarySchema),
        required=True,
        metadata={"description": "By humanCodingScheme (nulls last), fullStatement, identifier"},
    )


class NoQuerySchema(ma.Schema):
    """No query parameters: any one given is refused (400), as is any given twice."""

    class Meta:
        unknown = ma.RAISE

    @ma.pre_load
    def _each_once(self, data, **kwargs):
        # webargs hands over the query string as a multidict proxy; a repeated
        # parameter would otherwise be read as its first value, silently.
        getlist = getattr(data, "getlist", None)
        repeated = sorted(k for k in data if len(getlist(k)) > 1) if getlist else []
        if repeated:
            raise ma.ValidationError({k: ["Given more than once."] for k in repeated})
        return data


class ProgressQuerySchema(NoQuerySchema):
    application_id = uuid_string(
        "Count only completions reported by this learning application",
        EXAMPLE_APPLICATION,
        data_key="applicationId",
    )


class ProgressPathSchema(ma.Schema):
    course_id = uuid_string(
        "CFItem identifier of the course", EXAMPLE_COURSE, data_key="courseId", required=True
    )
    student_id = uuid_string(
        "OneRoster user sourcedId of the student",
        EXAMPLE_STUDENT,
        data_key="studentId",
        required=True,
    )


class DocumentPathSchema(ma.Schema):
    document_id = uuid_string(
        "CFDocument identifier", EXAMPLE_DOCUMENT, data_key="documentId", required=True
    )


class DocumentCoursePathSchema(DocumentPathSchema):
    course_id = uuid_string(
        "CFItem identifier of the course", EXAMPLE_COURSE, data_key="courseId", required=True
    )
