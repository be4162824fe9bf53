"""Session 54 (deid54b): a found facility's initials and short name at its other mentions in the
note, and capital initials where a note sends or sees the patient (deid_facility_mentions), with
the clinical acronyms, units, specialties, lab names, eponyms and headings that must stay."""

from __future__ import annotations

import re

import pytest
from fixtures.deid_rules import redact

from medlocal.privacy.deid_facility_mentions import facility_mention_spans
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction


def _found(text: str, *names: str) -> list[Redaction]:
    """``names`` as the facilities the other rules found in ``text`` (first occurrence)."""
    out = []
    for name in names:
        at = text.index(name)
        out.append(Redaction("facility", at, at + len(name), name, "[FACILITY]"))
    return out


def _taken(text: str, *names: str) -> list[str]:
    """What the note loses: the found facilities and their other mentions (the rule gives no
    span inside a found one again: it is there already), each place once."""
    found = _found(text, *names)
    spans = {(r.start, r.end): r.original for r in found}
    for r in facility_mention_spans(text, found, lexicon()):
        spans.setdefault((r.start, r.end), r.original)
    return list(spans.values())


# The rule alone: each secret is taken at every mention, from the found facility's evidence.
@pytest.mark.parametrize(
    ("text", "found", "secret", "times"),
    [
        # An acronym defined in brackets, then used alone.
        (
            "Komfo Anokye Teaching Hospital (KATH). Referred on to KATH; at KATH on HDU.",
            ("Komfo Anokye Teaching Hospital", "KATH"),
            "KATH",
            3,
        ),
        # Initials the note never spells out, of a found facility's words (its kind's last
        # word, function words and a bracketed district left out).
        (
            "Royal Devon and Exeter Hospital (Wonford). Admitted to the RD&E in May.",
            ("Royal Devon and Exeter Hospital (Wonford)",),
            "RD&E",
            1,
        ),
        (
            "ALL INDIA INSTITUTE OF MEDICAL SCIENCES\nReview in OPD, AIIMS, Room 3.",
            None,
            "AIIMS",
            1,
        ),
        (
            "Centre hospitalier de l'Université de Montréal; later seen at the CHUM's clinic.",
            ("Centre hospitalier de l'Université de Montréal",),
            "CHUM",
            1,
        ),
        # A name without its kind's words, in any case.
        (
            "Followed at Mbagathi Hospital, then mbagathi referred her on.",
            ("Mbagathi Hospital",),
            "mbagathi",
            1,
        ),
        (
            "Presented to Suntreso Government Hospital. Bloods at Suntreso.",
            ("Suntreso Government Hospital",),
            "Suntreso",
            1,
        ),
    ],
)
def test_a_found_facility_is_taken_at_its_other_mentions(
    text: str, found: tuple[str, ...] | None, secret: str, times: int
) -> None:
    names = found or (text.split("\n")[0],)
    taken = _taken(text, *names)
    assert taken.count(secret) >= times, taken


@pytest.mark.parametrize(
    "text",
    [
        "He was transferred from KATH with AKI.",
        "She was admitted to RPAH overnight.",
        "Previously seen at QEH by the team.",
        "Referred to GOSH for a second opinion.",
        "To be followed up in CHOP clinic in May.",
        "After presentation to RIE ED with an overdose.",
        "Discharged back to the KNH after 3 days.",
    ],
)
def test_capital_initials_in_a_place_slot_are_taken(text: str) -> None:
    initials = re.findall(r"\b[A-Z]{3,4}\b", text)
    assert initials[0] in _taken(text), text


@pytest.mark.parametrize(
    ("text", "found", "secret"),
    [
        # Beside each guard: a lower-case word that is not clinical before the initials, a
        # lower-case word after a short form, a capital line with initials no word list holds.
        (
            "Komfo Anokye Teaching Hospital (KATH). Creatinine rose, so on to KATH today.",
            "Komfo Anokye Teaching Hospital",
            "KATH",
        ),
        (
            "Mbagathi Hospital in May. Dressings at mbagathi weekly.",
            "Mbagathi Hospital",
            "mbagathi",
        ),
        # A sentence's opening word before a short form is no part of a name.
        ("Newport Hospital in May. At Newport today.", "Newport Hospital", "Newport"),
        ("Mbagathi Hospital in May. Then Mbagathi referred her.", "Mbagathi Hospital", "Mbagathi"),
        (
            "Queen Elizabeth Hospital Birmingham (QEHB)\nQEHB DIABETES CLINIC - REVIEW",
            "Queen Elizabeth Hospital Birmingham",
            "QEHB",
        ),
        (
            "Tan Tock Seng Hospital stroke unit. Review at TTSH score clinic.",
            "Tan Tock Seng Hospital",
            "TTSH",
        ),
    ],
)
def test_must_remove_beside_the_guards(text: str, found: str, secret: str) -> None:
    at = text.rindex(secret)
    spans = facility_mention_spans(text, _found(text, found), lexicon())
    assert [r for r in spans if r.start <= at < r.end], text


def test_initials_taken_in_a_slot_are_taken_at_their_other_mentions() -> None:
    text = "After presentation to RIE ED she was cleared on the RIE's Acute Medical Unit."
    assert _taken(text).count("RIE") == 2


