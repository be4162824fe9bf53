"""Round 20 (people, second helper): one-word names read from where they stand (deid_role_names):
after a role in lower case, before a telephoning or saying verb, an initial before a surname no
dictionary holds, a surname after a quoted nickname, a message header's "Surname, Given", a
word said to be someone's relation or carer, and initials after "by". Invented examples only."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _redact(text: str) -> str:
    return Redactor(shift_days=3).redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Ortho ward round: OT nurse Tavita has the splint.", "Tavita"),
        ("Wound care by the district nurse Raj this week.", "Raj"),
        ("Her aunty Moana will stay overnight.", "Moana"),
        ("Blessing rang about transport home.", "Blessing"),
        ("Obs stable. Huia phoned back at noon.", "Huia"),
        ("Specimen grossed by QT", "QT"),
        ("Minutes: T. Halvorsen", "Halvorsen"),
        ("Minutes: T. Halvorsen", "T."),
        ('Visited by his friend Ravi "Bunty" Shetty.', "Shetty"),
        ("To: Crane, Ottilie\nSubject: bed 9", "Crane"),
        ("Obs stable. Teuila brought clean clothes.", "Teuila"),
        ("Marigold has been her carer for years.", "Marigold"),
        ("Cc: Mbeki, Lindiwe; Quarry, Saoirse", "Quarry"),
    ],
)
def test_names_go(text: str, gone: str) -> None:
    assert gone not in _redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Seen by the nurse Practitioner today.",
        "Pharmacy rang about the discharge medicines. Lab phoned with a critical potassium.",
        "He said he was fine. Patient asked for analgesia.",
        "Confirmed by PCR. Diagnosed by MRI. Fed by NG.",
        "Grew S. Aureus and E. Coli on culture. CSF: L. Monocytogenes. Film: P. Falciparum.",
        "Transport brought him back at noon. Mobility is her main concern.",
        "Physio visited. This is her carer's day off.",
        "Parkinson disease and Graves disease; Bell palsy resolved.",
        "We hope to see improvement; a saving grace that the fall was witnessed.",
        "From: Cardiology, Admin",
    ],
)
def test_clinical_and_plain_words_stay(text: str) -> None:
    assert _redact(text) == text


_CENSUS = (
    "BED   NAME              MRN         ATTENDING   DX\n"
    "7N01  QUILL, ODETTE     700123456   Sexton      atrial flutter\n"
    "7N02  MARR, DESMOND     700123457   Cardiology  chest pain\n"
)
_CSV = (
    "Bed,Patient,MRN,Attending,PCP,Dx\n"
    '12A,"VANCE, ELODIE",XK0099123,Glover,Parsons,Graves disease\n'
)
_PIPES = (
    "| Patient | Consultant | Diagnosis |\n|---|---|---|\n| Tull J | Cushing | Cushing syndrome |\n"
)


def test_role_column_surnames_go() -> None:
    census = _redact(_CENSUS)
    assert "Sexton" not in census
    assert "Cardiology" in census and "atrial flutter" in census
    csv_out = _redact(_CSV)
    assert "Glover" not in csv_out and "Parsons" not in csv_out
    assert "Graves disease" in csv_out
    pipes = _redact(_PIPES)
    assert "| Cushing syndrome |" in pipes
    assert "| Cushing |" not in pipes


def test_initials_in_brackets_after_their_name_go() -> None:
    out = _redact("Sonographer: Imelda Vos-Kerr (IVK)   Prior: US abdomen")
    assert "IVK" not in out and "Vos-Kerr" not in out
    assert "US abdomen" in out


def test_capitals_in_brackets_after_other_words_stay() -> None:
    text = "Left ventricular hypertrophy (LVH) on the ECG; right eye (OD) clear."
    assert _redact(text) == text
