"""Datasets built with `flask seed demo`: written as real documents, then loaded."""

import json
from dataclasses import dataclass, field
from pathlib import Path

from bench.instance import Instance


@dataclass
class Course:
    document_id: str
    course_id: str
    items: int
    students: list[str] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    apps: list[str] = field(default_factory=list)


def build(
    instance: Instance,
    out: Path,
    *,
    items: int,
    students: int,
    seed: int,
    courses: int = 1,
    apps: int = 3,
    completion_rate: float = 0.3,
) -> list[Course]:
    """Generate with `seed demo --out`, load with `seed case/users/events`; describe it."""
    folder = out / f"demo-{seed}"
    instance.flask(
        "seed",
        "demo",
        "--courses",
        str(courses),
        "--items",
        str(items),
        "--students",
        str(students),
        "--apps",
        str(apps),
        "--completion-rate",
        str(completion_rate),
        "--seed",
        str(seed),
        "--out",
        str(folder),
    )
    instance.flask("seed", "case", str(folder / "case"))
    instance.flask("seed", "users", str(folder / "oneroster"))
    if any((folder / "caliper").glob("*.json")):
        instance.flask("seed", "events", str(folder / "caliper"))
    return describe(folder)


def describe(folder: Path) -> list[Course]:
    student_ids = _students(folder / "oneroster" / "users.csv")
    app_ids = sorted(
        {
            json.loads(p.read_text())["sensor"].removeprefix("urn:uuid:")
            for p in (folder / "caliper").glob("*.json")
        }
    )
    courses = []
    for path in sorted((folder / "case").glob("*.json")):
        package = json.loads(path.read_text())
        codes = {
            d["identifier"]: d.get("typeCode")
            for d in package.get("CFDefinitions", {}).get("CFItemTypes", [])
        }
        items = package["CFItems"]

        def code(item, codes=codes):
            return codes.get((item.get("CFItemTypeURI") or {}).get("identifier"))

        course = next(i for i in items if code(i) == "course")
        courses.append(
            Course(
                document_id=package["CFDocument"]["identifier"],
                course_id=course["identifier"],
                items=len(items),
                students=student_ids,
                lessons=[i["identifier"] for i in items if code(i) == "lesson"],
                apps=app_ids,
            )
        )
    return courses


def _students(users_csv: Path) -> list[str]:
    import csv

    with users_csv.open(newline="", encoding="utf-8") as f:
        return [row["sourcedId"] for row in csv.DictReader(f) if row["role"] == "student"]