# The whole redactor: a short form after a full mention, and slot initials beside clinical
# acronyms that stay.
@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        (
            "Agogo Presbyterian Hospital referred him. Repeat bloods at agogo in 2 weeks.",
            "agogo",
            "bloods",
        ),
        ("He was transferred from KATH ICU for CT and MRI. Plan: FBC, U&E, LFT.", "KATH", "ICU"),
        ("Seen at QEH ED, then admitted to CCU. Plan: OPD review.", "QEH", "CCU"),
        ("Referred to GOSH; seen in OPD and HDU. ECG normal.", "GOSH", "HDU"),
    ],
)
def test_the_redactor_takes_mentions_and_keeps_clinical_acronyms(
    text: str, secret: str, kept: str
) -> None:
    out = redact(text)
    assert secret not in out, out
    assert kept in out, out


# What must stay: clinical abbreviations, units and specialties in capitals in a place slot;
# lab names; a heading in capitals; an eponym after a short form; a facility's initials that
# are a clinical abbreviation ("Medical Research Institute" -> MRI).
_SLOT_STAYS = [
    "ICU",
    "ED",
    "OPD",
    "CCU",
    "HDU",
    "ITU",
    "MRI",
    "CT",
    "FBC",
    "LFT",
    "MDT",
    "ENT",
    "GUM",
    "AMU",
    "SCBU",
    "NICU",
    "PICU",
    "EPU",
    "MAU",
    "CDU",
    "SDEC",
    "ORTHO",
    "NEURO",
    "GASTRO",
    "UROLOGY",
    "HAEM",
    "PAEDS",
    "GYNAE",
    "VASC",
    "PLASTICS",
    "MAXFAX",
    "TCU",
    "RAU",
    "SSU",
    "DAU",
    "AMAU",
    "MOU",
    "CATH",
    "THEATRE",
    "HOME",
    "WARD",
    "IAPT",
    "CAMHS",
    "CMHT",
    "CRHT",
    "SALT",
    "OPAT",
    "HASU",
    "CICU",
    "GPAU",
    "MASH",
    "REACT",
]


@pytest.mark.parametrize("word", _SLOT_STAYS)
def test_a_clinical_acronym_or_unit_in_a_slot_stays(word: str) -> None:
    for text in (
        f"He was transferred to {word} on day 2.",
        f"Seen in {word} clinic today.",
        f"Referred to {word} for review.",
        f"Reviewed by {word} this morning.",
    ):
        assert _taken(text) == [], text


@pytest.mark.parametrize(
    ("text", "found", "kept"),
    [
        # Initials that are a clinical abbreviation are never a facility's.
        (
            "Medical Research Institute grant. MRI brain on Monday.",
            "Medical Research Institute",
            "MRI",
        ),
        ("Emergency Care Group audit. ECG: sinus rhythm.", "Emergency Care Group", "ECG"),
        # A short form before an eponym's word stays.
        ("Seen at Wilkins Hospital in 2021. Wilkins score 7.", "Wilkins Hospital", "Wilkins score"),
        # A name of English words alone is never taken: "General" stays.
        (
            "Royal General Hospital. General condition good.",
            "Royal General Hospital",
            "General condition",
        ),
        # A short form that opens a clinical term or a longer Title Case name stays.
        (
            "Glasgow Royal Infirmary. GCS: Glasgow Coma Scale 15.",
            "Glasgow Royal Infirmary",
            "Glasgow Coma Scale",
        ),
        (
            "Nottingham City Hospital. Nottingham Prognostic Index 3.",
            "Nottingham City Hospital",
            "Nottingham Prognostic",
        ),
        ("Stanford Hospital. Stanford type B dissection.", "Stanford Hospital", "Stanford type"),
        (
            "CHU de Lille Hospital. Lille model 0.3 at day 7.",
            "CHU de Lille Hospital",
            "Lille model",
        ),
        ("Newport Hospital. Salmonella Newport grown.", "Newport Hospital", "Newport grown"),
        ("Newport Hospital. Grew serovar Newport.", "Newport Hospital", "Newport."),
        # A facility found as one capital word is carried only where brackets define it.
        ("CRISP team note. CRISP review tomorrow.", "CRISP", "CRISP review"),
        # Initials of a found facility right after a lower-case clinical word stay.
        (
            "Seen at Mater Children's Service. Sent for renal MCS and urea.",
            "Mater Children's Service",
            "MCS",
        ),
        # A line in capitals: an English word in capitals on it is no initials.
        ("Hope Hospital (HOPE).\nPLAN: HOPE FOR DISCHARGE", "HOPE", "HOPE FOR"),
    ],
)
def test_must_stay_beside_a_found_facility(text: str, found: str, kept: str) -> None:
    at = text.rindex(kept)
    spans = facility_mention_spans(text, _found(text, found), lexicon())
    assert not [r for r in spans if r.start < at + len(kept) and at < r.end], text


@pytest.mark.parametrize(
    "text",
    [
        "Labs: FBC, U&E, LFT, CRP sent to the lab; admitted to AMU.",
        "TRANSFERRED TO WARD 7 FROM RESUS. SEEN BY ORTHO.",
        "Delivered in MOU; baby admitted to SCBU. Seen by SALT and OT.",
        "Presented with DKA; admitted in DKA to HDU. Seen by CNS.",
    ],
)
def test_no_facility_in_clinical_lines(text: str) -> None:
    assert _taken(text) == [], text


# The blind half dev58: 20 notes, 271 identifiers (175 facilities), 178 clinical terms. Blind
# (main 02321fb): 255/271, FACILITY 160/175, 5 damaged; with deid_facility_mentions 265 and 5.
def test_dev58_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev58")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 271
    assert sum(len(n.clinical) for n in notes) == 178

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 265
    assert result.clinical_damaged <= 5
