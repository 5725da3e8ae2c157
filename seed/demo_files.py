"""Write a generated demo as the files a real exchange would carry."""

import csv
import re
from pathlib import Path

import orjson

from seed.demo import CALIPER_CONTEXT, Demo

USERS_COLUMNS = [
    "sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role",
    "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email",
    "sms", "phone", "agentSourcedIds", "grades", "password",
]  # OneRoster 1.1 users.csv, in the specification's column order  # fmt: skip
EVENTS_PER_ENVELOPE = 1000


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


def write(demo: Demo, out: Path) -> dict[str, Path]:
    """Write case/*.json, oneroster/users.csv, caliper/*.json under ``out``; their folders."""
    folders = {name: out / name for name in ("case", "oneroster", "caliper")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    for package in demo.packages:
        name = slug(package["CFDocument"]["title"]) + ".json"
        (folders["case"] / name).write_bytes(orjson.dumps(package, option=orjson.OPT_INDENT_2))
    # newline="" so that csv writes the CRLF line ends the OneRoster CSV binding uses.
    with (folders["oneroster"] / "users.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=USERS_COLUMNS)
        writer.writeheader()
        writer.writerows(demo.users)
    for app in demo.apps:
        events = [e for e in demo.events if e["edApp"]["id"] == f"urn:uuid:{app['id']}"]
        for number, start in enumerate(range(0, len(events), EVENTS_PER_ENVELOPE), start=1):
            chunk = events[start : start + EVENTS_PER_ENVELOPE]
            envelope = {
                "sensor": f"urn:uuid:{app['id']}",
                "sendTime": chunk[-1]["eventTime"],
                "dataVersion": CALIPER_CONTEXT,
                "data": chunk,
            }
            path = folders["caliper"] / f"{slug(app['name'])}-{number:04d}.json"
            path.write_bytes(orjson.dumps(envelope, option=orjson.OPT_INDENT_2))
    return folders
