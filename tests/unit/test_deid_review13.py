"""Review of round 13: Windows line ends, a table's first date column, years after accented
German nouns, two-column CSV ages, GT1 guarantor fields and an extension after an accented name.
Every example is invented here."""

from __future__ import annotations

import re
from datetime import date

import pytest

from medlocal.privacy.deid_plan import RedactionPlan
from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


# 1. Windows ("\r\n") and old Mac ("\r") line ends.


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_line_rules_read_windows_line_ends(end: str) -> None:
    out = redact(f"Letter follows.{end}RT/jw{end}End")
    assert "RT" not in out and "jw" not in out, out
    out = redact(f"Scribe: kt{end}ok")
    assert "kt" not in out and out.endswith(f"{end}ok"), out
    out = redact(f"Name,Ward,Age{end}John Brown,3,95{end}")
    assert "95" not in out and "Brown" not in out and f"Age{end}" in out, out


def test_a_zip_on_the_line_after_its_state_with_windows_line_ends() -> None:
    out = redact("Harlow Clinic, 12 Oak Lane, St. Louis, MO\r\n63127   Ph 314-555-0199\r\n")
    assert "63127" not in out, out


def test_redactions_hold_the_text_as_written_at_their_offsets() -> None:
    text = "Seen by Dr Ann Hollis.\r\nScribe: kt\r\nDate | Result\r\n3/4 | Hb 120\r\n"
    found = REDACTOR.preview(text)
    assert found, found
    for red in found:
        assert text[red.start : red.end] == red.original, red
    assert [r.start for r in found] == sorted(r.start for r in found)
    out = redact(text)
    assert out.count("\r\n") == 4 and "\n" not in out.replace("\r\n", ""), repr(out)


def test_the_plan_reads_windows_line_ends_through_the_redactor() -> None:
    plan = RedactionPlan.build([("note", "Letter follows.\r\nRT/jw\r\nEnd")], REDACTOR)
    originals = {item.redaction.original for item in plan.items}
    assert "RT" in originals, originals
    assert "RT" not in plan.apply("note", "Letter follows.\r\nRT/jw\r\nEnd")


_WORD = re.compile(r"\w+")

_MULTILINE = [
    "Letter follows.\nRT/jw\nEnd of letter.",
    "Scribe: kt\nReviewed today, stable.",
    "Name,Ward,Age\nJohn Brown,3,95\nMary Hollis,4,71\n",
    "Date | Result\n3/4 | Hb 120\n5/4 | Hb 118\n",
    "Present: Dr Ann Hollis, Sister Kaye Brennan\nApologies: none\n",
    "Ward round with Dr Philippa Carrow\nPlan: repeat bloods, review in clinic.\n",
    "Harlow Clinic, 12 Oak Lane, St. Louis, MO\n63127   Ph 314-555-0199\n",
]


def _redacted_words(text: str) -> list[str]:
    return sorted(w for red in REDACTOR.preview(text) for w in _WORD.findall(red.original))


@pytest.mark.parametrize("text", _MULTILINE)
def test_windows_line_ends_redact_the_same_words(text: str) -> None:
    words = _redacted_words(text)
    assert words, text
    assert _redacted_words(text.replace("\n", "\r\n")) == words
    assert _redacted_words(text.replace("\n", "\r")) == words


# 2. A date in a table's first column.


def test_a_short_date_in_a_tables_first_column() -> None:
    out = redact("Date | Result\n3/4 | Hb 120\n5/4 | Hb 118")
    assert "3/4" not in out and "5/4" not in out and "Hb 120" in out, out
    out = redact("Date\tResult\n3/4\tHb 120")
    assert "3/4" not in out and "Hb 120" in out, out


def test_scores_in_a_first_column_that_is_no_date_stay() -> None:
    out = redact("Power | Date\n4/5 | 3/4\n7/10 | 5/4")
    assert "4/5" in out and "7/10" in out and "3/4" not in out, out
    out = redact("Score\tNote\n4/5\tgood effort\n7/10\tbetter")
    assert "4/5" in out and "7/10" in out, out


# 3. Years after a German noun opening with an umlaut.


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Überweisung 2021.", "2021"),
        ("Zustand nach Ösophagektomie 2018.", "2018"),
        ("Ödeme 2020.", "2020"),
    ],
)
def test_a_year_after_an_accented_noun_is_no_postcode(text: str, year: str) -> None:
    out = redact(text)
    assert year in out and "[ZIP]" not in out, out


def test_a_postcode_after_an_accented_place_still_goes() -> None:
    out = redact("Clinic address: 4 Mill Road, Ōtaki 5512; tel to follow")
    assert "5512" not in out, out


# 4. Two-column CSV.


def test_a_two_column_csv_age() -> None:
    out = redact("Name,Age\nJohn Brown,95\n")
    assert "95" not in out, out
    out = redact("Name,Age\nJohn Brown,45\n")
    assert "45" in out, out


def test_one_comma_lines_without_an_age_header_are_no_table() -> None:
    out = redact("Name,Score\nAlpha,95\n")
    assert "95" in out, out


# 5. HL7 GT1.


def test_gt1_guarantor_number_and_spouse_name() -> None:
    plain = Redactor(shift_days=40)  # no patient identity: the fields alone find the names
    out = plain.redact("GT1|1|88123456^^^RVH||DOE^JANE")
    for gone in ("88123456", "RVH", "DOE", "JANE"):
        assert gone not in out, out
    out = plain.redact("GT1|1|77120044^^^KMC|TRAN^LOC|NGUYEN^MAI")
    for gone in ("77120044", "KMC", "TRAN", "NGUYEN", "MAI"):
        assert gone not in out, out


# 6. An extension after an accented name.


def test_an_extension_after_an_accented_name() -> None:
    out = redact("Dr Müller x214 for queries")
    assert "214" not in out, out
    out = redact("Dr Øyvind Lærum x3071 for queries")
    assert "3071" not in out, out


@pytest.mark.parametrize("end", ["\r", "\n", "\r\n"])
def test_an_hl7_address_line_ends_at_its_field(end: str) -> None:
    # Read with plain line ends, an address part in PID-11 must not run on over the telephone
    # field's use codes to the segment's end.
    message = end.join(
        [
            "MSH|^~\\&|LAB|KMC|EHR|KMC|20260301|||ORU^R01|77|P|2.5",
            "PID|1||4471209^^^KMC^MR||TRAN^LOC||19400101|F|||9 ASH ROW^APT 4^DUNMORE^OR^97001^USA^H"
            "||503-555-0100^PRN^PH~^NET^Internet^l.tran@example.org",
        ]
    )
    out = Redactor(shift_days=40).redact(message)
    assert "^PRN^PH~^NET^Internet^" in out and "ASH" not in out and "DUNMORE" not in out, out
