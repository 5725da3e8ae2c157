"""GET .../documents/{documentId}/courses[/{courseId}] against the real Neo4j."""

import pytest

from tests.curriculum.builders import CasePackage, new_id


def courses_path(document: str) -> str:
    return f"/curriculum/1.0/documents/{document}/courses"


@pytest.fixture
def framework(load):
    """A document with two courses (one with a tree), a program, and another document."""
    package = CasePackage(title="Mathematics")
    algebra = package.item(
        "course",
        parent=package.identifier,
        sequence=2,
        coding="MATH-2",
        statement="Algebra",
        abbreviated="Alg",
    )
    arithmetic = package.item(
        "course", parent=package.identifier, sequence=1, coding="MATH-1", statement="Arithmetic"
    )
    unit = package.item("unit", parent=algebra, sequence=1, coding="MATH-2.1", statement="Unit 1")
    lesson = package.item("lesson", parent=unit, sequence=1, statement="Lesson 1")
    program = package.item("program", parent=package.identifier, sequence=3)
    untyped = package.item(None, parent=package.identifier, sequence=4)
    load.package(package)

    other = CasePackage(title="Science")
    biology = other.item("course", parent=other.identifier, coding="SCI-1", statement="Biology")
    load.package(other)
    return {
        "document": package.identifier,
        "algebra": algebra,
        "arithmetic": arithmetic,
        "unit": unit,
        "lesson": lesson,
        "program": program,
        "untyped": untyped,
        "other_document": other.identifier,
        "biology": biology,
    }


def test_a_documents_courses_in_coding_scheme_order(get, framework):
    response = get(courses_path(framework["document"]))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-cache"
    assert response.json == {
        "courses": [
            {
                "cfItemId": framework["arithmetic"],
                "typeCode": "course",
                "humanCodingScheme": "MATH-1",
                "fullStatement": "Arithmetic",
                "abbreviatedStatement": None,
            },
            {
                "cfItemId": framework["algebra"],
                "typeCode": "course",
                "humanCodingScheme": "MATH-2",
                "fullStatement": "Algebra",
                "abbreviatedStatement": "Alg",
            },
        ]
    }


def test_a_document_without_courses_has_an_empty_list(get, load):
    package = CasePackage()
    package.item("lesson", parent=package.identifier)
    load.package(package)
    assert get(courses_path(package.identifier)).json == {"courses": []}


def test_an_unknown_document_is_404(get, graph):
    document = new_id()
    response = get(courses_path(document))
    assert response.status_code == 404
    assert response.json["imsx_description"] == f"No CFDocument with identifier {document}."
    field = response.json["imsx_CodeMinor"]["imsx_codeMinorField"][0]
    assert field == {
        "imsx_codeMinorFieldName": "documentId",
        "imsx_codeMinorFieldValue": "unknownobject",
    }


def test_the_course_tree_with_statements(get, framework):
    response = get(courses_path(framework["document"]) + f"/{framework['algebra']}")
    assert response.status_code == 200
    assert response.json == {
        "cfItemId": framework["algebra"],
        "typeCode": "course",
        "humanCodingScheme": "MATH-2",
        "fullStatement": "Algebra",
        "abbreviatedStatement": "Alg",
        "children": [
            {
                "cfItemId": framework["unit"],
                "typeCode": "unit",
                "humanCodingScheme": "MATH-2.1",
                "fullStatement": "Unit 1",
                "abbreviatedStatement": None,
                "children": [
                    {
                        "cfItemId": framework["lesson"],
                        "typeCode": "lesson",
                        "humanCodingScheme": None,
                        "fullStatement": "Lesson 1",
                        "abbreviatedStatement": None,
                        "children": [],
                    }
                ],
            }
        ],
    }


def test_the_course_tree_answers_304_to_its_etag(get, framework):
    path = courses_path(framework["document"]) + f"/{framework['algebra']}"
    etag = get(path).headers["ETag"]
    assert get(path, headers={"If-None-Match": etag}).status_code == 304


@pytest.mark.parametrize(
    ("document", "course", "field", "description"),
    [
        ("missing", "algebra", "documentId", "No CFDocument with identifier {document}."),
        ("document", "missing", "courseId", "No CFItem with identifier {course}."),
        (
            "document",
            "program",
            "courseId",
            "The CFItem {course} is not a course (its typeCode is 'program').",
        ),
        (
            "document",
            "untyped",
            "courseId",
            "The CFItem {course} is not a course (it has no typeCode).",
        ),
        (
            "document",
            "biology",
            "courseId",
            "The course {course} is not in the CFDocument {document}.",
        ),
        (
            "other_document",
            "algebra",
            "courseId",
            "The course {course} is not in the CFDocument {document}.",
        ),
    ],
)
def test_each_missing_thing_has_its_own_404(get, framework, document, course, field, description):
    document_id = framework.get(document) or new_id()
    course_id = framework.get(course) or new_id()
    response = get(courses_path(document_id) + f"/{course_id}")
    assert response.status_code == 404
    assert response.json["imsx_description"] == description.format(
        document=document_id, course=course_id
    )
    assert response.json["imsx_CodeMinor"]["imsx_codeMinorField"] == [
        {"imsx_codeMinorFieldName": field, "imsx_codeMinorFieldValue": "unknownobject"}
    ]
