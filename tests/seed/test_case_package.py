"""CASE package parsing and checking on plain dicts: no database."""

import json

import pytest

from seed.case_package import PackageError, find_cycle, parse_package, sequence_number
from seed.labels import item_caption, type_label

DOC = "d0000000-0000-0000-0000-000000000001"


def link(identifier: str) -> dict:
    return {"identifier": identifier, "uri": f"https://x/{identifier}", "title": identifier}


def child_of(identifier: str, child: str, parent: str, sequence=None) -> dict:
    association = {
        "identifier": identifier,
        "associationType": "isChildOf",
        "originNodeURI": link(child),
        "destinationNodeURI": link(parent),
    }
    if sequence is not None:
        association["sequenceNumber"] = sequence
    return association


def package(items, associations, **extra) -> dict:
    return {
        "CFDocument": {"identifier": DOC, "title": "A framework"},
        "CFItems": items,
        "CFAssociations": associations,
        **extra,
    }


def problems_of(data) -> str:
    with pytest.raises(PackageError) as caught:
        parse_package(data)
    return str(caught.value)


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("course", "Course"),
        ("learning objective", "LearningObjective"),
        ("hs-standard_2", "HsStandard2"),
        ("user", "UserItem"),
        ("`; MATCH (n) DETACH DELETE n //", "MATCHNDETACHDELETEN"),
        ("", None),
        (None, None),
        ("!!!", None),
    ],
)
def test_type_label_is_pascal_case_letters_and_digits(code, label):
    assert type_label(code) == label


def test_caption_prefers_abbreviation_then_code_and_statement():
    assert item_caption({"abbreviatedStatement": "Fractions"}) == "Fractions"
    assert item_caption({"humanCodingScheme": "F.1", "fullStatement": "Semi round"}) == (
        "F.1 Semi round"
    )
    long = item_caption({"fullStatement": "word " * 30})
    assert len(long) <= 40 and long.endswith("…")
    assert item_caption({"abbreviatedStatement": "", "fullStatement": "Only"}) == "Only"


@pytest.mark.parametrize(
    ("raw", "value"), [(3, 3), ("4", 4), (" 5 ", 5), ("2.0", 2), (None, None), ("", None)]
)
def test_sequence_number_accepts_integers_and_numeric_strings(raw, value):
    assert sequence_number(raw) == value


@pytest.mark.parametrize("raw", ["abc", 1.5, True, [1], {"n": 1}])
def test_sequence_number_refuses_the_rest(raw):
    with pytest.raises(ValueError):
        sequence_number(raw)


def test_type_code_comes_from_the_definition_by_identifier(case_dir):
    data = json.loads((case_dir / "ItemTypeTestFramework.json").read_text())
    parsed = parse_package(data)
    (item,) = parsed.items.values()
    # The URI path in the item differs from the definition's; the identifier matches.
    assert item["typeCode"] == "standard"
    assert parsed.labels[item["identifier"]] == "Standard"


def test_type_code_falls_back_to_the_item_type_string_in_any_spelling():
    data = package(
        [
            {"identifier": "i1", "cfItemType": "Learning  Objective"},
            {"identifier": "i2", "CFItemType": "Unit", "CFItemTypeURI": link("unknown")},
            {"identifier": "i3"},
        ],
        [],
        cfDefinitions={"cfItemTypes": [{"identifier": "other", "typeCode": "x"}]},
    )
    parsed = parse_package(data)
    assert parsed.items["i1"]["typeCode"] == "learning objective"
    assert parsed.labels["i1"] == "LearningObjective"
    assert parsed.items["i1"]["CFItemType"] == "Learning  Objective"  # canonical key
    assert parsed.items["i2"]["typeCode"] == "unit"
    assert "typeCode" not in parsed.items["i3"] and parsed.labels["i3"] is None


def test_items_keep_their_fields_nested_ones_as_json_text():
    data = package(
        [
            {
                "identifier": "i1",
                "fullStatement": "Add fractions",
                "humanCodingScheme": "M.1",
                "educationLevel": ["03", "04"],
                "CFItemTypeURI": link("t1"),
                "CFDocumentURI": link(DOC),
                "notes": None,
            }
        ],
        [child_of("a1", "i1", DOC, 1)],
    )
    item = parse_package(data).items["i1"]
    assert item["educationLevel"] == ["03", "04"]
    assert json.loads(item["CFItemTypeURI"])["identifier"] == "t1"
    assert "CFDocumentURI" not in item and "notes" not in item
    assert item["documentId"] == DOC and item["caption"] == "M.1 Add fractions"


