"""A demo curriculum, roster and completion history as real CASE/OneRoster/Caliper data (pure).

Everything comes from one ``random.Random(seed)`` and a fixed start date, so a
seed always yields byte-identical documents.
"""

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import pairwise

CASE_BASE = "https://case.demo.example.org/ims/case/v1p0"
CALIPER_CONTEXT = "http://purl.imsglobal.org/ctx/caliper/v1p2"
START = datetime(2024, 9, 2, 8, 0, tzinfo=UTC)
LEVELS = ("course", "section", "topic", "level", "lesson")
SUBJECTS = [
    "Algebra I", "Biology", "World History", "Chemistry", "Geometry", "English Literature",
    "Physics", "Computer Science", "Statistics", "Earth Science", "Economics", "Spanish I",
]  # fmt: skip
WORDS = [
    "fractions", "ratios", "equations", "functions", "cells", "energy", "empires", "trade",
    "reactions", "atoms", "proofs", "triangles", "poetry", "narrative", "motion", "forces",
    "algorithms", "data", "probability", "climate", "markets", "grammar", "vectors", "maps",
]  # fmt: skip
VERBS = ["Exploring", "Practising", "Modelling", "Comparing", "Explaining", "Applying"]
GIVEN = ["Ada", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hiro", "Ines", "Jonas"]
FAMILY = ["Okafor", "Silva", "Nguyen", "Kowalski", "Haddad", "Larsen", "Moreau", "Tanaka"]
APPS = ["Lesson Player", "Practice Studio", "Quiz Lab", "Reading Room", "Lab Bench"]


@dataclass(frozen=True)
class DemoConfig:
    courses: int = 3
    items: int = 300  # about how many items each course has
    students: int = 50
    apps: int = 3
    completion_rate: float = 0.3  # mean share of a course's lessons a student completed
    seed: int = 1


@dataclass
class Demo:
    packages: list[dict] = field(default_factory=list)
    users: list[dict] = field(default_factory=list)  # OneRoster 1.1 users.csv rows
    apps: list[dict] = field(default_factory=list)  # {"id", "name"}
    events: list[dict] = field(default_factory=list)  # Caliper 1.2 AssignableEvents


class _Ids:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def __call__(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def generate(config: DemoConfig) -> Demo:
    rng = random.Random(config.seed)  # noqa: S311 (reproducible demo data, not secrets)
    new_id = _Ids(rng)
    demo = Demo()
    item_types = {code: new_id() for code in LEVELS}
    lessons_by_course = []
    for number in range(config.courses):
        package, lessons = _course(rng, new_id, number, config.items, item_types)
        demo.packages.append(package)
        lessons_by_course.append(lessons)
    demo.apps = [
        {"id": new_id(), "name": APPS[n] if n < len(APPS) else f"App {n + 1}"}
        for n in range(config.apps)
    ]
    school = new_id()
    for n in range(config.students):
        demo.users.append(_user(rng, new_id(), n, "student", school))
    for n in range(config.courses):
        demo.users.append(_user(rng, new_id(), n, "teacher", school))
    if demo.apps:
        for user in demo.users[: config.students]:
            for lessons in lessons_by_course:
                demo.events += _completions(rng, new_id, config, user, lessons, demo.apps)
    demo.events.sort(key=lambda e: (e["eventTime"], e["id"]))
    return demo


def _fanouts(rng: random.Random, mean: int, count: int) -> list[int]:
    low, high = max(1, mean - mean // 2), mean + mean // 2
    return [rng.randint(low, high) for _ in range(count)]


def _spread(rng: random.Random, budget: int, parents: int) -> list[int]:
    """``budget`` children over ``parents``, unevenly, each at least one."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(parents)]
    total = sum(weights)
    counts = [max(1, int(budget * w / total)) for w in weights]
    for _ in range(max(0, budget - sum(counts))):
        counts[rng.randrange(parents)] += 1
    return counts


def _course(rng, new_id, number: int, size: int, item_types: dict) -> tuple[dict, list[str]]:
    subject = SUBJECTS[number % len(SUBJECTS)]
    title = subject if number < len(SUBJECTS) else f"{subject} ({number // len(SUBJECTS) + 1})"
    doc_id = new_id()
    changed = (START - timedelta(days=30 + number)).isoformat()
    doc_link = {"title": title, "identifier": doc_id, "uri": f"{CASE_BASE}/CFDocuments/{doc_id}"}
    items: list[dict] = []
    associations: list[dict] = []
    children: dict[str, int] = {}
    links = {doc_id: doc_link}  # identifier -> the {title, identifier, uri} CASE links use

    def add_item(code: str, parent: str, hcs: str, statement: str, short: str | None) -> str:
        identifier = new_id()
        uri = f"{CASE_BASE}/CFItems/{identifier}"
        links[identifier] = {"title": short or statement, "identifier": identifier, "uri": uri}
        items.append(
            {
                "identifier": identifier,
                "uri": uri,
                "CFDocumentURI": doc_link,
                "fullStatement": statement,
                **({"abbreviatedStatement": short} if short else {}),
                "humanCodingScheme": hcs,
                "CFItemType": code.capitalize(),
                "CFItemTypeURI": {
                    "title": code.capitalize(),
                    "identifier": item_types[code],
                    "uri": f"{CASE_BASE}/CFItemTypes/{item_types[code]}",
                },
                "language": "en",
                "lastChangeDateTime": changed,
            }
        )
        link(identifier, parent)
        return identifier

    def link(child: str, parent: str, kind: str = "isChildOf") -> None:
        if kind == "isChildOf":
            children[parent] = sequence = children.get(parent, 0) + 1
        identifier = new_id()
        associations.append(
            {
                "identifier": identifier,
                "uri": f"{CASE_BASE}/CFAssociations/{identifier}",
                "CFDocumentURI": doc_link,
                "lastChangeDateTime": changed,
                "originNodeURI": links[child],
                "associationType": kind,
                "destinationNodeURI": links[parent],
                **({"sequenceNumber": sequence} if kind == "isChildOf" else {}),
            }
        )

    code = f"C{number + 1}"
    course = add_item("course", doc_id, code, f"{title}: the full course", title)
    # Four levels below the course; a fan-out of about size ** (1/4) per level
    # lands near ``size`` items, and the lessons are then topped up to it.
    mean = max(2, round(size**0.25))
    sections = []
    for s in range(_fanouts(rng, mean, 1)[0]):
        topic = rng.choice(WORDS).capitalize()
        sections.append(
            add_item("section", course, f"{code}.{s + 1}", f"Unit {s + 1}: {topic}", topic)
        )
    topics = []
    section_fans = _fanouts(rng, mean, len(sections))
    for s_index, (section, fan) in enumerate(zip(sections, section_fans, strict=True)):
        for t in range(fan):
            words = " and ".join(rng.sample(WORDS, 2))
            hcs = f"{code}.{s_index + 1}.{t + 1}"
            topics.append((add_item("topic", section, hcs, words.capitalize(), None), hcs))
    levels = []
    topic_fans = _fanouts(rng, max(2, mean // 2 + 1), len(topics))
    for (topic, hcs), fan in zip(topics, topic_fans, strict=True):
        for lv in range(fan):
            statement = f"Level {lv + 1}: {('Foundations', 'Practice', 'Mastery')[lv % 3]}"
            level_code = f"{hcs}.L{lv + 1}"
            levels.append((add_item("level", topic, level_code, statement, None), level_code))
    used = 1 + len(sections) + len(topics) + len(levels)
    lessons = []
    budget = max(len(levels), size - used)
    for (level, level_code), count in zip(levels, _spread(rng, budget, len(levels)), strict=True):
        for k in range(count):
            statement = f"{rng.choice(VERBS)} {rng.choice(WORDS)} ({k + 1})"
            lessons.append(add_item("lesson", level, f"{level_code}.{k + 1}", statement, None))
    # A few lessons also sit under a second level (one node, two CHILD_OF edges).
    for lesson in rng.sample(lessons, min(len(lessons), max(1, len(lessons) // 150))):
        link(lesson, rng.choice(levels)[0])
    for earlier, later in pairwise(sections):
        link(earlier, later, "precedes")
    external = new_id()  # a standard published elsewhere: a CFReference once loaded
    associations.append(
        {
            "identifier": new_id(),
            "CFDocumentURI": doc_link,
            "lastChangeDateTime": changed,
            "originNodeURI": links[course],
            "associationType": "exactMatchOf",
            "destinationNodeURI": {
                "title": f"State standard for {title}",
                "identifier": external,
                "uri": f"https://standards.demo.example.org/CFItems/{external}",
            },
        }
    )
    definitions = {
        "CFConcepts": [], "CFSubjects": [], "CFLicenses": [], "CFAssociationGroupings": [],
        "CFItemTypes": [
            {
                "identifier": type_id,
                "uri": f"{CASE_BASE}/CFItemTypes/{type_id}",
                "title": code_name.capitalize(),
                "description": f"A {code_name} of a demo course",
                "typeCode": code_name,
                "hierarchyCode": str(depth + 1),
                "lastChangeDateTime": changed,
            }
            for depth, (code_name, type_id) in enumerate(item_types.items())
        ],
    }  # fmt: skip
    document = {
        "identifier": doc_id,
        "uri": doc_link["uri"],
        "creator": "Demo Curriculum Office",
        "title": title,
        "lastChangeDateTime": changed,
        "adoptionStatus": "Adopted",
        "language": "en",
        "version": "1.0",
        "CFPackageURI": {**doc_link, "uri": f"{CASE_BASE}/CFPackages/{doc_id}"},
    }
    package = {
        "CFDocument": document,
        "CFItems": items,
        "CFAssociations": associations,
        "CFDefinitions": definitions,
    }
    return package, lessons


def _user(rng, sourced_id: str, n: int, role: str, school: str) -> dict:
    given, family = rng.choice(GIVEN), rng.choice(FAMILY)
    username = f"{given}.{family}{n + 1}".lower() if role == "student" else f"t.{family}{n}"
    return {
        "sourcedId": sourced_id,
        "status": "active",
        "dateLastModified": (START - timedelta(days=60)).date().isoformat(),
        "enabledUser": "TRUE",
        "orgSourcedIds": school,
        "role": role,
        "username": username.lower(),
        "userIds": "",
        "givenName": given,
        "familyName": family,
        "middleName": "",
        "identifier": f"{role[0].upper()}{n + 1:05d}",
        "email": f"{username.lower()}@demo.example.edu",
        "sms": "",
        "phone": "",
        "agentSourcedIds": "",
        "grades": "09",
        "password": "",
    }


def _completions(rng, new_id, config: DemoConfig, user: dict, lessons: list, apps: list):
    """A student works through a course roughly in order, in one or more apps."""
    rate = min(1.0, max(0.0, rng.gauss(config.completion_rate, config.completion_rate / 3)))
    reach = round(rate * len(lessons))
    favourite = rng.choice(apps)
    when = START + timedelta(days=rng.randint(0, 14), minutes=rng.randint(0, 600))
    events = []
    for lesson in lessons[:reach]:
        if rng.random() < 0.1:  # skipped, or done outside any app we hear from
            continue
        app = favourite if rng.random() < 0.7 else rng.choice(apps)
        when += timedelta(minutes=rng.randint(20, 900))
        events.append(_event(new_id(), user["sourcedId"], lesson, app["id"], when))
        if rng.random() < 0.05:  # done again later in another app: a second COMPLETED
            again = when + timedelta(days=rng.randint(1, 5))
            other = rng.choice(apps)["id"]
            events.append(_event(new_id(), user["sourcedId"], lesson, other, again))
    return events


def _event(event_id: str, actor: str, item: str, app: str, when: datetime) -> dict:
    return {
        "@context": CALIPER_CONTEXT,
        "id": f"urn:uuid:{event_id}",
        "type": "AssignableEvent",
        "profile": "AssignableProfile",
        "actor": {"id": f"urn:uuid:{actor}", "type": "Person"},
        "action": "Completed",
        "object": {"id": f"urn:uuid:{item}", "type": "AssignableDigitalResource"},
        "eventTime": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "edApp": {"id": f"urn:uuid:{app}", "type": "SoftwareApplication"},
    }
