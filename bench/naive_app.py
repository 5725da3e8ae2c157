"""The naive alternative to the path query: the same tree, one query per level.

Served by the same app and stack as the service, under /naive/..., so the only
difference measured is how the tree is read from Neo4j.
"""

from flask import Flask, current_app

from app import create_app, db
from app.auth import authenticate
from app.curriculum.http import json_response
from app.curriculum.jsontree import dump_tree
from app.curriculum.schemas import ProgressNodeSchema
from app.curriculum.tree import child_order
from app.cypher import query


def naive_progress(course_id: str, student_id: str) -> dict:
    (head,) = db.read(query("bench/naive_course"), courseId=course_id, studentId=student_id)
    root = {
        "cf_item_id": head["identifier"],
        "type_code": head["typeCode"],
        "completed": False,
        "completed_at": None,
        "children": [],
    }
    nodes = {head["identifier"]: [root]}
    frontier = [head["identifier"]]
    while frontier:
        rows = db.read(query("bench/naive_level"), parentIds=frontier, studentId=student_id)
        by_parent: dict[str, list] = {}
        for row in rows:
            by_parent.setdefault(row["parentId"], []).append(row)
        frontier = []
        for parent_id, children in by_parent.items():
            children.sort(
                key=lambda r: child_order(
                    r["sequenceNumber"],
                    {"humanCodingScheme": r["humanCodingScheme"], "identifier": r["identifier"]},
                )
            )
            for row in children:
                node = {
                    "cf_item_id": row["identifier"],
                    "type_code": row["typeCode"],
                    "completed": row["completedAt"] is not None,
                    "completed_at": row["completedAt"].to_native()
                    if row["completedAt"] is not None
                    else None,
                    "children": [],
                }
                if row["identifier"] not in nodes:
                    frontier.append(row["identifier"])
                nodes.setdefault(row["identifier"], []).append(node)
                for parent in nodes[parent_id]:
                    parent["children"].append(node)
    return root


def create_naive_app() -> Flask:
    app = create_app()

    @app.get("/naive/curriculum/1.0/courses/<course_id>/students/<student_id>/progress")
    def naive(course_id: str, student_id: str):
        authenticate(current_app.config["CASE_READ_SCOPE"])
        return json_response(dump_tree(naive_progress(course_id, student_id), ProgressNodeSchema))

    return app
