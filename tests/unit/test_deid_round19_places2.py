"""Round 19, second wave on numbers, codes, streets, telephone numbers and ages: dates read by
the dates beside them, logins in other languages and message headers, a Polish ledger number
without its colon, ages in a wrapped pipe table, a card's letters before its number, pager and
ward lines, Indonesian practice permits, prescription codes, incident numbers, British road
numbers, Spanish rural and Indian post-office addresses."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _gone(text: str) -> str:
    return Redactor(shift_days=40).redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        # A run of days and months with one that can only be a date.
        ("Forgot her tablets twice (28/5 and 2/6) while visiting family.", "2/6"),
        # A bracket of a list's value beside a dated bracket.
        ("Creatinine 141 (4/2), 128 (19 Feb), improving.", "4/2"),
        ("INR 3.4 (2 Mar), 2.7 (9/3), dose unchanged.", "9/3"),
        # A preposition and "the" before a day, month and a word.
        ("Bloods went off via the 7/2 courier to the central lab.", "7/2"),
        # Logins after the login words of other languages and in a message header.
        ("Hemprogram i appen, inlogg karin.holm61, varje dag.", "karin.holm61"),
        ("Benutzername k.maier7 für das Portal.", "k.maier7"),
        ("From: tbrightwater22 (patient account)   To: clinic pool", "tbrightwater22"),
        ("Reached the daughter on Zalo (zalo: hoa.nguyen.88).", "hoa.nguyen.88"),
        # The Polish ledger number without a colon, also on the next line.
        ("Pacjent przyjęty, nr księgi głównej 2026/11873, oddział B.", "2026/11873"),
        ("PESEL 61020304050, nr księgi głównej\n  2026/11874\nOddział: II", "2026/11874"),
        # A card's capitals before a number read as a telephone number.
        ("Sahha card QX 1 044 509 3381 7 seen.", "QX"),
        # A pager's short form and a ward's internal line.
        ("Discussed with the registrar, pg 3318.", "3318"),
        ("Contact ward: local 6024", "6024"),
        # Indonesia's practice permit; an e-prescription's access code; an incident number.
        ("dr. Hartono, Sp.PD   SIP 503/C.12/2025", "503/C.12/2025"),
        ("Recepta elektroniczna kod 8172 wysłana SMS-em.", "8172"),
        ("Police attended (incident 26/1104/0291).", "26/1104/0291"),
        # Roads by number, a rural Spanish address, an Indian post office.
        ("The house is a mile off the B927 past the church.", "B927"),
        ("Joined the M62 at junction 24 before the crash.", "M62"),
        ("Third house on the right of the Mbeki gravel road.", "gravel road"),
        ("Domicilio: Partida La Solana, pol. 12 parc. 88, Pedreguer.", "parc. 88"),
        ("Address: KP 9/1182, Kowdiar Junction PO,\nTrivandrum.", "Kowdiar Junction PO"),
        ("Địa chỉ: Số 18/4 hẻm 7 Nguyễn Trãi, Phường 2.", "18/4"),
        # A study's date after its name, before its findings.
        ("Ultrassom 7/3: vesícula normal, sem cálculos.", "7/3"),
        ("Barium swallow (2/17): no stricture seen.", "2/17"),
        # Post boxes in other languages; a plot in lower case before its road.
        ("Hy boer op Plaas Doringkop, Posbus 77, Vredendal.", "Posbus 77"),
        ("Correspondencia: Apartado 2215, Lugo.", "2215"),
        ("Lives on plot 2291 Kiambu-Limuru road with her son.", "plot 2291"),
        # A day alone: French after a participle, English before a clause's subject, and an
        # Australian afternoon.
        ("Hospitalisation prolongée, retour prévu le 23. Famille informée.", "le 23"),
        ("Her sugar was 14 on the 22nd she told me on the phone.", "22nd"),
        ("Can come in Thu arvo after school pickup.", "Thu arvo"),
    ],
)
def test_identifiers_go(text: str, gone: str) -> None:
    assert gone not in _gone(text)


def test_age_in_a_wrapped_pipe_table() -> None:
    text = (
        "Bed | Patient            | Hosp No   | Age | Dx\n"
        "  | Consultant  | Notes\n"
        "2-01| TORRES, Amalia | XH-55-10293 | 96 | urosepsis,\n"
        "  started IV abx | Reyes | family aware\n"
        "2-02| LIM, Benito | XH-71-22817 | 58 | COPD |\n"
        "  Reyes | for review\n"
    )
    out = _gone(text)
    assert "| 96 |" not in out
    assert "| 58 |" in out


@pytest.mark.parametrize(
    "text",
    [
        # Grades, fractions and ratios stay.
        "Power 4/5 and 3/5 in the left leg.",
        "Take 1/2 and then 3/4 of a tablet.",
        "Visual acuity read on the 6/9 line with pinhole.",
        "Started on the 1/2 tablet regimen.",
        "Motor power 3/5 (2/5 last week), improving.",
        # A drug by mouth after a dose is no post office; the pager's page number stays.
        "Tab 1/2, Paracetamol PO, then review.",
        "See pg 12 of the guideline.",
        "Local 1000 units of heparin flushed.",
        # Vitamins, pulleys and receptors stay.
        "She is on the B12 injections monthly.",
        "Tenderness over the A2 pulley.",
        "Antagonist at the M1 receptor.",
        "No further incident 2024 audit items.",
        "Classé le 2e sur la liste, dosé le 3 mg.",
        "Fractures of the 5th the 6th ribs.",
        "Sentinel nodes 2/14: positive for carcinoma.",
        "Murmur 3/6: harsh, radiating to the carotids.",
        "Hip flexion power 4/5: limited by pain.",
        "Cough for 3/12: worse at night.",
        "Booked on the 3/12 review with the nurse.",
    ],
)
def test_clinical_text_stays(text: str) -> None:
    assert _gone(text) == text


def test_a_run_of_dates_is_shifted_in_its_own_layout() -> None:
    # "3/9" and "5/9" are read day first like "14/8" beside them: 40 days on.
    out = _gone("Dressings changed 14/8, 3/9 and 5/9 by the district team.")
    assert out == "Dressings changed 23/9, 13/10 and 15/10 by the district team."


def test_acuities_with_one_numerator_are_no_run() -> None:
    text = "VA 6/18 and 6/12 with glasses."
    assert _gone(text) == text
