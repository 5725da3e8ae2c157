"""Real CASE 1.0 packages and OneRoster users, built in code for the curriculum tests.

A package has what a CASE server's ``CFPackages`` answer has: ``CFDocument``,
``CFItems`` typed through ``CFItemTypeURI`` → ``CFDefinitions.CFItemTypes``
(whose ``typeCode`` the loader lower-cases), and ``isChildOf``
``CFAssociations`` with an integer ``sequenceNumber`` (or none).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

BASE = "https://case.example.org/ims/case/v1p0"
CHANGED = "2026-01-15T09:30:00+00:00"


def new_id() -> str:
    return str(uuid.uuid4())


def _link(kind: str, identifier: str, title: str) -> dict:
    return {"title": title, "identifier": identifier, "uri": f"{BASE}/{kind}/{identifier}"}


@dataclass
class CasePackage:
    """Grows a CASE package: ``item()`` adds a CFItem, ``child()`` an isChildOf."""

    title: str = "Test framework"
    identifier: str = field(default_factory=new_id)
    items: list[dict] = field(default_factory=list)
    associations: list[dict] = field(default_factory=list)
    item_types: dict[str, dict] = field(default_factory=dict)

    def _item_type(self, type_code: str) -> dict:
        if type_code not in self.item_types:
            identifier = new_id()
            # Definitions carry the code as authors write it; the graph keeps it lower case.
            self.item_types[type_code] = {
                "uri": f"{BASE}/CFItemTypes/{identifier}",
                "identifier": identifier,
                "lastChangeDateTime": CHANGED,
                "title": type_code.title(),
                "description": f"A {type_code}",
                "typeCode": type_code.title(),
                "hierarchyCode": str(len(self.item_types) + 1),
            }
        return self.item_types[type_code]

    def item(
        self,
        type_code: str | None,
        *,
        identifier: str | None = None,
        statement: str | None = None,
        abbreviated: str | None = None,
        coding: str | None = None,
        parent: str | None = None,
        sequence: int | None = None,
    ) -> str:
        """Add a CFItem (typed unless ``type_code`` is None); return its identifier.

        ``parent`` adds the isChildOf at once (the document when it is the
        package's identifier).
        """
        identifier = identifier or new_id()
        item = {
            "uri": f"{BASE}/CFItems/{identifier}",
            "identifier": identifier,
            "lastChangeDateTime": CHANGED,
            "fullStatement": statement or f"{type_code or 'item'} {len(self.items) + 1}",
            "CFDocumentURI": _link("CFDocuments", self.identifier, self.title),
            "language": "en",
        }
        if abbreviated is not None:
            item["abbreviatedStatement"] = abbreviated
        if coding is not None:
            item["humanCodingScheme"] = coding
        if type_code is not None:
            kind = self._item_type(type_code)
            item["CFItemType"] = kind["title"]
            item["CFItemTypeURI"] = _link("CFItemTypes", kind["identifier"], kind["title"])
        self.items.append(item)
        if parent is not None:
            self.child(identifier, parent, sequence)
        return identifier

    def child(self, child: str, parent: str, sequence: int | None = None) -> str:
        """Add ``child isChildOf parent``; return the association's identifier."""
        identifier = new_id()
        kind = "CFDocuments" if parent == self.identifier else "CFItems"
        association = {
            "uri": f"{BASE}/CFAssociations/{identifier}",
            "identifier": identifier,
            "lastChangeDateTime": CHANGED,
            "associationType": "isChildOf",
            "originNodeURI": _link("CFItems", child, child),
            "destinationNodeURI": _link(kind, parent, parent),
            "CFDocumentURI": _link("CFDocuments", self.identifier, self.title),
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        self.associations.append(association)
        return identifier

    def to_dict(self) -> dict:
        return {
            "CFDocument": {
                "uri": f"{BASE}/CFDocuments/{self.identifier}",
                "identifier": self.identifier,
                "lastChangeDateTime": CHANGED,
                "creator": "Curriculum tests",
                "title": self.title,
                "adoptionStatus": "Draft",
                "language": "en",
            },
            "CFItems": list(self.items),
            "CFAssociations": list(self.associations),
            "CFDefinitions": {
                "CFConcepts": [],
                "CFSubjects": [],
                "CFLicenses": [],
                "CFItemTypes": list(self.item_types.values()),
                "CFAssociationGroupings": [],
            },
        }


def chain(package: CasePackage, depth: int, *, type_code: str = "lesson") -> list[str]:
    """A course with ``depth`` items below it, each the only child of the one above.

    Returns the identifiers from the course down.
    """
    course = package.item("course", parent=package.identifier, sequence=1)
    ids = [course]
    for _ in range(depth):
        ids.append(package.item(type_code, parent=ids[-1], sequence=1))
    return ids


def oneroster_user(
    sourced_id: str | None = None,
    *,
    role: str = "student",
    status: str = "active",
    given_name: str = "Ada",
    family_name: str = "Lovelace",
) -> dict:
    """A OneRoster 1.1 REST user, as ``GET /users/{sourcedId}`` answers it."""
    sourced_id = sourced_id or new_id()
    username = f"{given_name}.{family_name}.{sourced_id[:8]}".lower()
    return {
        "sourcedId": sourced_id,
        "status": status,
        "dateLastModified": "2026-01-15T09:30:00.000Z",
        "username": username,
        "enabledUser": status == "active",
        "givenName": given_name,
        "familyName": family_name,
        "role": role,
        "identifier": sourced_id[:8],
        "email": f"{username}@school.example.org",
        "orgs": [{"href": "/orgs/org-1", "sourcedId": "org-1", "type": "org"}],
    }
