"""Identity mapping on plain strings: no database."""

import pytest

from app.caliper import identity
from app.caliper.identity import UnmappableId


@pytest.mark.parametrize(
    ("iri", "key"),
    [
        ("urn:uuid:9d7a5ecb-1ba4-4b4b-9a2e-7d84a4c0a5ef", "9d7a5ecb-1ba4-4b4b-9a2e-7d84a4c0a5ef"),
        ("URN:UUID:student-1", "student-1"),
        ("student-1", "student-1"),
        ("https://example.edu/users/554433", "554433"),
        ("https://example.edu/users/554433/", "554433"),
        ("http://example.edu/users/554433?x=1#f", "554433"),
        ("https://x.org/i/a%2Fb", "a/b"),
    ],
)
def test_each_identity_form_maps_to_the_key(iri, key):
    assert identity.map_iri(iri) == key


@pytest.mark.parametrize(
    "iri",
    [
        "",
        " student-1",
        "a b",
        "urn:uuid:",
        "mailto:a@example.edu",
        "https://example.edu",
        "ftp://x/y",
    ],
)
def test_unmappable_ids_are_refused_with_a_reason(iri):
    with pytest.raises(UnmappableId):
        identity.map_iri(iri)


def test_entities_are_iri_strings_or_objects_with_an_id():
    assert identity.person_id({"id": "https://example.edu/users/1", "type": "Person"}) == "1"
    assert identity.person_id("urn:uuid:1") == "1"
    for bad in ({"type": "Person"}, {"id": 5}, 5, None):
        with pytest.raises(UnmappableId):
            identity.person_id(bad)


def test_the_object_keeps_its_iri_for_an_exact_uri_match():
    ref = identity.item_ref({"id": "https://case.example.org/uri/abc", "type": "Assessment"})
    assert ref == identity.ItemRef(identifier="abc", iri="https://case.example.org/uri/abc")
    assert identity.item_ref("urn:uuid:abc") == identity.ItemRef("abc", "urn:uuid:abc")


def test_the_application_id_is_empty_without_edapp_and_the_host_without_a_path():
    assert identity.application_id(None) == ""
    assert identity.application_id("urn:uuid:app-1") == "app-1"
    assert identity.application_id({"id": "https://example.com/reader"}) == "reader"
    assert identity.application_id({"id": "https://Example.EDU"}) == "example.edu"
    with pytest.raises(UnmappableId):
        identity.application_id({"name": "no id"})
