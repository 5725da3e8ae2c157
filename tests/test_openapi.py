"""The OpenAPI document validates, documents the contract, and the docs page works offline."""

import re

import pytest
from openapi_spec_validator import validate

PROGRESS = "/curriculum/1.0/courses/{courseId}/students/{studentId}/progress"
COURSES = "/curriculum/1.0/documents/{documentId}/courses"
COURSE = "/curriculum/1.0/documents/{documentId}/courses/{courseId}"


@pytest.fixture(scope="module")
def spec(app):
    response = app.test_client().get("/openapi.json")
    assert response.status_code == 200
    return response.json


def test_the_spec_validates(spec):
    validate(spec)
    assert spec["openapi"].startswith("3.")


@pytest.mark.parametrize("path", [PROGRESS, COURSES, COURSE])
def test_each_endpoint_documents_security_errors_and_caching(spec, path):
    operation = spec["paths"][path]["get"]
    assert operation["security"] == [{"bearerAuth": []}]
    assert operation["summary"]
    responses = operation["responses"]
    assert {"200", "304", "400", "401", "403", "404", "503"} <= set(responses)
    assert "422" not in responses  # validation errors are answered as 400
    for status in ("400", "401", "403", "404", "503"):
        content = responses[status]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/ImsError"}
        assert content["example"]["imsx_codeMajor"] == "failure"
    assert "ETag" in responses["200"]["headers"]
    assert "Retry-After" in responses["503"]["headers"]
    assert "example" in responses["200"]["content"]["application/json"]
    names = {p["name"] for p in spec["paths"][path].get("parameters", [])}
    assert "If-None-Match" in names


def test_the_progress_parameters_are_uuids_with_descriptions(spec):
    parameters = {p["name"]: p for p in spec["paths"][PROGRESS]["get"]["parameters"]}
    assert set(parameters) == {"courseId", "studentId", "applicationId"}
    for name, where, required in [
        ("courseId", "path", True),
        ("studentId", "path", True),
        ("applicationId", "query", False),
    ]:
        parameter = parameters[name]
        assert parameter["in"] == where
        assert parameter["required"] is required
        assert parameter["description"]
        assert parameter["schema"]["format"] == "uuid"


def test_the_progress_node_is_recursive_with_exactly_the_contract_fields(spec):
    schemas = spec["components"]["schemas"]
    node = schemas["ProgressNode"]
    assert set(node["properties"]) == {
        "cfItemId",
        "typeCode",
        "completed",
        "completedAt",
        "children",
    }
    assert node["properties"]["children"]["items"] == {"$ref": "#/components/schemas/ProgressNode"}
    assert node["properties"]["completedAt"]["nullable"] is True
    assert node["properties"]["completedAt"]["format"] == "date-time"
    ok = spec["paths"][PROGRESS]["get"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/ProgressNode"}


def test_the_bearer_security_scheme(spec):
    scheme = spec["components"]["securitySchemes"]["bearerAuth"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"


def test_the_docs_page_and_its_assets_are_served_locally(app):
    client = app.test_client()
    page = client.get("/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
    }
    for asset in assets:
        # Offline: no CDN, every asset from this service.
        assert asset.startswith("/"), asset
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert len(response.data) > 1000
        response.close()
    assert "/openapi.json" in html
