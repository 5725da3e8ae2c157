"""OneRoster users (CSV 1.1/1.2 or REST JSON) as Person rows, checked (pure)."""

import csv
import io

from seed.problems import InputError, Problem, UniqueIds

# Every property the roster owns on a Person; missing ones are stored as null
# (removed), so a reload makes the node match the file. `password` is never kept.
FIELDS = (
    "givenName", "familyName", "middleName", "email", "username", "identifier",
    "role", "roles", "status", "enabledUser", "dateLastModified", "registered",
)  # fmt: skip
_STRINGS = ("sourcedId", "givenName", "familyName", "middleName", "email", "username")
_STRINGS += ("identifier", "status", "dateLastModified")
ROSTER_LABELS = frozenset({"User", "Student"})


def parse_users_csv(text: str, roles_csv: str | None = None) -> list[dict]:
    """The rows of a users.csv (CRLF or LF, empty fields absent), roles.csv merged in.

    OneRoster 1.2 moved roles out of users.csv into roles.csv; when a sibling
    roles.csv is given its rows add the user's roles (primary first).
    """
    users = [_clean(row) for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))]
    if roles_csv:
        roles: dict[str, list[dict]] = {}
        for row in csv.DictReader(io.StringIO(roles_csv.lstrip("\ufeff"), newline="")):
            row = _clean(row)
            if row.get("userSourcedId") and row.get("role"):
                roles.setdefault(row["userSourcedId"], []).append(row)
        for user in users:
            if user.get("sourcedId") in roles and "role" not in user:
                user["roles"] = roles[user["sourcedId"]]
    for user in users:
        if isinstance(user.get("enabledUser"), str):
            user["enabledUser"] = user["enabledUser"].strip().lower() == "true"
    return users


def _clean(row: dict) -> dict:
    return {
        k.strip(): v.strip()
        for k, v in row.items()
        if isinstance(k, str) and isinstance(v, str) and v.strip()
    }


def users_of_json(data: object) -> list:
    """The users of ``{"users": [...]}``, ``{"user": {...}}`` or a plain list."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if isinstance(data.get("users"), list):
            return data["users"]
        if isinstance(data.get("user"), dict):
            return [data["user"]]
        if "sourcedId" in data:
            return [data]
    raise InputError([Problem('expected {"users": [...]}, {"user": {...}} or a list', [])])


def person_rows(users: list) -> list[dict]:
    """Person properties per user, keyed by sourcedId; raise naming every bad user."""
    rows, wrong = [], {}
    ids = UniqueIds("users")
    for position, user in enumerate(users):
        sourced_id = ids.accept(position, user.get("sourcedId") if isinstance(user, dict) else None)
        if sourced_id is None:
            continue
        for name in _STRINGS:
            if user.get(name) is not None and not isinstance(user[name], str):
                wrong.setdefault(name, []).append(sourced_id)
        rows.append(person(user))
    problems = ids.problems("users without a sourcedId", "duplicate sourcedIds")
    problems += [Problem(f"users whose {n} is not a string", ids) for n, ids in wrong.items()]
    if problems:
        raise InputError(problems)
    return rows


def person(user: dict) -> dict:
    """The Person properties the graph model names, from one OneRoster user."""
    roles = _roles(user)
    status = user.get("status")
    status = status.strip().lower() if isinstance(status, str) and status.strip() else None
    enabled = user.get("enabledUser")
    if isinstance(enabled, str):
        enabled = enabled.strip().lower() == "true"
    props = {name: user.get(name) for name in FIELDS}
    props.update(
        sourcedId=user["sourcedId"],
        role=roles[0] if roles else None,
        roles=roles,
        status=status,
        enabledUser=enabled if isinstance(enabled, bool) else None,
        # OneRoster marks a user for deletion rather than dropping it at once.
        registered=status != "tobedeleted",
    )
    return props


def labels(props: dict) -> set[str]:
    """:User for a registered person, and :Student for a registered student."""
    if not props["registered"]:
        return set()
    return {"User", "Student"} if "student" in props["roles"] else {"User"}


def _roles(user: dict) -> list[str]:
    """Distinct role names, the primary one first (1.1 `role`, 1.2 `roles`)."""
    found: list[tuple[int, str]] = []
    if isinstance(user.get("role"), str) and user["role"].strip():
        found.append((0, user["role"]))
    entries = user.get("roles")
    if isinstance(entries, list):
        for entry in entries:
            if isinstance(entry, str):
                found.append((1, entry))
            elif isinstance(entry, dict) and isinstance(entry.get("role"), str):
                primary = str(entry.get("roleType", "")).lower() == "primary"
                found.append((0 if primary else 1, entry["role"]))
    result: list[str] = []
    for _, name in sorted(found, key=lambda pair: pair[0]):
        name = name.strip().lower()
        if name and name not in result:
            result.append(name)
    return result


def plan_people(
    rows: list[dict], current: dict[str, tuple[dict, list[str]]], load_id: str
) -> tuple[list[dict], dict[str, int]]:
    """The rows to write (only new or changed people) and created/updated/unchanged counts."""
    writes, counts = [], {"created": 0, "updated": 0, "unchanged": 0}
    for props in rows:
        stored = current.get(props["sourcedId"])
        wanted_labels = labels(props)
        stored_labels = set(stored[1]) & ROSTER_LABELS if stored else set()
        if stored:
            same = all(stored[0].get(k) == v for k, v in props.items())
            if same and stored_labels == wanted_labels:
                counts["unchanged"] += 1
                continue
        counts["updated" if stored else "created"] += 1
        writes.append(
            {
                "sourcedId": props["sourcedId"],
                # `SET p += props` with nulls removes what the file no longer says,
                # and leaves properties others own (completionsVersion) alone.
                "props": {**props, "lastLoadId": load_id},
                "addLabels": sorted(wanted_labels - stored_labels),
                "removeLabels": sorted(stored_labels - wanted_labels),
            }
        )
    return writes, counts
