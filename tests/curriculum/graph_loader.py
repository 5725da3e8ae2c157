"""TEST HELPER writing packages and users exactly per docs/graph-model.md, in batches.

Used only where the seed loader cannot serve the tests (see ``loading.py``):
the 100,000-item chain, which the seed loader's single transaction per
package cannot hold. Replace it by the seed loader once that can; the tests
call it only through ``loading``.

Completions are written straight as ``COMPLETED`` projections (the Caliper
ingestion is separate work), one per (person, item, application), keeping the
earliest time, as the model says.
"""

from __future__ import annotations

import re
import uuid
from functools import cache
from pathlib import Path

from app.cypher import query as app_query

HERE = Path(__file__).resolve().parent / "cypher"
BATCH = 10_000


@cache
def _query(name: str) -> str:
    return (HERE / f"{name}.cypher").read_text(encoding="utf-8")


def type_label(type_code: str) -> str:
    """``learning objective`` → ``LearningObjective`` (letters and digits only)."""
    return "".join(word.capitalize() for word in re.findall(r"[A-Za-z0-9]+", type_code))


def _run(driver, name: str, key: str, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        driver.execute_query(_query(name), {key: rows[start : start + BATCH]})


def load_case_package(driver, package: dict) -> None:
    """Write one CASE 1.0 package (CFDocument, CFItems, isChildOf associations)."""
    doc = package["CFDocument"]
    load_id = str(uuid.uuid4())
    document_id = doc["identifier"]
    document = {k: v for k, v in doc.items() if not isinstance(v, dict | list)}
    document["caption"] = doc.get("title")
    driver.execute_query(_query("document"), {"document": document})

    types = {
        t["identifier"]: t.get("typeCode")
        for t in package.get("CFDefinitions", {}).get("CFItemTypes", [])
    }
    items = []
    for item in package.get("CFItems", []):
        type_ref = item.get("CFItemTypeURI") or {}
        code = types.get(type_ref.get("identifier")) or item.get("CFItemType")
        type_code = code.lower() if code else None
        properties = {k: v for k, v in item.items() if not isinstance(v, dict | list)}
        properties.pop("CFItemType", None)
        properties.update(
            lastLoadId=load_id,
            typeCode=type_code,
            documentId=document_id,
            caption=item.get("humanCodingScheme") or item.get("fullStatement"),
        )
        labels = ["CFItem"] + ([type_label(type_code)] if type_code else [])
        items.append({"identifier": item["identifier"], "properties": properties, "labels": labels})
    _run(driver, "items", "items", items)

    edges = [
        {
            "identifier": a["identifier"],
            "child": a["originNodeURI"]["identifier"],
            "parent": a["destinationNodeURI"]["identifier"],
            "sequenceNumber": a.get("sequenceNumber"),
            "documentId": document_id,
        }
        for a in package.get("CFAssociations", [])
        if a.get("associationType") == "isChildOf"
    ]
    _run(driver, "child_of", "edges", edges)
    # Every load that changes the curriculum bumps its version (docs/graph-model.md).
    driver.execute_query(app_query("curriculum/load_bump_version"))


def load_users(driver, users: list[dict]) -> None:
    """Write OneRoster users as ``:Person`` (``:User`` when registered, ``:Student``)."""
    people = []
    for user in users:
        registered = user.get("status") != "tobedeleted"
        role = user.get("role")
        labels = ["Person"]
        if registered:
            labels.append("User")
            if role == "student":
                labels.append("Student")
        properties = {
            "givenName": user.get("givenName"),
            "familyName": user.get("familyName"),
            "email": user.get("email"),
            "username": user.get("username"),
            "role": role,
            "roles": [role] if role else [],
            "status": user.get("status"),
            "registered": registered,
        }
        people.append({"sourcedId": user["sourcedId"], "properties": properties, "labels": labels})
    _run(driver, "people", "people", people)


def complete(
    driver,
    student: str,
    item: str,
    at: str,
    application: str = "",
) -> None:
    """Record that ``student`` completed ``item`` at ``at`` (ISO 8601) in ``application``."""
    complete_many(driver, [(student, item, at, application)])


def complete_many(driver, completions: list[tuple[str, str, str, str]]) -> None:
    rows = [
        {
            "sourcedId": student,
            "identifier": item,
            "completedAt": at,
            "applicationId": application,
            "eventId": f"urn:uuid:{uuid.uuid4()}",
        }
        for student, item, at, application in completions
    ]
    _run(driver, "completed", "completions", rows)
