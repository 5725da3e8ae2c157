"""GET /curriculum/1.0/documents/{documentId}/courses[/{courseId}]."""

import marshmallow as ma
import orjson
from flask.views import MethodView
from flask_smorest import Blueprint

from app.auth import SECURITY, require_scope
from app.curriculum import service
from app.curriculum.gc_pause import gc_paused
from app.curriculum.http import (
    IF_NONE_MATCH,
    RESPONSE_HEADERS,
    error_docs,
    json_response,
    not_modified_doc,
)
from app.curriculum.jsontree import dump_tree
from app.curriculum.schemas import (
    CourseListSchema,
    CourseNodeSchema,
    DocumentCoursePathSchema,
    DocumentPathSchema,
    NoQuerySchema,
)

blp = Blueprint(
    "Curriculum",
    __name__,
    url_prefix="/curriculum/1.0",
    description="The courses of a CASE document and their curriculum trees.",
)

COURSE_EXAMPLE = {
    "cfItemId": "5ef7ba25-fff5-11ed-bfbf-0e2145d6cfdf",
    "typeCode": "course",
    "humanCodingScheme": "MATH-1",
    "fullStatement": "Mathematics 1",
    "abbreviatedStatement": "Math 1",
}


@blp.route("/documents/<documentId>/courses", parameters=[IF_NONE_MATCH])
class DocumentCourses(MethodView):
    decorators = [require_scope("CASE_READ_SCOPE")]

    @blp.doc(security=SECURITY)
    @blp.arguments(DocumentPathSchema, location="path", error_status_code=400)
    @blp.arguments(NoQuerySchema, location="query", unknown=ma.RAISE, error_status_code=400)
    @blp.response(
        200, CourseListSchema, headers=RESPONSE_HEADERS, example={"courses": [COURSE_EXAMPLE]}
    )
    @not_modified_doc(blp)
    @error_docs(blp, 400, 401, 403, 404, 500, 503)
    def get(self, path, _query, **_view_args):
        """The courses of a document

        The CFItems with typeCode `course` whose CFDocument is `documentId`,
        by humanCodingScheme (nulls last), fullStatement, then identifier.
        """
        courses = service.courses_of(path["document_id"])
        return json_response(orjson.dumps(CourseListSchema().dump(courses)))


@blp.route("/documents/<documentId>/courses/<courseId>", parameters=[IF_NONE_MATCH])
class DocumentCourse(MethodView):
    decorators = [require_scope("CASE_READ_SCOPE")]

    @blp.doc(security=SECURITY)
    @blp.arguments(DocumentCoursePathSchema, location="path", error_status_code=400)
    @blp.arguments(NoQuerySchema, location="query", unknown=ma.RAISE, error_status_code=400)
    @blp.response(
        200,
        CourseNodeSchema,
        headers=RESPONSE_HEADERS,
        example={**COURSE_EXAMPLE, "children": []},
    )
    @not_modified_doc(blp)
    @error_docs(blp, 400, 401, 403, 404, 500, 503)
    def get(self, path, _query, **_view_args):
        """A course's curriculum tree, without progress

        The course and every item below it through isChildOf, each with its
        statements and human coding scheme; children in the same order as
        the progress endpoint's.
        """
        with gc_paused():
            tree = service.course_tree(path["document_id"], path["course_id"])
            body = dump_tree(tree, CourseNodeSchema)
            del tree
        return json_response(body)
