"""The fast argument parse accepts only what the schemas accept, with the same values."""

import marshmallow as ma
import pytest
from flask import Flask, request

from app.curriculum.fastargs import progress_arguments
from app.curriculum.schemas import ProgressPathSchema, ProgressQuerySchema

A = "5ef7ba25-fff5-11ed-bfbf-0e2145d6cfdf"
B = "ABC0D677-0070-4996-85b1-271c4f5feb73"

CASES = [
    ({"courseId": A, "studentId": B}, ""),
    ({"courseId": A, "studentId": B}, f"applicationId={A}"),
    ({"courseId": A, "studentId": B}, f"applicationId={A}&applicationId={B}"),
    ({"courseId": A, "studentId": B}, "applicationId="),
    ({"courseId": A, "studentId": B}, "applicationId=nope"),
    ({"courseId": A, "studentId": B}, f"applicationid={A}"),
    ({"courseId": A, "studentId": B}, f"applicationId={A}&page=2"),
    ({"courseId": A, "studentId": B}, "page=2"),
    ({"courseId": A, "studentId": B}, f"applicationId={A}%0A"),
    ({"courseId": "x", "studentId": B}, ""),
    ({"courseId": A, "studentId": A.replace("-", "")}, ""),
    ({"courseId": "{" + A + "}", "studentId": B}, ""),
    ({"courseId": A + "\n", "studentId": B}, ""),
]


def schemas_parse(view_args: dict, args) -> tuple[dict, dict] | None:
    try:
        path = ProgressPathSchema().load(view_args)
        query = ProgressQuerySchema(unknown=ma.RAISE).load(args)
    except ma.ValidationError:
        return None
    return path, query


@pytest.mark.parametrize(("view_args", "query_string"), CASES)
def test_when_the_fast_parse_answers_it_answers_as_the_schemas(view_args, query_string):
    app = Flask(__name__)
    with app.test_request_context(f"/x?{query_string}"):
        fast = progress_arguments(dict(view_args))
        slow = schemas_parse(dict(view_args), request.args)
    # None defers to the schemas, which then answer (or refuse) themselves.
    assert fast is None or fast == slow


def test_the_plain_cases_take_the_fast_path():
    app = Flask(__name__)
    with app.test_request_context(f"/x?applicationId={A}"):
        assert progress_arguments({"courseId": A, "studentId": B}) == (
            {"course_id": A, "student_id": B},
            {"application_id": A},
        )
    with app.test_request_context("/x"):
        assert progress_arguments({"courseId": A, "studentId": B}) == (
            {"course_id": A, "student_id": B},
            {},
        )
