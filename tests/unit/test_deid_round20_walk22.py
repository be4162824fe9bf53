"""Round 20, the lead's fixes of walk 22's leftovers: a role of the older generations, other
languages' form labels before a colon, a sentence's full stop after an address, "24/7" said of
care, a unit's initials before its telephone number, opening verbs joined to a name, a
"+"-ruled table's alignment, a form's list of fields read as a table."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_spans import Redaction, apply_redactions
from medlocal.privacy.redact import Redactor


def _kinds(text: str) -> dict[str, str]:
    return {red.original: red.kind for red in Redactor().preview(text)}


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Great-aunt Mary visits most weekends.", "Great-aunt", "Mary"),
        ("Her great-grandson Liam helps with shopping.", "great-grandson", "Liam"),
        ("Half-sister Joan is next of kin.", "Half-sister", "Joan"),
    ],
)
def test_a_relation_of_the_older_generations_keeps_its_role(
    text: str, kept: str, gone: str
) -> None:
    out = Redactor().redact(text)
    assert kept in out
    assert gone not in out


@pytest.mark.parametrize(
    ("text", "label", "gone"),
    [
        ("Fecha de nacimiento: 12/03/1941", "Fecha de nacimiento:", "12/03/1941"),
        ("Data di nascita: 04/05/1950", "Data di nascita:", "04/05/1950"),
        ("Cognome: Bianchi", "Cognome:", "Bianchi"),
        ("Nombre: Lucía Fernández", "Nombre:", "Lucía"),
        ("Geburtsdatum: 01.02.1940", "Geburtsdatum:", "01.02.1940"),
    ],
)
def test_a_form_label_of_another_language_stays(text: str, label: str, gone: str) -> None:
    out = Redactor().redact(text)
    assert out.startswith(label)
    assert gone not in out


def test_a_foreign_label_word_without_its_colon_is_read_as_the_rules_read_it() -> None:
    # No colon after the label: the word is left to the rules (a surname "Fecha" stays a name).
    assert "Fecha" not in Redactor().redact("Seen with Mr Fecha today.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Address: 14, Clepington Road. She lives alone.", "Address: [ADDRESS]. She lives"),
        ("Lives on Main St. near the park.", "Lives on [ADDRESS]. near"),
        ("Works for Acme Ltd. as a driver.", "[FACILITY] as a driver"),
    ],
)
def test_a_sentence_full_stop_after_a_place_stays_in_the_text(text: str, expected: str) -> None:
    assert expected in Redactor().redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Her daughter provides care 24/7.",
        "Needs 24/7 supervision since the fall.",
        "A 24/7 crisis line is available.",
        "The team is available 24/7 by phone.",
    ],
)
def test_round_the_clock_care_is_no_date(text: str) -> None:
    assert Redactor().redact(text) == text


@pytest.mark.parametrize(
    "text", ["Seen on 24/7 in clinic.", "Review booked 24/7/2025.", "Bloods 24/7: normal."]
)
def test_24_7_as_a_day_still_goes(text: str) -> None:
    assert "24/7" not in Redactor().redact(text)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Ward ICU 0161 496 0000 ext 221", "ICU"),
        ("Call HDU 020 7946 0321 with results.", "HDU"),
        ("Contact CCU 0161 496 0000 overnight.", "CCU"),
    ],
)
def test_a_units_initials_stay_before_its_telephone_number(text: str, unit: str) -> None:
    kinds = _kinds(text)
    out = Redactor().redact(text)
    assert f"{unit} [PHONE]" in out
    assert "phone" in kinds.values()


def test_a_plan_code_keeps_its_prefix() -> None:
    out = Redactor().redact("Plan HUM 1234 5678 901 renewed.")
    assert "HUM" not in out


@pytest.mark.parametrize(
    ("text", "verb", "gone"),
    [
        ("Plan:\nRing Mary Hopkins on Monday.", "Ring", "Hopkins"),
        ("Plan:\nSee Grace in clinic next week.", "See", "Grace"),
        ("Notes.\nStarted Zyxwqa on the ward round.", None, "Zyxwqa"),
    ],
)
def test_an_opening_verb_is_no_part_of_the_name_after_it(
    text: str, verb: str | None, gone: str
) -> None:
    out = Redactor().redact(text)
    assert gone not in out
    if verb is not None:
        assert f"{verb} [NAME]" in out


@pytest.mark.parametrize(
    "text",
    [
        "Diabetes review.\nStarted Abbott FreeStyle Libre sensor today.",
        "Diabetes review.\nBegan Abbott FreeStyle Libre sensor today.",
        "Held Ramipril for two days. Paid by the practice.",
    ],
)
def test_an_opening_verb_before_a_maker_or_a_drug_stays(text: str) -> None:
    assert Redactor().redact(text) == text


def test_a_person_in_clinic_is_no_facility() -> None:
    kinds = _kinds("Letter.\nSee Grace in clinic next week. Mary Hopkins at the hospital.")
    assert kinds.get("Grace") == "name"
    assert kinds.get("Mary Hopkins") == "name"
    assert "facility" not in kinds.values()


def test_a_facility_word_after_a_name_still_names_the_facility() -> None:
    kinds = _kinds("Seen at Toronto Western fracture clinic last week.")
    assert kinds.get("Toronto Western") == "facility"


def test_a_ruled_table_keeps_its_columns() -> None:
    text = (
        "+------------+-------------+-------+\n"
        "| Name       | John Smith  | M     |\n"
        "| DOB        | 02/03/1950  | x     |\n"
        "+------------+-------------+-------+\n"
    )
    out = Redactor().redact(text)
    lines = out.splitlines()
    assert "John Smith" not in out
    assert "| DOB " in out  # a row's label is no name under the first row's "Name"
    assert len({len(line) for line in lines}) == 1
    assert all(line.index("|", 1) == 13 for line in lines[1:3])


def test_columns_keep_their_place_after_a_longer_or_shorter_placeholder() -> None:
    text = (
        "Role        Name                         Ward\n"
        "Carer       Jo                           4\n"
        "NOK         Alexandra Whitfield-Brown    2\n"
    )
    reds = [
        Redaction("name", 58, 60, "Jo", "[NAME]"),
        Redaction("name", 101, 126, "Alexandra Whitfield-Brown", "[NAME]"),
    ]
    assert text[58:60] == "Jo" and text[101:126] == "Alexandra Whitfield-Brown"
    lines = apply_redactions(text, reds).splitlines()
    assert lines[1] == "Carer       [NAME]                       4"
    # The last column starts where it did on every line.
    assert {len(line.rstrip().rsplit(" ", 1)[0]) for line in lines} == {40}


def test_a_double_space_in_one_line_stays_as_typed() -> None:
    text = "Home phone: (931) 555-0187   Mobile: 931-555-0244"
    red = Redaction("phone", 12, 26, "(931) 555-0187", "[PHONE]")
    assert apply_redactions(text, [red]) == "Home phone: [PHONE]   Mobile: 931-555-0244"


def test_prose_with_one_space_is_written_as_before() -> None:
    text = "Seen by John Smith today."
    out = apply_redactions(text, [Redaction("name", 8, 18, "John Smith", "[NAME]")])
    assert out == "Seen by [NAME] today."


def test_a_form_list_reads_each_value_by_its_label() -> None:
    text = "| Name | John Smith |\n| Carer | Kerry Oakes |\n| DOB | 02/03/1950 |\n"
    kinds = _kinds(text)
    assert kinds.get("Kerry Oakes") == "name"
    assert "DOB" not in kinds


def test_a_named_international_day_is_a_date() -> None:
    out = Redactor().redact("Night shift (International Women's Day), settled.")
    assert "Women" not in out
    assert "International" not in out
