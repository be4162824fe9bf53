"""Round 21 (people): names told by the words around them (deid_person_contexts,
deid_name_parts, deid_data_names): a rank before a surname, a role said to be someone, a
possessive before a kin word, a quoted name beside a relation, sign-offs, initials of who did the
work or before a bracketed role, a role's field closing its line, a name before "my boss",
late-found names echoed, a surname's particles after a title, a census cell's surname in
capitals, credentials after a one-word name, and names under person keys in exported data.
Invented examples only."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _redact(text: str) -> str:
    return Redactor(shift_days=3).redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Brought in by Sgt. Baker and Ofc. Meadow after the crash.", "Meadow"),
        ("Brought in by Sgt. Baker and Ofc. Meadow after the crash.", "Baker"),
        ("Statement taken by Det. Field at 14:00.", "Field"),
        ("Her key worker at Open Door is Sparrow (0400 111 222).", "Sparrow"),
        ("The support worker was Tinker, who stayed overnight.", "Tinker"),
        ("Obs fine. Jez's daughter visits on weekends.", "Jez"),
        ("Told that Marlo's eldest son would drive her home.", "Marlo"),
        ('Calls out at night for "Pudding" (late husband).', "Pudding"),
        ('Brother "Moose" and a cousin came in.', "Moose"),
        ("Thanks, will pass it on. - K\n", "- K"),
        ("Sure, the clinic is at 3. -- Wendell\n", "Wendell"),
        ("Path: first read NH, second read QJ   2026-01-02", "QJ"),
        ("Attending: Dr A Lum; scribe W.P.; signed 09:10", "W.P."),
        ("Anaesthetist: Dr B Oyelaran\nScrub nurse: Shepherd\nRecovery: Bay 2", "Shepherd"),
        ("Took two days off at the depot; Marty\n  my manager was fine with it.", "Marty"),
        ("Her aunty Kereru is main support. Later Kereru (021 000 111) rang back.", "Kereru"),
        ("Consent witnessed by mevr. van 't Riet on the ward.", "'t Riet"),
        ("Bed 4 | HALLORAN, Autumn M     | 00112233 | 71", "HALLORAN"),
        ("Bed 5 | DOS SANTOS-REIS, Bruna | 00112234 | 64", "DOS"),
        ("Outreach: Kiri Moana, NP; Harbour, CHW; Tane, RN", "Harbour"),
        ("The hearing: Hon. Justice Fielding presiding.", "Fielding"),
        ("Officer Meadow said he was calm on arrival.", "Meadow"),
        ("Sent: Tuesday\nTo: Sparrow, Linden; Cc: Okoro, Ada", "Linden"),
        ("Many thanks\nLinden Sparrow\nCare Coordinator\nNorthgate Trust", "Linden Sparrow"),
        ("Linden Sparrow | Peer Support Worker | 0400 111 222", "Linden Sparrow"),
    ],
)
def test_names_go(text: str, gone: str) -> None:
    assert gone not in _redact(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ('{"patient": {"given": ["Linden", "Mae"], "family": "Sparrow"}}', "Sparrow"),
        ('{"patient": {"given": ["Linden", "Mae"], "family": "Sparrow"}}', "Mae"),
        ('"surname": "Meadow",\n"forename": "Linden",', "Meadow"),
        ("<family>Meadow</family><given>Linden</given>", "Meadow"),
        ('<name><family value="Meadow"/><given value="Linden"/></name>', "Meadow"),
        ("GET /search?last_name=Meadow&first_name=Linden", "Meadow"),
        ("nok_name: Hope Meadow\nnok_relation: daughter", "Hope Meadow"),
        ('{"apellidos": "Campo Verde", "nombre": "Rocío"}', "Campo Verde"),
        ('{"contact": {"name": "Linden Sparrow"}}', "Sparrow"),
    ],
)
def test_names_in_data_go(text: str, gone: str) -> None:
    assert gone not in _redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "Patient's daughter rang. Crohn's disease flare; Murphy's sign negative.",
        "Down's syndrome. Father's day visit planned. Everyone's son was there.",
        "- Continue current plan\n- Nil by mouth\n- Repeat FBC",
        "Her GP is Unknown at present. The plan is Home with support.",
        "Consultant: Cardiology\nGP: Practice",
        "From: Cardiology, Admin",
        "Plan:\n- CPN to visit weekly\n- MW to call",
        "Driver: Yes\nStudent: None\nNight: Settled\nOn call: Orthopaedics",
        "Sadly my husband died last year, she said.",
        "Reviewed CT chest. Checked BM 6.2. Given IV fluids.",
        "Wilson's disease screen: caeruloplasmin low.",
        '{"drug_name": "Metformin", "name": "Full blood count", "given": "unknown"}',
        '{"code": {"display": "Type 2 diabetes mellitus"}, "status": "active"}',
        "<test_name>Ferritin</test_name><value>12</value>",
        "Mental Health Team - Nurse Specialist\nWound Care, Nurse Specialist",
    ],
)
def test_no_one_is_named(text: str) -> None:
    assert _redact(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Plan d/w QT (reg) - continue antibiotics.", "QT"),
        ("Per WJ: hold the evening dose.", "WJ"),
        ("Present: Ana Lusk (ward clerk), YB (CN)", "YB"),
        ("Cosigned: V.G.", "V.G."),
        ("Son 王磊 (Wang Lei) asks about discharge.", "Wang Lei"),
        ("| Mon | Early: Linden | Late: Shepherd |", "Shepherd"),
        ("On call: Meadow (bleep 4412)", "Meadow"),
        ("Key worker: Sparrow", "Sparrow"),
    ],
)
def test_initials_go(text: str, gone: str) -> None:
    assert gone not in _redact(text)


def test_clinical_letters_beside_the_same_cues_stay() -> None:
    text = (
        "Discussed with ICU. d/w GP. Per OT: ok. CT to review. ECG (RN) done. Hb (g/L) 120. "
        "No mania per MDQ. Managed per NICE guidance."
    )
    assert _redact(text) == text


def test_an_echo_leaves_a_sentence_opening_plain_word() -> None:
    out = _redact("Her nurse Frank visited. Frank haematuria on catheter review.")
    assert "nurse [NAME] visited" in out and "Frank haematuria" in out, out


def test_eponyms_after_a_late_found_surname_stay() -> None:
    out = _redact("Her nurse Murphy called. Murphy's sign was negative.")
    assert "Murphy's sign" in out, out
