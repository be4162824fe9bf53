"""Session 56 (speed56): speed changes that must change no output, each compared with the
reading it replaced.

* ``deid_result_series``' first test reads the window folded to lower case (compared with the
  reading before any first test in test_deid_speed55).
* ``deid_ocr._CLEAR`` reads the slipped character first and looks behind at what stands before
  it; ``ocr_repaired`` stops at the second slip.
* ``deid_csv_headers.opens_a_block`` reads the text before a line in place.
* ``deid_first_characters.first_characters_lead`` stands before the runtime alternations of
  found names (deid_words._propagate, deid_initials.initials_of_found_names).
* Eight more whole-text scans go through their skippers (every such site is compared with
  ``finditer`` by test_deid_speed55)."""

from __future__ import annotations

import importlib
import random
import re

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_csv_headers, deid_ocr
from medlocal.privacy.deid_first_characters import first_characters_lead, skipper_of

# Awkward pieces: letters the engine folds to ASCII ones, other scripts' digits and letters,
# every kind of line end and blank, and the slips ocr_repaired reads.
_AWKWARD = (
    "\u212aent Road, \u017ft Mary's, \u0130stanbul; \u0661\u0662\u0663 \u0967\u0968 Si0bhan "
    "C0MMUNITY 2O26 l2/O8/21 Nott1ngham WH1TLOCK HbA1c C1q CYP2C19 T0 O2 CO2\r\n"
    "\u00a0\u2028\u2029\x1c\x1d\x1e\x1f\x85\u3000\t\v\f\n\n\r\n"
    "Name,Ward,Consultant\nAda Okafor,7B,Dr Price\nBen Ode,4,Dr Lee\n \n\t\nA,B,C\n"
    "\u00e90\u00e9 \u0431\u0031\u0432\u0433 \u0661O\u0662 9l9 8o8 \u00c9\u00e9 \u00e91\u00e9\u00e9"
)


def _texts() -> list[str]:
    notes = load("dev") + load("dev49")
    return [_AWKWARD, *(note.text for note in notes), "\n\n".join(n.text for n in notes)]


def _random_texts(alphabet: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(count)]


# deid_ocr's slip pattern as it was written before session 56.
_CLEAR_BEFORE = re.compile(
    r"(?<=[^\W\d_])0(?=[^\W\d_])|(?<=\d)[Ool](?=\d)|(?<=[^\W\d_])1(?=[^\W\d_]{2})"
)


def test_clear_slips_as_before() -> None:
    texts = _texts() + _random_texts("0Ool1aAbZ9 8\n.\u00e9\u6f22_-\u0661", 4000, 56)
    for text in texts:
        for end in {len(text), len(text) // 2, max(0, len(text) - 1)}:
            before = [m.span() for m in _CLEAR_BEFORE.finditer(text, 0, end)]
            assert [m.span() for m in deid_ocr._CLEAR.finditer(text, 0, end)] == before


def test_ocr_repaired_reads_a_text_with_slips_as_before() -> None:
    # The gate: two clear slips or more in the first 200,000 characters.
    assert deid_ocr.ocr_repaired("Si0bhan") == "Si0bhan"  # one slip: typed text, as written
    assert deid_ocr.ocr_repaired("Si0bhan C0MMUNITY") == "Siobhan COMMUNITY"
    far = "x " * 100_000 + "Si0bhan C0MMUNITY"  # the slips after the first 200,000 characters
    assert deid_ocr.ocr_repaired(far) == far
    texts = _texts() + _random_texts("0Ool1aAbZ9 ", 3000, 3)
    mended = 0
    for text in texts:
        slips = len(_CLEAR_BEFORE.findall(text, 0, 200_000))
        repaired = deid_ocr.ocr_repaired(text)
        if slips < 2:
            assert repaired is text
        mended += repaired != text
    assert mended > 100  # texts with two slips or more were read and mended


def _opens_a_block_before(text: str, start: int) -> bool:
    """deid_csv_headers' test as it was before session 56 (a copy of the text before)."""
    return not (
        start > 0 and not text[:start].endswith(("\n\n", "\n\r\n")) and text[:start].strip()
    )


def test_opens_a_block_as_before() -> None:
    texts = _texts() + _random_texts(" \t\n\r\u00a0\u2028\x1cab,", 3000, 7)
    asked = opened = 0
    for text in texts:
        for start in range(len(text) + 1) if len(text) < 60 else _line_starts(text):
            found = deid_csv_headers.opens_a_block(text, start)
            assert found == _opens_a_block_before(text, start), (text[:start][-20:], start)
            asked += 1
            opened += found
    assert asked > 10_000 and opened > 100


def _line_starts(text: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer("\n", text))]


def test_csv_header_still_read_under_a_blank_line() -> None:
    text = "Letter from the clinic\n\nName,Ward,Consultant\nAda Okafor,7B,Dr P1\nBen Ode,4,Dr L2\n"
    start = text.index("Name")
    assert deid_csv_headers._header(text, start)
    glued = text.replace("\n\nName", "\nName")
    assert not deid_csv_headers._header(glued, glued.index("Name"))


_LEAD_SETS = [
    ["Ann Bell", "Dale", "Bo"],
    ["\u00c9lise Roy", "\u212aent", "\u0130pek", "\u017fam"],
    ["-dash", "]bracket", "^caret", "\\slash", "[open", " space", ".dot"],
    ["Ana", "ANA", "ana"],
    ["A.K.", "A. K.", "AK", "TM"],
]


@pytest.mark.parametrize("strings", _LEAD_SETS)
def test_first_characters_lead_changes_no_match(strings: list[str]) -> None:
    alternation = "|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True))
    plain = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    lead = first_characters_lead(strings)
    assert lead.startswith("(?=[")
    fast = re.compile(rf"{lead}(?<!\w)(?:{alternation})(?!\w)")
    text = _AWKWARD + " ".join(strings) + " x" + " ".join(s.lower() for s in strings) + "\n"
    text += " ".join(strings[::-1]) + _texts()[1]
    found = [m.span() for m in plain.finditer(text)]
    assert found  # the strings are found
    assert [m.span() for m in fast.finditer(text)] == found


def test_first_characters_lead_of_an_empty_string_is_none() -> None:
    assert first_characters_lead([]) == ""
    assert first_characters_lead(["Ann", ""]) == ""  # "" matches anywhere: no first character


def test_sites_moved_in_session_56_have_skippers() -> None:
    # A site moved for speed must have a skipper (else skipped_finditer is finditer itself).
    for module, name in (
        ("deid_day_month_words", "_DAY_MONTH_WORD"),
        ("deid_day_month_words", "_DAY_DOT_MONTH"),
        ("deid_house_numbers", "_VIETNAMESE_CITY"),
        ("deid_initial_slots", "_CANDIDATE"),
        ("deid_initials", "_LOWER_SIGNATURE"),
        ("deid_org_forms", "_FOREIGN_HEAD"),
        ("deid_org_forms", "_ARMS"),
        ("deid_case", "_CAPS_FACILITY"),
    ):
        pattern = getattr(importlib.import_module(f"medlocal.privacy.{module}"), name)
        assert skipper_of(pattern) is not None, name
