"""Session 51 (deid51a): identifiers that hold a digit where the fixed forms stop short, and
all-capital initials in a person's slot; values and abbreviations in the same places stay."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import redact

from medlocal.privacy.deid_digit_slots import digit_slot_candidates, wrapped_code_rests
from medlocal.privacy.deid_initial_slots import initial_slot_candidates
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_short_dates import short_date_candidates
from medlocal.privacy.deid_spans import Redaction


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # A UK registration in lower case or over a line break, after a vehicle's word.
        ("He was driving a blue Vauxhall Corsa kp71 wzt when it rolled.", "kp71 wzt"),
        ("Hit by a van, registration noted as fd 66 xrl by the crew.", "xrl"),
        ("Police gave the lorry's reg as BN19\nHTV, parked at the scene.", "HTV"),
        ("VRM LF21\nZPK seen on ANPR.", "ZPK"),
        ("index yj 64 tzl seen on the camera.", "tzl"),
        # A plate after another language's or a trade's word for a vehicle.
        ("Transferido na viatura USA 12 ao hospital.", "USA 12"),
        ("The LDV CA 712-449 took him to the mine clinic.", "712-449"),
        # An aircraft's registration after a word for it.
        ("HEMS G-ORBK stood down.", "G-ORBK"),
        # Digit groups of any length after a cue, ten digits or more.
        ("Phone handset IMEI 86 401933 218876 5 recorded for the alarm.", "218876"),
        # Capitals before three or more digit groups, nine digits or more.
        ("Ticket bon de transport BT 44 0218 5537 joined.", "0218 5537"),
        ("Oncotype requisition ODX 4 8812 0093 sent.", "ODX 4"),
        # A police officer's number.
        ("Statement taken by officer 2281 at the bedside.", "2281"),
        ("DC Parry (7713) took the statement.", "7713"),
    ],
)
def test_a_code_with_a_digit_is_removed(text: str, secret: str) -> None:
    assert secret not in redact(text)


def test_a_code_cut_by_a_line_break_is_grown_over_its_rest() -> None:
    text = "Order comms ref: QX31\n5512 0094\nSpecimen: urine."
    code = Redaction("id_number", 17, 21, "QX31", "[ID]")
    grown = list(wrapped_code_rests(text, [code], lexicon()))
    assert [r.original for r in grown] == ["QX31\n5512 0094"]


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Barthel index 85 MMSE 27 on admission.", "MMSE 27"),
        ("DC Metformin (1000) as eGFR fell.", "1000"),
        ("Pancreatic tail N2 disease on staging.", "N2"),
        ("He drove his car to clinic; hb12 and ph74 were normal.", "hb12"),
        ("GCS 15 14 15 15 overnight.", "15 14 15 15"),
        ("Serial 4 5 6 7 lactates all under 2.", "4 5 6 7"),
    ],
)
def test_values_beside_the_same_cues_stay(text: str, kept: str) -> None:
    assert kept in redact(text)
    assert not list(digit_slot_candidates(text, lexicon()))


@pytest.mark.parametrize(
    "text",
    ["WBC 12000 13000 15000 over three days.", "Locking plate (LCP 12) applied to the radius."],
)
def test_values_this_rule_leaves(text: str) -> None:
    # (The whole redactor removes these on main too, by older rules: only this rule is tested.)
    assert not list(digit_slot_candidates(text, lexicon()))


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Obs recorded by: PW/NKD at 06:00.", ["PW", "NKD"]),
        ("Handed over by GT to RS at 19:30.", ["GT", "RS"]),
        ("Bloods taken by tech LQ; Physiologist WD aware.", ["LQ", "WD"]),
        ("CSW VN and HCA RW helped her wash.", ["VN", "RW"]),
        ("Nurse MY recorded the obs.", ["MY"]),
        ("Crew: QH (Paramedic, HCPC PA41877)", ["QH"]),
        ("dikterat av KH", ["KH"]),
        ("Pflege: KR, FS\nArzt: Dr. Sommer", ["KR", "FS"]),
        ("| Bay | Pt | Named nurse |\n| 1 | DW | JF |\n| 2 | PK | JF |\n", ["DW", "PK"]),
    ],
)
def test_initials_in_a_persons_slot_are_removed(text: str, initials: list[str]) -> None:
    found = {r.original for r in initial_slot_candidates(text, lexicon())}
    assert set(initials) <= found
    out = redact(text)
    for value in initials:
        assert value not in out.replace("[NAME]", ""), (value, out)


@pytest.mark.parametrize(
    "text",
    [
        "Seen by OT and PT today.",
        "Diagnosis confirmed by CT and MRI.",
        "Reviewed by ENT, plan agreed.",
        "Discussed with ICU outreach; d/w GP re statin.",
        "Signed: Dr K Adeyemi, SpR ICM, on call.",
        "Nurse: NA. Physio: TBC.",
        "Physio II ring sized 30 mm; EuroSCORE II 3.8%.",
        "SSKIN bundle in place.",
        "HCA NOT to give fluids; nurse TO call the team.",
        "Midwife CTG reviewed at 02:00.",
        "| Patient | Problem |\n| chest pain | ECG |\n| SOB | CXR |\n",
        "| Drug | Dose | By |\n| paracetamol | 1 g | IV |\n| morphine | 2 mg | IM |\n",
    ],
)
def test_abbreviations_in_the_same_slots_stay(text: str) -> None:
    assert initial_slot_candidates(text, lexicon()) == []


def test_initials_in_a_slot_go_elsewhere_in_the_note_too() -> None:
    text = "Checked by QK.\nQK rang the family at 14:00."
    assert [r.original for r in initial_slot_candidates(text, lexicon())] == ["QK", "QK"]


def test_initials_before_a_credential_and_a_slash_are_removed() -> None:
    # deid_staff_initials' credential rule: the field may end at a slash ("DL, RN / Dr. Menon").
    assert "DL" not in redact("DL, RN / Dr. Menon")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Previous fills: 2/10, then monthly.", "2/10"),
        ("Physio to see her 9/12 at home.", "9/12"),
        ("Next appointments: 5/11 scan, then clinic.", "5/11"),
    ],
)
def test_a_bare_day_and_month_is_removed(text: str, day: str) -> None:
    assert day not in redact(text)
    assert [r.original for r in short_date_candidates(text, lexicon())] == [day]


@pytest.mark.parametrize(
    "text",
    [
        "Power 4/5 in the left leg; weakness 4/5 distally.",
        "Barthel 11/20 on transfer; IADL 2/8.",
        "ER 8/8, PR 6/8 (Allred).",
        "Antibiotics for 5/7 then review; symptoms 2/52 ago; 4/12 history of cough.",
        "VA 6/9 right, 6/12 left.",
        "Take 1/2 tablet at night.",
        "Pregnant, 38 4/7 weeks by scan.",
        "Monofilament 4/10 sites felt.",
        "Targin 10/5 twice daily.",
        "Chest film: profusion 2/1.",
        "BP 120/80, pain 3/10.",
    ],
)
def test_values_written_as_a_pair_stay(text: str) -> None:
    assert list(short_date_candidates(text, lexicon())) == []
