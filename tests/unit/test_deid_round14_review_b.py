"""Fourteenth round, second review (items 1-9): names, places and numbers the dev21 precision
rules kept. Every probe of the review is a negative test here (the name or number is removed);
the clinical readings the rules were written for stay, with invented examples."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "12345", date(1950, 1, 2)), shift_days=40)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


def _gone(text: str, *words: str) -> None:
    out = redact(text)
    for word in words:
        assert word not in out, (word, out)


@pytest.mark.parametrize(
    "text, names",
    [
        # item 1: a surname before a gravida/para, a TNM code or a bed and bay
        ("Delivery suite: Okafor G2P1 at 39 weeks, Brennan G1P0 induction.", ("Okafor", "Brennan")),
        ("MDT list:\n1. Kowalczyk T3N1M0 rectal adenocarcinoma", ("Kowalczyk",)),
        ("Kowalczyk C2M5 noted", ("Kowalczyk",)),
        ("Bed 7 Kowalczyk A1 B2 C3", ("Kowalczyk",)),
        # item 2: contacts and relatives before a result
        ("Contacts screened: Nowak negative, Wisniewska positive.", ("Nowak", "Wisniewska")),
        (
            "Household contacts:\n- Kowalczyk negative\n- Okafor positive (IGRA)",
            ("Kowalczyk", "Okafor"),
        ),
        ("Husband: Brennan positive for COVID", ("Brennan",)),
        ("Partner: Brennan negative for HIV", ("Brennan",)),
        # item 3: a name or place in brackets before a time or a count
        ("Seen in ED (Nowak) 2 days ago", ("Nowak",)),
        ("Referred to CMHT (Adeyemi) 2/52 ago", ("Adeyemi",)),
        ("Spoke with CPN (Adeyemi) 2 days ago", ("Adeyemi",)),
        ("Discussed with OPD (Kowalczyk) 2 weeks ago", ("Kowalczyk",)),
        ("Transferred from ICU (Leeds) 3 days ago", ("Leeds",)),
        ("Seen at Royal Infirmary (Newcastle) 2 weeks ago", ("Newcastle",)),
        # item 5: a name before a dose
        ("Seen by Dr Okafor. Okafor 0,5 mg lorazepam given", ("Okafor",)),
        ("Given by Brandstetter 2,5 mg midazolam", ("Brandstetter",)),
        ("Bed 12: Okafor Bisoprolol 1,25 mg held", ("Okafor",)),
        ("Bed 4 Kowalczyk Ramipril 2,5 mg omitted", ("Kowalczyk",)),
        ("Seen by Dr Okafor. Okafor 0.5 mg lorazepam given", ("Okafor",)),
        ("Given by Brandstetter 2.5 mg midazolam", ("Brandstetter",)),
        # item 6: names and places that were foreign clinical words
        ("Seen with Mr Safra today; Safra reports less pain.", ("Safra",)),
        ("Nurse Nefes Yilmaz on shift. Nefes says he slept.", ("Nefes", "Yilmaz")),
        ("Interpreter: Bordas.", ("Bordas",)),
        ("Son-in-law Damar called.", ("Damar",)),
        ("Born in Agri, Turkey", ("Agri",)),
        # item 7: checklist, exercises, calculator after a surname
        ("Kowalczyk checklist completed before transfer.", ("Kowalczyk",)),
        ("Brennan exercises taught; Brennan calculator used.", ("Brennan",)),
        # item 8: a bay board
        ("T1 OKAFOR B - awaiting bed.", ("OKAFOR",)),
        ("Bed T2 MURPHY J, T1 KELLY P", ("KELLY",)),
        # item 9: a name before PEN
        ("Seen by Brennan PEN review booked.", ("Brennan",)),
        ("Spoke to Kowalczyk PEN for insulin.", ("Kowalczyk",)),
    ],
)
def test_review_probe_names_are_removed(text: str, names: tuple[str, ...]) -> None:
    _gone(text, *names)


@pytest.mark.parametrize(
    "text, number",
    [
        ("Claim G12P4567 submitted.", "G12P4567"),
        ("Member G3P1011 active.", "G3P1011"),
        ("Policy: G4P2871.", "G4P2871"),
        ("Account G2P1 open", "G2P1"),
    ],
)
def test_review_probe_numbers_shaped_like_gravida_para_are_removed(text: str, number: str) -> None:
    _gone(text, number)


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Endoscopy: Prague C3M5 Barrett segment.", "Prague C3M5"),
        ("Obstetric history G3P2 at booking.", "G3P2"),
        ("Obstetric history G4P2012 noted.", "G4P2012"),
        ("QTc (Bazett) 452 ms on admission.", "Bazett"),
        ("Xyzodol PEN 10 units at night.", "Xyzodol"),
        ("Tests: Mantoux negative.", "Mantoux"),
        ("MRI knee: T1 TSE and PD SPAIR sequences.", "T1 TSE"),
        ("Pelvic floor: Kegel exercises daily.", "Kegel"),
        ("Screening: Quantiferon negative.", "Quantiferon"),
    ],
)
def test_clinical_readings_stay(text: str, kept: str) -> None:
    assert kept in redact(text), redact(text)
