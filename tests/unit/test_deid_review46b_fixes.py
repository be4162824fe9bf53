"""Review 46b's de-identification leaks D4-D7 (docs/deid_rounds.md, session 46: fix46c): each
a shape deid46 let through to keep a clinical term (tests/unit/test_deid_generalise46.py holds
the terms, which must stay), narrowed so that the person's name or the record's number goes.

Each case is read by the rules alone and by the export's default (rules and tagger)."""

from __future__ import annotations

from functools import cache

import pytest

from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


@cache
def _redactor(tagger: bool) -> Redactor:
    return Redactor(None, shift_days=40, tagger=tagger)


def _outputs(line: str) -> list[str]:
    """``line`` redacted by the rules alone and by rules and tagger."""
    return [_redactor(tagger).redact(_LETTER + line + "\n") for tagger in (False, True)]


def _both_remove(line: str, part: str) -> None:
    assert all(part not in out for out in _outputs(line)), _outputs(line)


def _both_keep(line: str, part: str) -> None:
    assert all(part in out for out in _outputs(line)), _outputs(line)


# D4: only a scale that scores a limb takes the limb's words between its eponym and its value;
# a surname that is also another scale's eponym ("Harris hip score", "Wells score") before a
# limb and a power grade is the person who examined it.
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Reviewed by Harris UE 4/5 power.", "Harris"),
        ("Seen by Wells LE 5/5 today.", "Wells"),
        ("Hamilton UE 4/5, LE 5/5.", "Hamilton"),
        ("Physio: Fisher LE 3/5 both.", "Fisher"),
        ("Harris LE 22/66", "Harris"),
        ("Seen by Mason upper extremity 4/5 power.", "Mason"),
    ],
)
def test_a_surname_before_a_limb_and_a_grade_goes(line: str, name: str) -> None:
    _both_remove(line, name)


@pytest.mark.parametrize(
    ("line", "scale"),
    [
        ("Fugl-Meyer LE 28/34 at discharge.", "Fugl-Meyer"),
        ("Spasticity: Ashworth UE 2, LE 1.", "Ashworth"),
        ("Tardieu LE 2 at the ankle.", "Tardieu"),
        ("Brunnstrom UE 4 on the left.", "Brunnstrom"),
    ],
)
def test_a_limb_scale_with_its_limb_before_its_value_stays(line: str, scale: str) -> None:
    _both_keep(line, scale)


# D5: a listed surname before "biosimilar" is a person's, in brackets after a generic too; a
# brand before the word stays only in brackets right after its generic.
@pytest.mark.parametrize(
    "line",
    [
        "Started trastuzumab (Okoro biosimilar) today.",
        "Okoro biosimilar arm of the trial.",
        "Consent for biosimilar: Okoro biosimilar agreed by patient.",
        "Trial participant (Okoro biosimilar study) enrolled.",
        "Biosimilar switch: Okoro biosimilar clinic attended.",
    ],
)
def test_a_listed_surname_before_biosimilar_goes(line: str) -> None:
    _both_remove(line, "Okoro")


def test_an_unlisted_word_before_biosimilar_away_from_a_generic_goes() -> None:
    # "Hertraz" is kept as a brand in "trastuzumab (Hertraz biosimilar)" (generalise46); away
    # from a generic the same unlisted word may be a surname no list holds.
    _both_remove("Plan: Hertraz biosimilar from next cycle.", "Hertraz")


# D6: a name with a lower-case second part in brackets after a medicine is a double-barrelled
# surname typed carelessly, not a brand, where either part is a listed name.
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Continue pegfilgrastim (Smith-jones) weekly.", "Smith"),
        ("Continue pegfilgrastim (Okoro-smith) weekly.", "Okoro"),
        ("Given filgrastim (Adeyemi-okoro) on day 5.", "Adeyemi"),
    ],
)
def test_a_double_barrelled_name_in_brackets_after_a_medicine_goes(line: str, name: str) -> None:
    _both_remove(line, name)


# D7: an ICD-10-shaped code in brackets after any of the redactor's own identifier labels is
# the record's number, not a diagnosis's code.
@pytest.mark.parametrize("label", ["chart", "encounter", "episode", "ticket", "passport"])
def test_an_icd_shaped_code_after_an_identifier_label_goes(label: str) -> None:
    _both_remove(f"Noted her {label} (A12.3) today.", "A12.3")


@pytest.mark.parametrize(
    "line",
    [
        "Episode (M54.5) closed.",
        "Encounter (C50.9) opened.",
        "Ticket (A12.3) issued.",
        "Noted her current episode (A12.3) today.",
    ],
)
def test_an_icd_shaped_code_after_a_label_goes_however_written(line: str) -> None:
    _both_remove(line, line.split("(")[1].split(")")[0])


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Dx: recurrent depressive disorder, current moderate episode (F33.1).", "F33.1"),
        ("Assessment: severe depressive episode (F32.2) without psychosis.", "F32.2"),
        ("History of a manic episode (F30.1) in 2019.", "F30.1"),
        ("Major depressive disorder, single episode (F32.9).", "F32.9"),
    ],
)
def test_a_diagnosis_ending_in_episode_keeps_its_code(line: str, code: str) -> None:
    _both_keep(line, code)
