"""Round 9b: national numbers with check digits, scheme numbers, helplines, area parts,
Malaysian and Irish streets, ordinal streets, day lists and Nordic weekdays (invented examples),
and the clinical look-alikes that must be kept."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_area_streets import AREA_STREET_PATTERNS
from medlocal.privacy.deid_check_codes import check_code_candidates
from medlocal.privacy.deid_patterns import pattern_candidates


def _found(text: str) -> list[str]:
    return [text[r.start : r.end] for r in pattern_candidates(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("CNIC: 35202-9182736-5 on file", "35202-9182736-5"),
        ("ID card K654321(A) seen", "K654321(A)"),
        ("Hospital no. PY30118822(6)", "PY30118822(6)"),
        ("Card 7781 0392 5518 4 verified", "7781 0392 5518 4"),
        ("OHIP 6620 481 093 KT today", "6620 481 093 KT"),
        ("BHYT HN 2 01 33 448 91027", "HN 2 01 33 448 91027"),
        ("Scheme: PMJAY 41-0772-318850.", "PMJAY 41-0772-318850"),
        ("claim W/C 24/077310 opened", "W/C 24/077310"),
        ("Cook County case 23 CV 014482.", "23 CV 014482"),
        ("dossier n° 01732/2024, ", "01732/2024"),
        ("licence nr 00917/11/3388", "00917/11/3388"),
        ("cert 009931/HNI-CCHN issued", "009931/HNI-CCHN"),
        ("call 116 111 tonight", "116 111"),
        ("Ward clerk ext 4-2290", "4-2290"),
        ("Tel 250-555-0192 local 3318", "3318"),
        ("Deputy R. Okafor #2219 attended", "2219"),
        ("ambulancia matrícula 9082 GHT", "9082 GHT"),
    ],
)
def test_codes_by_form(text: str, value: str) -> None:
    assert any(value in found for found in _found(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("lives at E. 52nd Street since May", "E. 52nd Street"),
        ("home: 1507 - 2290 Birchmount Rd, Surrey", "1507 - 2290 Birchmount Rd"),
        ("from Site B, 418 Ntlazane Cres.", "Site B, 418 Ntlazane Cres"),
        ("off Ngong Rd, plot 27, Nairobi", "Ngong Rd, plot 27"),
        ("No. 5, Jalan Kenanga 2, Taman Bukit Indah, Johor", "Jalan Kenanga 2, Taman Bukit Indah"),
        ("Block C, Sector 9, Dwarka, Delhi", "Block C, Sector 9, Dwarka"),
        ("SCF 44, Sector 22-B, Chandigarh", "SCF 44, Sector 22-B"),
        ("address 4 Bóthar na Trá, Salthill", "4 Bóthar na Trá"),
        ("Venue: 14 Mill Bank, Halifax", "14 Mill Bank"),
        ("near Willow Brook Rd today", "Willow Brook Rd"),
        ("Lab, Madurai – 625020", "625020"),
    ],
)
def test_addresses_by_form(text: str, value: str) -> None:
    assert any(value in found for found in _found(text))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Seen on March 3 and 10, 2025 for review", "March 3 and 10, 2025"),
        ("klinik on 4th, 11th: October 4, 11 & 18, 2023", "October 4, 11 & 18, 2023"),
        ("Föll natten till fredagen den 14 mars", "fredagen den 14 mars"),
    ],
)
def test_dates_by_form(text: str, value: str) -> None:
    assert any(value in found for found in _found(text))


@pytest.mark.parametrize(
    "text",
    [
        "Complete AV block, Sector scan normal",
        "Right femoral nerve block, 20 mL ropivacaine",
        "Block 2, 3 and 4 of the protocol",
        "Amlodipine 1-0-0, metformin 500 mg 1-0-1",
        "BP 120/80, HR 72, SpO2 98%, RR 16",
        "Platelets 1500 2200 2500 3100 5",
        "L4-L5 disc, ECG leads V1-V6, GCS 15/15",
        "24 HR 15000 mL output, MMSE 24/30",
        "Hb 12.1 (11.5-16.5), Na 138 (135-145)",
        "sodium 116 123 134 on serial checks",
        "ANA 1/160, titre 1:320",
        "Cyclophosphamide 750 mg/m2, day 1-8-15",
    ],
)
def test_clinical_look_alikes_kept(text: str) -> None:
    """None of this round's forms finds anything in clinical text."""
    found = [r.text for r in check_code_candidates(text)]
    found += [m.group() for _, pattern in AREA_STREET_PATTERNS for m in pattern.finditer(text)]
    assert found == []
