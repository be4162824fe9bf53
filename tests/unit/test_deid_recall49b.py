"""deid49b (issue 16, recall on reference numbers, vehicles, devices and people): general causes
of misses on the blind half dev48 (written before the rules were read), each fixed by its
shape, with the cases that must stay kept.

1. A reference number broken at a hyphen and a line end ("previous core biopsy H25-" /
   "41772") was read as two halves, neither a code (deid_wrapped_codes).
2. A vehicle's unit number after its noun ("truck unit 417") and an aircraft's registration
   after its model with no bracket or comma before it ("Aircraft: Pilatus PC-24 VH-VWZ") were
   kept (deid_vehicle_numbers).
3. A relative's given name typed in lower case that is also an English word, before what they
   did ("partner faith wells was phoned", "daughter joy phones") (deid_lower_relatives).
4. A given name closing a list's cell after a surname in capitals the rules found with its
   particle ("VAN WYK, Johannes") (deid_census_given).
5. A police officer's collar number between the rank and the surname ("PC 4471 Hartley") or
   after the name and "#" ("Officer R. Kowalski #4471") (deid_collar_numbers).
"""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score

from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


def _redacted(text: str) -> str:
    return Redactor(None, shift_days=40, tagger=False).redact(_LETTER + text + "\n")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Cross-reference: previous core biopsy H25-\n41772, and clip.", ("H25", "41772")),
        ("Her bloods are under ref WX26-\n0044172.\nYours sincerely,", ("WX26", "0044172")),
        ("Accession RAC-2601-\n073318 pending.", ("2601", "073318")),
    ],
)
def test_a_code_broken_at_a_hyphen_and_a_line_end_goes_whole(
    text: str, gone: tuple[str, ...]
) -> None:
    out = _redacted(text)
    assert not any(part in out for part in gone), out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("She has a left-\nsided weakness since Monday.", "left-\nsided"),
        ("Hb 98 (range 115-\n165 g/L) stable.", "115-\n165"),
        ("HbA1c-\n58 mmol/mol last month.", "HbA1c-\n58"),
    ],
)
def test_a_word_or_a_range_broken_at_a_line_end_stays(text: str, kept: str) -> None:
    assert kept in _redacted(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Employer: Lone Star Freight; truck unit 417 (tractor VIN pending)", "417"),
        ("Conveyed by ambulance unit 4471 to ED.", "4471"),
        ("The lorry fleet no. 3317 was recovered.", "3317"),
        ("Aircraft: Pilatus PC-24 VH-VWZ from Alice Springs.", "VH-VWZ"),
        ("The air ambulance King Air B200 G-EZTB landed at 14:10.", "G-EZTB"),
        ("Retrieved by helicopter, an AW139 ZK-HMR, at dusk.", "ZK-HMR"),
    ],
)
def test_a_unit_number_and_a_registration_after_the_model_go(text: str, gone: str) -> None:
    assert gone not in _redacted(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Goes home on bus no. 38 or the coach.", "bus"),  # a route (kept by main as well)
        ("Helicopter transfer; B-ALL confirmed on flow.", "B-ALL"),
        ("Aircraft: Pilatus PC-24 from Alice Springs.", "PC-24"),
        ("Car seat fitted; unit 4 of the ward for the night.", "unit 4"),
    ],
)
def test_a_route_a_model_and_a_clinical_code_stay(text: str, kept: str) -> None:
    assert kept in _redacted(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("His partner faith wells was phoned at 18:05.", ("faith", "wells")),
        ("Mom april meadows asked through the portal about a refill.", ("april", "meadows")),
        ("On amoxicillin; daughter joy phones nightly.", ("joy",)),
        ("Overnight his wife summer rang, anxious.", ("summer",)),
        ("Her son mark is coming in the morning.", ("mark",)),
    ],
)
def test_a_relative_named_in_lower_case_before_what_they_did_goes(
    text: str, gone: tuple[str, ...]
) -> None:
    out = _redacted(text)
    assert not any(f" {word} " in f" {out} " for word in gone), out


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Daughter may phone later today.", "may phone"),
        ("Wife also rang about the parking.", "also rang"),
        ("Partner aware of the plan.", "Partner aware"),
        ("Daughter june was here yesterday.", "june"),  # a month alone: kept, a known miss
        ("Her son will visit tomorrow.", "visit"),
    ],
)
def test_a_modal_an_adverb_or_a_month_after_a_relation_stays(text: str, kept: str) -> None:
    assert kept in _redacted(text)


def test_a_given_name_closing_a_cell_after_a_surname_with_its_particle_goes() -> None:
    # The statistical line reads "VAN WYK" here; the rule grows its span over the given name.
    line = "08:45  RB2601120042   VAN WYK, Johannes    IVC filter retrieval"
    out = Redactor(None, shift_days=40).redact(_LETTER + line + "\n")
    assert "Johannes" not in out and "IVC filter retrieval" in out


@pytest.mark.parametrize(
    "line",
    [
        "08:45  RB2601120042   VAN WYK, Asthma    review",
        "MRI, Brain  done",
    ],
)
def test_a_clinical_word_after_a_comma_in_a_cell_stays(line: str) -> None:
    word = line.split(", ")[1].split()[0]
    assert word in _redacted(line)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Arresting officer PC 4471 Hartley; custody sergeant Bainbridge.", "4471"),
        ("Interviewed by DC 20417 Okafor at 14:00.", "20417"),
        ("Sgt Bainbridge #229 attended.", "229"),
    ],
)
def test_an_officers_collar_number_beside_the_rank_and_name_goes(text: str, gone: str) -> None:
    assert gone not in _redacted(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Omeprazole 20 mg PC 40 mg daily.", "PC 40 mg"),
        ("Antibiotics: DC 12 Hours after the last spike.", "DC 12 Hours"),
        ("Plan: DC 14 Ward round tomorrow.", "DC 14 Ward"),
    ],
)
def test_a_dose_or_a_plan_after_a_rank_like_abbreviation_stays(text: str, kept: str) -> None:
    assert kept in _redacted(text)


# The blind half dev48: 20 notes, 401 identifiers, 245 clinical terms. Blind (main 3394cb3c):
# 386/401 and 5 damaged; after this session's rules 394/401 (the 7 left are facilities).
def test_dev48_parses_and_stays_at_its_figures() -> None:
    notes = load("dev48")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 401
    assert sum(len(n.clinical) for n in notes) == 245

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 394
    assert result.clinical_damaged <= 5
    for kind in ("ID", "VEHICLE", "DEVICE", "PERSON"):
        assert result.found[kind] == result.total[kind], kind
