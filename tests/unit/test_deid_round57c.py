"""deid57c (issue 16, ID, VEHICLE and AGE recall; dev67): codes printed in forms no value takes
(a zero-led number after a slash, a blood donation's grouped number: deid_printed_codes), call
signs of two or three spelling-alphabet words, ambulances of other languages before a plate,
Afrikaans ages and a German age after the year of birth; and three precision guards: a room's or
a lab's own abbreviation before its number (deid_label_abbreviations), Read and tariff codes
(deid_worded_code_systems), other languages' vital signs beside an ambulance's word. Each rule
that removes text comes with the clinical numbers that must stay beside it, each guard that
keeps text with the identifiers that must still go beside it."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_printed_codes import printed_code_candidates
from medlocal.privacy.deid_worded_code_systems import worded_system_code

# Must go: each leaves the listed part in view on main 976c78b.
_REMOVED = [
    ("Cartella 2026/044182, ricovero ordinario.", ("044182",)),
    ("Opname A26/044817 op de afdeling neurologie.", ("044817",)),
    ("Unit 1: donation no. G091 526 814 402 X, red cells.", (" X,",)),
    ("Unit 2: G091 526 814 519 M, issued to the ward.", ("814 519",)),
    ("Component DIN G0915 26 814402 transfused.", ("814402",)),
    ("Attending unit Kilo Mike 31 left at 06:40.", ("Kilo Mike 31",)),
    ("Crew: unit Lima Charlie 2 attended.", ("Lima Charlie 2",)),
    ("Die Patientin kam mit RTW M-RK 7214 aus der Stadt.", ("7214",)),
    ("Trasladada en ambulancia desde casa (4471 KTV).", ("4471 KTV",)),
    ("Mevrouw werd per ziekenwagen 1-KLM-417 vervoerd.", ("1-KLM-417",)),
    ("Ambulanza targa FC 418 KM, arrivata alle 10.", ("418",)),
    ("Mev. Visser is vyf-en-negentig en woon alleen.", ("vyf-en",)),
    ("Herr Aebischer, Jg. 1930, 96 J., wohnhaft in Bern.", ("96 J",)),
]


@pytest.mark.parametrize(("text", "parts"), _REMOVED)
def test_codes_vehicles_and_ages_go(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


# Must stay, right where the new readings remove text: ratios, fractions, dilutions, doses,
# values, scores, vital signs, clinical codes, times and ages under 90.
_KEPT = [
    ("PaO2/FiO2 168, BP 120/80, dilution 1/100000.", "1/100000"),
    ("VA 6/36 right, MMSE 24/30, Gleason 4+3.", "6/36"),
    ("ICD-10 E11 65; T2 450 ms; E1234 12 mg.", "450 ms"),
    ("Attended echo 12 weeks ago; Golf Hotel 18 holes.", "echo 12 weeks"),
    ("En ambulancia: TA 120/80, FC 96, FR 22, SatO2 94%.", "TA 120/80"),
    ("En ambulancia: TA 120/80, FC 96, FR 22, SatO2 94%.", "FC 96"),
    ("Im RTW: HF 96, RR 140/80, BZ 140, AF 18.", "HF 96"),
    ("Im RTW: HF 96, RR 140/80, BZ 140, AF 18.", "BZ 140"),
    ("In ambulanza: PA 130/70, FC 88, GLIC 140.", "PA 130/70"),
    ("Hy is vier-en-negentig minute laat; sy is 85.", "85"),
    ("Shocked at 120 J, Jg. 1930 documented.", "120 J"),
    # Session 56's damage (note56): a place's own abbreviation before the place's number.
    ("Porter to trolley Room rm 1204 at 14:00.", "1204"),
    ("Blood Transfusion Laboratory   Lab lab 4411", "4411"),
    # Clinical codes after a system named by an ordinary word.
    ("Problem list: diabetes, READ code C10F.", "C10F"),
    ("Read code G30.. and CTV3 code XaIJQ recorded.", "G30.."),
    ("Procedure CPT 27236; tariff code 0190.", "0190"),
]


@pytest.mark.parametrize(("text", "part"), _KEPT)
def test_clinical_numbers_beside_the_rules_stay(text: str, part: str) -> None:
    kept(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "PaO2/FiO2 168, BP 120/80, dilution 1/100000",
        "PM 26/0118; ratio 1/0.5",
        "ICD-10 E11 65; E1234 12 mg; T2 450 ms",
        "Code C1234 567 890 is short",
    ],
)
def test_printed_codes_read_no_value(text: str) -> None:
    assert list(printed_code_candidates(text)) == []


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("READ code ", "C10F", True),
        ("Read code: ", "G30..", True),
        ("tariff code ", "0190", True),
        ("Read code ", "4417209", False),
        ("tariff code ", "77104218", False),
        ("access code ", "2231", False),
    ],
)
def test_worded_systems_keep_only_their_shape(text: str, value: str, expected: bool) -> None:
    assert worded_system_code(value, text + value, len(text)) is expected


# Must-remove probes where the guards keep text: names and codes placed right there still go.
@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Room rm 1204, Mr Okonkwo-Hartley visited, MRN 4471882.", "4471882"),
        ("Room rm 1204, Mr Okonkwo-Hartley visited, MRN 4471882.", "Okonkwo"),
        ("Toxicology Lab no. lab 4411 sent.", "4411"),
        ("Lab ref lab 4411 sent.", "4411"),
        ("READ code C10F; MRN 4471882; daughter Siobhán Ní Bhriain.", "4471882"),
        ("READ code C10F; MRN 4471882; daughter Siobhán Ní Bhriain.", "Siobhán"),
        ("Read code 4417209 on the form.", "4417209"),
        ("tariff code 77104218 billed to Discovery.", "77104218"),
        ("Door code 4471, access code 2231.", "2231"),
        ("En ambulancia: TA 120/80, FC 96; matrícula 4471 KTV.", "4471 KTV"),
        ("Im RTW: HF 96, BZ 140; Kennzeichen M-RK 7214.", "7214"),
    ],
)
def test_identifiers_beside_the_kept_numbers_still_go(text: str, part: str) -> None:
    gone(text, part)


def test_readings_stay_linear() -> None:
    assert_linear(lambda n: redact("unit Kilo" + " " * n + "Mike 31"), 10_000)
    assert_linear(lambda n: redact("Herr K., Jg." + " " * n + "1930, 96 J."), 10_000)
    assert_linear(lambda n: redact("RTW" + " " * n + "M-RK 7214"), 10_000)
    assert_linear(lambda n: redact("READ code" + " " * n + "C10F"), 10_000)
    assert_linear(lambda n: redact("G091" + " 526" * n + " X"), 2_000)
    assert_linear(lambda n: redact("2026/0" + "4" * n), 10_000)


# The blind half dev67: 20 notes, 273 identifiers, 146 clinical terms. Blind (main 976c78b):
# 254/273 and 5 damaged; deid57c 263/273 and 3 damaged (Room rm 1204's "Room" read as a name,
# "Lab lab 4411" inside the facility's span on its line, "Lactato" read as a name).
def test_dev67_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev67")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 273
    assert sum(len(n.clinical) for n in notes) == 146

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 263
    assert result.clinical_damaged <= 3
