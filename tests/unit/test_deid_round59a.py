"""deid59a (issue 16, FACILITY recall; dev70): the words a found facility's name leaves in view
between, after or before its found pieces - particles of its language, its lower-case kind,
a capitalised word no list explains, its number, a saint's word - are taken with it
(deid_facility_bridges). Each reading removes more, so each comes with precision probes:
clinical words, sentence words and quantities beside a facility that must stay."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_facility_bridges import facility_bridge_spans
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_spans import Redaction

# Each word was left in view on main ccdea2c.
_LEFT_IN_VIEW = [
    # a bridge: particles and kind words of the name's own language between its found pieces
    ("Přeložen z Fakultní nemocnice v Motole, Praha 5.\n", ("nemocnice", "Motole")),
    ("Domov: Domov pro seniory Chodov, pokoj 12.\n", ("pro", "seniory")),
    ("Wohnt im Haus Lindenhof (Häuser zum Leben).\n", ("zum",)),
    ("Pathologie: Institut für Pathologie der MedUni Wien.\n", ("MedUni", "Wien")),
    # a kind's tail in lower case
    ("Bor på Solgårdens vård- och omsorgsboende sedan maj.\n", ("omsorgsboende",)),
    ("dosed by the bradford teaching hospitals anticoagulation service.\n", ("hospitals",)),
    # a number
    ("Referido del Hospital General de Zona No. 32 del IMSS.\n", ("32",)),
    ("Farmacia: Farmacia Comunale 41.\n", ("41",)),
    # a saint's word in lower case
    ("rev. wilkins from st columba's visiting sun.\n", ("st",)),
    ("mum is a cleaner at st mary's, nights.\n", ("st", "mary's")),
    # a chain's branch
    ("Blister packs: priceline pharmacy parramatta.\n", ("priceline",)),
    ("Medicines: MAR chart from Well Pharmacy Great Horton; weekly.\n", ("Great", "Horton")),
]


@pytest.mark.parametrize(("text", "words"), _LEFT_IN_VIEW)
def test_a_facilitys_words_left_in_view_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


# Must stay: clinical words, sentence words, quantities, years and wards beside a facility.
_STAYS = [
    ("Seen at Kingston Hospital renal unit on Monday.\n", ("renal", "unit")),
    ("Known to the Mater and Beaumont teams.\n", ("and", "teams")),
    ("Admitted to Leeds General 3 days ago.\n", ("3", "days")),
    ("Discharged from St James's Hospital 2 weeks ago.\n", ("2", "weeks")),
    ("Admitted to St Mary's Hospital in 2019 with pneumonia.\n", ("2019", "pneumonia")),
    (
        "Admitted via the Emergency Department to the Intensive Care Unit at Leeds General.\n",
        ("Emergency", "Department", "Intensive", "Care", "Unit"),
    ),
    ("Transferred from Kingston Hospital to Ward 3 for IV antibiotics.\n", ("Ward", "3", "IV")),
    ("Wcześniej leczona w Szpitalu Bielańskim z zaostrzeniem POChP.\n", ("POChP",)),
    ("Mrs Jones practices yoga near St Mary's.\n", ("practices", "yoga")),
    ("ecg: st elevation v2-v4, st depression's reciprocal.\n", ("elevation", "depression's")),
    ("Collect from the hospital pharmacy Leeds on discharge.\n", ("hospital", "pharmacy")),
    ("Dispensed by Boots Pharmacy Omeprazole.\n", ("Omeprazole",)),
]


@pytest.mark.parametrize(("text", "words"), _STAYS)
def test_words_beside_a_facility_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


def _found(text: str, *pieces: tuple[str, str]) -> list[str]:
    spans = []
    for kind, piece in pieces:
        start = text.index(piece)
        spans.append(Redaction(kind, start, start + len(piece), piece, "[X]"))
    return [r.original for r in facility_bridge_spans(text, spans, lexicon())]


def test_english_particles_join_a_facility_to_a_place_not_a_person() -> None:
    text = "Seen at CHI at Temple Street; Dr Smith of Leeds called.\n"
    found = _found(
        text, ("facility", "CHI"), ("location", "Temple Street"), ("name", "Smith"),
        ("city", "Leeds"),
    )  # fmt: skip
    assert "CHI at Temple Street" in found
    assert not any("Smith" in f for f in found)


def test_a_bridge_needs_a_facility_or_a_kind_word() -> None:
    # Two people joined by a particle ("Maria da Silva") are no facility.
    text = "Visited by Maria da Silva today.\n"
    assert _found(text, ("name", "Maria"), ("name", "Silva")) == []


def test_a_bridge_stops_at_punctuation_and_clinical_words() -> None:
    text = "Kingston Hospital, Leeds. Kingston Hospital renal Leeds.\n"
    found = _found(text, ("facility", "Kingston Hospital"), ("city", "Leeds"))
    assert found == []


def test_a_long_found_piece_is_read_in_linear_time() -> None:
    # A facility found over a long run of letters: its last word was searched for over the whole
    # piece (an input 4x as long took 15.9x the time before the search was bounded).
    assert_linear(lambda n: redact("x" * n + " Bristol 3\n"), 10_000)


# The blind half dev70: 47 notes, 757 identifiers (404 facilities), 219 clinical terms. Blind
# (main ccdea2c): 699/757, facility 358/404, damage 37; with the leading "the" of six facility
# spans moved out as its header's conventions say: 703/757, facility 362/404; deid59a 714/757,
# facility 373/404, damage 37.
def test_dev70_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev70")
    assert len(notes) == 47
    assert sum(len(n.identifiers) for n in notes) == 757
    assert sum(len(n.clinical) for n in notes) == 219

    result = score(notes, redactor_spans)
    assert result.found["FACILITY"] >= 373
    assert result.clinical_damaged <= 37
