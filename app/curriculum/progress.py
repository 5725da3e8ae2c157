"""GET /curriculum/1.0/courses/{courseId}/students/{studentId}/progress."""

import marshmallow as ma
from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import SECURITY, require_scope
from app.curriculum import cached, service
from app.curriculum.fastargs import fast_arguments, progress_arguments
from app.curriculum.gc_pause import gc_paused
from app.curriculum.http import (
    IF_NONE_MATCH,
    RESPONSE_HEADERS,
    error_docs,
    etag_matches,
    json_response,
    not_modified_doc,
)
from app.curriculum.jsontree import dump_tree
from app.curriculum.schemas import ProgressNodeSchema, ProgressPathSchema, ProgressQuerySchema

blp = Blueprint(
    "Progress",
    __name__,
    url_prefix="/curriculum/1.0",
    description="A student's completion of each item of a course's curriculum tree.",
)

EXAMPLE = {
    "cfItemId": "5ef7ba25-fff5-11ed-bfbf-0e2145d6cfdf",
    "typeCode": "course",
    "completed": False,
    "completedAt": None,
    "children": [
        {
            "cfItemId": "7d1c2f0a-3b4e-4c5d-8e9f-0a1b2c3d4e5f",
            "typeCode": "section",
            "completed": False,
            "completedAt": None,
            "children": [
                {
                    "cfItemId": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
                    "typeCode": "topic",
                    "completed": True,
                    "completedAt": "2026-04-06T14:30:00.000Z",
                    "children": [],
                }
            ],
        }
    ],
}


@blp.route(
    "/courses/<courseId>/students/<studentId>/progress",
    parameters=[IF_NONE_MATCH],
)
class StudentCourseProgress(MethodView):
    # Authentication runs before any argument is parsed: no token, no hints.
    decorators = [require_scope("CASE_READ_SCOPE")]

    @fast_arguments(progress_arguments)
    @blp.doc(security=SECURITY)
    @blp.arguments(ProgressPathSchema, location="path", error_status_code=400)
    @blp.arguments(ProgressQuerySchema, location="query", unknown=ma.RAISE, error_status_code=400)
    @blp.response(200, ProgressNodeSchema, headers=RESPONSE_HEADERS, example=EXAMPLE)
    @not_modified_doc(blp)
    @error_docs(blp, 400, 401, 403, 404, 500, 503)
    def get(self, path, query, **_view_args):
        """A student's progress through a course

        The course's curriculum tree (CFItems linked by isChildOf), every item
        marked with whether the student completed it and when: the earliest
        Completed AssignableEvent for that student and item, from any
        learning application or only from `applicationId`. Completion is per
        item; a parent is not completed because its children are. Children
        are ordered by sequenceNumber (nulls last), humanCodingScheme, then
        identifier; an item with several parents appears under each.
        """
        course_id, student_id = path["course_id"], path["student_id"]
        application_id = query.get("application_id")
        if current_app.config["PROGRESS_CACHE"] != "off":
            answer = cached.progress(course_id, student_id, application_id, etag_matches)
            return json_response(answer.body or b"", answer.etag)
        with gc_paused():
            tree = service.student_progress(course_id, student_id, application_id)
            body = dump_tree(tree, ProgressNodeSchema)
            del tree
        return json_response(body)
