"""deid61a (issue 16, FACILITY recall; dev77): a facility's initials where a note of any language
sends, sees or treats the patient ("Zuverlegt vom UKE", "overgeplaatst ... naar het LUMC", "retour
prévu au CHUL", "v Thomayerově nemocnici a ve VFN"), and initials a note defines beside a found
name in brackets ("... Ηρακλείου (ΠΑΓΝΗ)", "NLI (the National Liver Institute)"), go wherever the
note writes them (deid_slot_initials). Precision probes: the units of other languages' hospitals,
clinical abbreviations and tests after the same prepositions, headings in capitals, bracketed
capitals that do not spell the name before them."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_slot_initials import slot_initial_spans, spelled_out
from medlocal.privacy.deid_spans import Redaction, label

# Each initialism was left in view on main 19b7efa.
_IN_A_SLOT = [
    ("Zuverlegt vom UKE nach TAVI; Reha danach in Bad Segeberg.\n", ("UKE",)),
    ("Erstversorgung im Stadtspital Triemli, MRI im USZ.\n", ("USZ",)),
    ("Overgeplaatst vanuit Diakonessenhuis (SEH) naar het LUMC met GBS.\n", ("LUMC",)),
    ("Předtím vyšetřena v Thomayerově nemocnici a ve VFN.\n", ("VFN",)),
    ("CT hrudníku v IKEM, kontrola za 3 měsíce.\n", ("IKEM",)),
    ("Retour prévu au CHUL puis en réadaptation.\n", ("CHUL",)),
    ("Pernah dirawat di St. Luke's Medical Center dan di PGH untuk lupus.\n", ("PGH",)),
    ("Análisis en el laboratorio del HULP. Farmacia: Farmacia Ldo. Ruiz.\n", ("HULP",)),
    ("Previous: TAVI at RPA 2021; PEG at Liverpool Hospital.\n", ("RPA",)),
    # Its other mentions go with it.
    ("Zuverlegt vom UKE nach TAVI. Arztbrief an das UKE geschickt.\n", ("UKE",)),
]


@pytest.mark.parametrize(("text", "words"), _IN_A_SLOT)
def test_initials_in_a_slot_of_care_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_DEFINED = [
    (
        "Liječena u Πανεπιστημιακό Γενικό Νοσοκομείο Ηρακλείου (ΠΑΓΝΗ) zbog tireoiditisa.\n",
        ("ΠΑΓΝΗ",),
    ),
    (
        "Previously treated at NLI (the National Liver Institute, Shebin El-Kom) for HCV.\n",
        ("NLI",),
    ),
]


@pytest.mark.parametrize(("text", "words"), _DEFINED)
def test_initials_defined_beside_the_name_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


# Must stay: units of other languages' hospitals, tests and clinical abbreviations in the same
# slots, an English "no" before capitals, a heading in capitals, an aside that spells nothing.
_STAY = [
    ("Zuverlegt ins MRT, dann zur HNO und auf die IMC.\n", ("MRT", "HNO", "IMC")),
    ("Traslado en SVA al hospital; ingresa en UCI.\n", ("SVA", "UCI")),
    ("Transférée en REA puis vue en ORL.\n", ("REA", "ORL")),
    ("Copia al MMG dott. Rossi.\n", ("MMG",)),
    ("Action list: bladder scan if no UOP by 1000.\n", ("UOP",)),
    ("Vorher im EKG Sinusrhythmus, im CT kein Befund.\n", ("EKG", "CT")),
    ("Previously treated at ICU, then seen in OPD.\n", ("ICU", "OPD")),
    ("Μεταφέρθηκε στη ΜΕΘ, μετά στο ΗΚΓ.\n", ("ΜΕΘ", "ΗΚΓ")),
]


@pytest.mark.parametrize(("text", "words"), _STAY)
def test_units_tests_and_abbreviations_in_a_slot_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


# Removed by other readings on main 19b7efa already; this reading adds nothing there.
@pytest.mark.parametrize(
    "text",
    [
        "Przyjęta na SOR, potem przeniesiona na OIOM.\n",
        "Přeložena na JIP, poté na ARO.\n",
        "Overgeplaatst vanuit Diakonessenhuis (SEH) naar de afdeling.\n",
        "Переведен в ОРИТ, ранее в МРТ без очагов.\n",
    ],
)
def test_the_reading_takes_no_unit_of_another_language(text: str) -> None:
    found = [_found(text, "Diakonessenhuis", "name")] if "Diakonessenhuis" in text else []
    assert list(slot_initial_spans(text, found, lexicon())) == []


def _found(text: str, name: str, kind: str = "facility") -> Redaction:
    start = text.index(name)
    return Redaction(kind, start, start + len(name), name, label(kind))


def test_greek_initials_in_a_slot_are_read() -> None:
    text = "Προηγούμενη νοσηλεία στο Λαϊκό και στο ΚΑΤ.\n"
    assert [r.original for r in slot_initial_spans(text, [], lexicon())] == ["ΚΑΤ"]


def test_a_heading_in_capitals_is_no_evidence() -> None:
    text = "ZUVERLEGT VOM UKE NACH TAVI\n"
    assert list(slot_initial_spans(text, [], lexicon())) == []


def test_the_brackets_must_spell_the_name() -> None:
    text = "Seen at Royal Victoria Hospital (ABC) today.\n"
    found = [_found(text, "Royal Victoria Hospital")]
    assert list(slot_initial_spans(text, found, lexicon())) == []
    text = "Seen at Royal Victoria Hospital (RVH) today; RVH again in May.\n"
    found = [_found(text, "Royal Victoria Hospital")]
    spans = [text[r.start : r.end] for r in slot_initial_spans(text, found, lexicon())]
    assert spans == ["RVH", "RVH"]


@pytest.mark.parametrize(
    ("letters", "name", "spells"),
    [
        ("ΠΑΓΝΗ", "Πανεπιστημιακό Γενικό Νοσοκομείο Ηρακλείου", True),
        ("UMCU", "UMC Utrecht", True),
        ("NLI", "National Liver Institute", True),
        ("HCL", "HOSPICES CIVILS DE LYON", True),
        ("INCOR", "Instituto do Coração", True),
        ("ABC", "National Liver Institute", False),
        ("NL", "National Liver Institute", False),  # every word gives a letter
        ("NLI", "Liverpool", False),  # one word is no name to spell
    ],
)
def test_spelled_out(letters: str, name: str, spells: bool) -> None:
    assert spelled_out(letters, name) is spells


def test_a_found_place_and_a_conjunction_open_a_slot() -> None:
    text = "Seen in Maple Court and at XQZ last week.\n"
    found = [_found(text, "Maple Court", "location")]
    assert [r.original for r in slot_initial_spans(text, found, lexicon())] == ["XQZ"]
    # Not across other words: "Maple Court, then the XQZ".
    text = "Seen in Maple Court, sometimes XQZ last week.\n"
    found = [_found(text, "Maple Court", "location")]
    assert list(slot_initial_spans(text, found, lexicon())) == []


def test_the_reading_is_linear() -> None:
    lex = lexicon()
    repeated = "Zuverlegt vom UKE a ve VFN. "
    assert_linear(lambda n: list(slot_initial_spans(repeated * n, [], lex)), 400)

    def spans(n: int) -> list[Redaction]:
        text = "".join(f"Hospital Xq{i} (HXQ) und im ABC{i % 7}. " for i in range(n))
        found = []
        at = 0
        for _ in range(n):
            at = text.index("Hospital", at)
            found.append(Redaction("facility", at, at + 12, text[at : at + 12], label("facility")))
            at += 1
        return list(slot_initial_spans(text, found, lex))

    assert_linear(spans, 300)
    assert "[FACILITY]" in redact("Zuverlegt vom UKE nach TAVI.\n")


# The blind half dev77: 44 notes, 645 identifiers (288 facilities), 177 clinical terms. Blind
# (main 19b7efa): 593/645, facility 241/288, damage 37; deid61a 600/645, facility 248/288,
# damage 37.
def test_dev77_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev77")
    assert len(notes) == 44
    assert sum(len(n.identifiers) for n in notes) == 645
    assert sum(len(n.clinical) for n in notes) == 177

    result = score(notes, redactor_spans)
    assert result.found["FACILITY"] >= 248
    assert result.clinical_damaged <= 37
