"""Every error of the curriculum endpoints, each in the IMS envelope."""

import pytest

from app import create_app
from tests.conftest import app_config
from tests.curriculum.builders import CasePackage, new_id
from tests.curriculum.conftest import bearer, make_token, progress_path

COURSE = "5ef7ba25-fff5-11ed-bfbf-0e2145d6cfdf"
STUDENT = "abc0d677-0070-4996-85b1-271c4f5feb73"
DOCUMENT = "c5fb7ab8-0c80-4b1e-8a3a-7f2f3c2d9a10"


def envelope(description: str, minor: str, *fields: str) -> dict:
    return {
        "imsx_codeMajor": "failure",
        "imsx_severity": "error",
        "imsx_description": description,
        "imsx_CodeMinor": {
            "imsx_codeMinorField": [
                {"imsx_codeMinorFieldName": f, "imsx_codeMinorFieldValue": minor}
                for f in fields or ("TargetEndSystem",)
            ]
        },
    }


def fields_of(response) -> list[str]:
    return [
        f["imsx_codeMinorFieldName"] for f in response.json["imsx_CodeMinor"]["imsx_codeMinorField"]
    ]


class TestInvalidData:
    @pytest.mark.parametrize(
        ("path", "fields"),
        [
            (progress_path("not-a-uuid", STUDENT), ["courseId"]),
            (progress_path(COURSE, "user-student-001"), ["studentId"]),
            (progress_path("1", "2"), ["courseId", "studentId"]),
            # Forms uuid.UUID would accept are not the 8-4-4-4-12 form of the contract.
            (progress_path(COURSE.replace("-", ""), STUDENT), ["courseId"]),
            (progress_path("{" + COURSE + "}", STUDENT), ["courseId"]),
            (progress_path(f"urn:uuid:{COURSE}", STUDENT), ["courseId"]),
            (progress_path(COURSE, STUDENT) + "?applicationId=nope", ["applicationId"]),
            (progress_path(COURSE, STUDENT) + "?applicationId=", ["applicationId"]),
            (progress_path(COURSE, STUDENT) + "?page=2", ["page"]),
            (
                progress_path(COURSE, STUDENT) + f"?applicationId={COURSE}&applicationId={STUDENT}",
                ["applicationId"],
            ),
            (progress_path(COURSE, STUDENT) + "?applicationid=" + COURSE, ["applicationid"]),
            ("/curriculum/1.0/documents/x/courses", ["documentId"]),
            (f"/curriculum/1.0/documents/{DOCUMENT}/courses?limit=5", ["limit"]),
            (f"/curriculum/1.0/documents/{DOCUMENT}/courses/x", ["courseId"]),
            (f"/curriculum/1.0/documents/x/courses/{COURSE}", ["documentId"]),
            (f"/curriculum/1.0/documents/{DOCUMENT}/courses/{COURSE}?sort=x", ["sort"]),
        ],
    )
    def test_bad_values_are_400_naming_the_field(self, get, path, fields):
        response = get(path)
        assert response.status_code == 400
        assert response.json["imsx_codeMajor"] == "failure"
        assert response.json["imsx_severity"] == "error"
        assert sorted(fields_of(response)) == sorted(fields)
        assert {
            f["imsx_codeMinorFieldValue"]
            for f in response.json["imsx_CodeMinor"]["imsx_codeMinorField"]
        } == {"invaliddata"}
        for field in fields:
            assert field in response.json["imsx_description"]

    def test_an_uppercase_uuid_is_valid(self, get, graph):
        # Valid syntax, so the answer is about existence, not form.
        assert get(progress_path(COURSE.upper(), STUDENT)).status_code == 404

    def test_the_envelope_exactly(self, get):
        response = get(progress_path("nope", STUDENT))
        assert response.json == envelope(
            "Invalid request: courseId: Not a valid UUID.", "invaliddata", "courseId"
        )


class TestNotFound:
    @pytest.fixture
    def course(self, load):
        package = CasePackage()
        course = package.item("course", parent=package.identifier)
        section = package.item("section", parent=course)
        load.package(package)
        return course, section

    def test_no_such_course(self, get, load):
        student = load.student()
        course = new_id()
        response = get(progress_path(course, student))
        assert response.status_code == 404
        assert response.json == envelope(
            f"No CFItem with identifier {course}.", "unknownobject", "courseId"
        )

    def test_the_item_is_not_a_course(self, get, load, course):
        _, section = course
        response = get(progress_path(section, load.student()))
        assert response.status_code == 404
        assert response.json == envelope(
            f"The CFItem {section} is not a course (its typeCode is 'section').",
            "unknownobject",
            "courseId",
        )

    def test_no_such_student(self, get, course):
        student = new_id()
        response = get(progress_path(course[0], student))
        assert response.status_code == 404
        assert response.json == envelope(
            f"No registered OneRoster user with sourcedId {student}.",
            "unknownobject",
            "studentId",
        )

    def test_a_user_marked_tobedeleted_is_not_registered(self, get, load, course):
        student = load.student(status="tobedeleted")
        response = get(progress_path(course[0], student))
        assert response.status_code == 404
        assert fields_of(response) == ["studentId"]

    def test_a_registered_teacher_is_a_registered_user(self, get, load, course):
        # The contract asks for a registered OneRoster user, not a role.
        assert get(progress_path(course[0], load.student(role="teacher"))).status_code == 200

    def test_an_unknown_route_under_the_prefix(self, get):
        response = get("/curriculum/1.0/courses")
        assert response.status_code == 404
        assert fields_of(response) == ["TargetEndSystem"]
        assert (
            response.json["imsx_CodeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"]
            == "unknownobject"
        )


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_other_methods_are_405_with_allow(client, read_headers, method):
    response = getattr(client, method)(progress_path(COURSE, STUDENT), headers=read_headers)
    assert response.status_code == 405
    assert set(response.headers["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}
    assert response.json["imsx_codeMajor"] == "failure"


def test_405_on_the_document_endpoints_too(client, read_headers):
    response = client.post(f"/curriculum/1.0/documents/{DOCUMENT}/courses", headers=read_headers)
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]


@pytest.fixture(scope="module")
def unreachable(neo4j_server):
    # Port 9 (discard) on loopback: nothing listens, so the connection is refused.
    return create_app(
        app_config(
            neo4j_server,
            NEO4J_URI="bolt://127.0.0.1:9",
            NEO4J_CONNECTION_TIMEOUT=1.0,
            NEO4J_MAX_RETRY_TIME=0.5,
        )
    )


@pytest.mark.parametrize(
    "path",
    [
        progress_path(COURSE, STUDENT),
        f"/curriculum/1.0/documents/{DOCUMENT}/courses",
        f"/curriculum/1.0/documents/{DOCUMENT}/courses/{COURSE}",
    ],
)
def test_neo4j_unreachable_is_503_with_retry_after(unreachable, path):
    response = unreachable.test_client().get(path, headers=bearer(make_token()))
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    assert response.json == envelope(
        "The curriculum database is unavailable; retry shortly.", "server_busy"
    )


def test_authentication_comes_before_validation(client):
    # No token: 401, even though the path is invalid too.
    assert client.get(progress_path("nope", "nope")).status_code == 401