def test_document_parent_other_types_and_references():
    data = package(
        [{"identifier": "i1"}, {"identifier": "i2"}],
        [
            child_of("a1", "i1", DOC, "1"),
            child_of("a2", "i2", "i1"),
            {
                "identifier": "a3",
                "associationType": "exactMatchOf",
                "originNodeURI": link("i2"),
                "destinationNodeURI": link("elsewhere"),
            },
            child_of("a4", "i2", "outside-parent"),
        ],
    )
    parsed = parse_package(data)
    kinds = {e.identifier: (e.is_child_of, e.destination.kind) for e in parsed.edges}
    assert kinds == {
        "a1": (True, "document"),
        "a2": (True, "item"),
        "a3": (False, "reference"),
        "a4": (False, "reference"),  # an isChildOf leaving the package is kept as an association
    }
    assert set(parsed.references) == {"https://x/elsewhere", "https://x/outside-parent"}
    assert parsed.edges[0].sequence_number == 1


def test_missing_duplicate_and_wrongly_typed_identifiers_are_all_named():
    text = problems_of(
        package(
            [
                {"identifier": "i1"},
                {"identifier": "i1"},
                {"fullStatement": "no id"},
                {"identifier": "i2", "fullStatement": 42},
            ],
            [child_of("a1", "i1", DOC, "first"), child_of("a1", "i2", DOC), {"identifier": "a2"}],
        )
    )
    assert "duplicate identifiers: i1" in text
    assert "items without an identifier: CFItems[2]" in text
    assert "fullStatement is not a string: i2" in text
    assert "sequenceNumber is not an integer: a1" in text
    assert "duplicate association identifiers: a1" in text
    assert "origin/destination identifier: a2" in text


def test_an_item_reusing_the_document_identifier_is_a_duplicate():
    assert "duplicate identifiers: " + DOC in problems_of(package([{"identifier": DOC}], []))


@pytest.mark.parametrize(
    "data",
    [[], {"CFItems": []}, {"CFDocument": {"title": "x"}}, package("not a list", [])],
)
def test_shapes_that_are_not_packages(data):
    assert problems_of(data)


def test_cycles_are_refused_with_their_members():
    data = package(
        [{"identifier": i} for i in ("a", "b", "c", "d")],
        [
            child_of("e1", "a", DOC),
            child_of("e2", "b", "a"),
            child_of("e3", "c", "b"),
            child_of("e4", "b", "c"),
            child_of("e5", "d", "d"),
        ],
    )
    text = problems_of(data)
    assert "isChildOf cycle" in text and "b" in text and "c" in text


def test_a_long_chain_is_no_cycle_and_no_recursion_error():
    ids = [f"i{n}" for n in range(50_000)]
    edges = [child_of(f"e{n}", ids[n], ids[n - 1]) for n in range(1, len(ids))]
    parsed = parse_package(package([{"identifier": i} for i in ids], edges))
    assert find_cycle(parsed.edges) == []


def test_multi_parent_items_are_one_item_with_two_edges():
    data = package(
        [{"identifier": i} for i in ("p1", "p2", "leaf")],
        [
            child_of("e1", "p1", DOC),
            child_of("e2", "p2", DOC),
            child_of("e3", "leaf", "p1"),
            child_of("e4", "leaf", "p2"),
        ],
    )
    parsed = parse_package(data)
    assert len(parsed.items) == 3
    assert [e.destination.key for e in parsed.edges if e.origin.key == "leaf"] == ["p1", "p2"]


def test_the_definition_wins_over_the_item_type_string(case_dir):
    # In the fixture both say "Standard"; give the definition its own code to tell them apart.
    data = json.loads((case_dir / "ItemTypeTestFramework.json").read_text())
    data["CFDefinitions"]["CFItemTypes"][0]["typeCode"] = "Performance Expectation"
    (item,) = parse_package(data).items.values()
    assert item["typeCode"] == "performance expectation"
