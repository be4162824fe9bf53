"""deid56b (issue 16, AGE, VEHICLE, ID and DATE recall): a code printed after its label's own
abbreviation (deid_label_abbreviations), call signs of a spelling-alphabet word and vehicles
named after another language's vehicle word (deid_call_sign_words), ages over 89 as one word of
another language or after "(she) is" (deid_age_words), and a day and month with a time of day
after them (deid_timed_days). Each rule removes text, so each comes with the clinical numbers and
words that must stay beside it."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_age_words import age_word_candidates
from medlocal.privacy.deid_call_sign_words import call_sign_word_candidates
from medlocal.privacy.deid_label_abbreviations import label_abbreviation_candidates
from medlocal.privacy.deid_timed_days import timed_day_candidates

# Must go: each leaves the listed part in view on main c471fa7.
_REMOVED = [
    ("Lab order ord 7731904, blood culture accession bc26-33817.", (" ord ",)),
    ("Einsender: Kreiskrankenhaus, Auftrag auf 330918", ("auf 330918",)),
    ("Theatre booking thb 00917. Registrar reviewed.", ("thb", "00917")),
    ("Property bag pb 0041773. PNC id 26/0918273K.", (" pb ",)),
    ("BSN 114920417. Polisnummer pol 7720-4419-01.", (" pol ",)),
    ("Póliza pol. 88-2019-4471 vigente.", ("pol.", "4471")),
    ("ritnummer rit 88-40117 bevestigd", ("rit 88",)),
    ("Request id req 66104472; courier van SNP 212.", (" req ",)),
    ("Crew on scene, call sign DELTA 41, one patient.", ("41",)),
    ("Second unit hotel 12 attended the scene.", ("hotel 12",)),
    ("Arrived by Fire Rescue unit Rescue 14", ("Rescue 14",)),
    ("Trasporto con ambulanza Milano 17 della Croce Verde.", (" 17 ",)),
    ("Przywieziona karetką S1 447 (Falck).", ("S1 447",)),
    ("Der vierundneunzigjährige Patient wohnt allein.", ("vierundneunzigjährige",)),
    ("Nittiofemåriga kvinna, klar och orienterad.", ("Nittiofemåriga",)),
    ("La signora, novantaduenne, vive con il figlio.", ("novantaduenne",)),
    ("Madame est nonagénaire; fille présente.", ("nonagénaire",)),
    ("Senhora nonagenária, acamada.", ("nonagenária",)),
    ("Dziewięćdziesięcioczteroletnia pacjentka, przytomna.", ("Dziewięćdziesięcioczteroletnia",)),
    ("Begeleider nodig (patiënt is 93).", ("93",)),
    ("Episodio ep 26-118092 abierto.", (" ep ",)),
    ("Cita cit 0092281. Próxima revisión.", (" cit ",)),
    ("Ophalen 08-12 08:30 aan de voordeur.", ("08-12",)),
    ("Terug: 08-12 14:00, zelfde rit.", ("08-12",)),
]


@pytest.mark.parametrize(("text", "parts"), _REMOVED)
def test_codes_call_signs_ages_and_timed_days_go(text: str, parts: tuple[str, ...]) -> None:
    gone(text, *parts)


# Must stay, right where the rules remove text: doses, lab values and ranges, ages under 90,
# years, scores, classes, strengths, ECG leads, times, beds and wards.
_KEPT = [
    ("Platelets plt 250000 on admission.", "250000"),
    ("Haemoglobin hb 120 g/L, Na 135-145.", "120"),
    ("Weight wt 8800 g at birth.", "8800"),
    ("Seen at the ED at 0300, CT brain clear.", "0300"),
    ("Plan: review le 07/03/2025 en clinique.", "le"),
    ("Dose do 1000 mg twice daily.", "1000 mg"),
    ("echo 12 weeks post MI, EF 45%.", "echo 12"),
    ("Golf 18 holes weekly, walks 2 km.", "Golf 18"),
    ("whisky 12 units a week", "whisky 12"),
    ("Crew noted GCS 15, NYHA class 3, 12 lead ECG: AF.", "GCS 15"),
    ("Crew noted GCS 15, NYHA class 3, 12 lead ECG: AF.", "NYHA class 3"),
    ("Crew noted GCS 15, NYHA class 3, 12 lead ECG: AF.", "12 lead"),
    ("Unit C-2 bunk 14, medical hold.", "C-2"),
    ("Ambulance Bay 3, handover 10:31, bed 6.", "Bay 3"),
    ("Stroke unit Ward 12, bed 4.", "Ward 12"),
    ("She is 85, lives alone; her son is 62.", "85"),
    ("She is 95% saturated on air.", "95%"),
    ("he was 96 kg at the last visit", "96 kg"),
    ("SpO2 is 94, HR was 96 bpm.", "94"),
    ("CA 19-9 812 U/mL, BGL 3.1 05:00.", "19-9"),
    ("Born in 1931, in his 80s, aged 88.", "88"),
    ("Amoxicillin 500 mg tds, bisoprolol 2.5 mg od.", "2.5 mg"),
]


@pytest.mark.parametrize(("text", "part"), _KEPT)
def test_clinical_numbers_beside_the_rules_stay(text: str, part: str) -> None:
    kept(text, part)


@pytest.mark.parametrize(
    "text",
    [
        "Platelets plt 250000 on admission.",
        "Weight wt 8800 g at birth.",
        "Seen at the ED at 0300, CT brain clear.",
        "Plan: review le 07/03/2025 en clinique.",
        "Sodium na 1350 mg daily restriction",
    ],
)
def test_label_abbreviations_read_no_value(text: str) -> None:
    assert list(label_abbreviation_candidates(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "echo 12 weeks post MI",
        "Golf 18 holes weekly",
        "Unit C-2 bunk 14",
        "ambulance Monday 14:00",
        "Ambulance Bay 3",
        "Crew: delta 4 mg given",
        "Patient attended echo 2 today",
        "Crew attended; x-ray 3 views",
    ],
)
def test_call_sign_words_read_no_clinical_number(text: str) -> None:
    assert list(call_sign_word_candidates(text)) == []


@pytest.mark.parametrize(
    "text", ["She is 85.", "She is 95% saturated.", "he was 96 kg", "SpO2 is 94.", "Alter 94"]
)
def test_age_words_read_no_value(text: str) -> None:
    assert list(age_word_candidates(text)) == []


@pytest.mark.parametrize(
    "text", ["CA 19-9 812 U/mL", "BGL 3.1 05:00", "Ratio 2/3 10", "BP 14/9 08.30", "5-7 08"]
)
def test_timed_days_read_no_value(text: str) -> None:
    assert list(timed_day_candidates(text)) == []


# Must-remove probes where the rules keep text (a known short word, a clinical abbreviation,
# a place's word after "unit"): names and codes placed right there still go.
@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Booked at 0300 by Dr Okonkwo-Hartley, MRN 4471882.", "4471882"),
        ("Unit C-2, inmate Kowalczyk, custody no. GM/22/88417.", "88417"),
        ("Ambulance Bay 3: crew Tamsin Lowe, reg WX19 KPL.", "WX19 KPL"),
        ("Platelets plt 250000; daughter Siobhán Ní Bhriain visits.", "Siobhán"),
    ],
)
def test_identifiers_beside_the_kept_numbers_still_go(text: str, part: str) -> None:
    gone(text, part)


def test_readings_stay_linear() -> None:
    assert_linear(lambda n: redact("Auftrag" + " " * n + "auf 330918"), 10_000)
    assert_linear(lambda n: redact("call sign" + " " * n + "DELTA 41"), 10_000)
    assert_linear(lambda n: redact("ambulanza" + " " * n + "Milano 17"), 10_000)
    assert_linear(lambda n: redact("patiënt is" + " " * n + "93."), 10_000)
    assert_linear(lambda n: redact("08-12" + " " * n + "08:30"), 10_000)
    assert_linear(lambda n: redact("neunzig" * n + "jährige"), 2_000)


# The blind half dev63: 20 notes, 304 identifiers, 148 clinical terms. Blind (main c471fa7):
# 264/304 and 1 damaged.
def test_dev63_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev63")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 304
    assert sum(len(n.clinical) for n in notes) == 148

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 264
    assert result.clinical_damaged <= 1
