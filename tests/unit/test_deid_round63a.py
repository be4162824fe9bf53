"""deid63a (issue 16, FACILITY recall; dev86): a Finnish place of care written as a genitive name
and its kind with a case ending ("Kallion terveysasemalla", "Hatanpään sairaalasta",
"Valkeakosken aluesairaalassa", "Lepolan vanhainkodissa", "Hervannan apteekista") is one
facility (deid_nordic_orgs), and a found piece with no head of its own grows over a kind's word
and its head after it ("[Barangay 12] Health Center"; deid_whole_facility_names). Precision
probes: lower-case kind words, a service's "Day Hospital", a department after a hospital's
head, a specialty's centre and a head a capital follows stay."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import found_at as _found
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_nordic_orgs import nordic_facilities
from medlocal.privacy.deid_whole_facility_names import whole_facility_names

# Each word was left in view on main ac9153e1 (checked through main's redactor).
_WHOLE_NAMES = [
    ("Jatkohoito Lielahden terveysasemalla.\n", ("Lielahden", "terveysasemalla")),
    ("Lääkkeet Hervannan apteekista.\n", ("Hervannan",)),
    ("Asuu Lepolan vanhainkodissa, sisar käy viikoittain.\n", ("Lepolan", "vanhainkodissa")),
    ("Aiemmin hoidettu Valkeakosken aluesairaalassa.\n", ("Valkeakosken",)),
    ("Follow-up at Barangay 12 Health Center next week.\n", ("Health", "Center")),
]


@pytest.mark.parametrize(("text", "words"), _WHOLE_NAMES)
def test_a_facility_goes_whole(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


# Must stay: a kind word with no name before it, and the words beside a facility that are no
# part of its name.
_KEPT = [
    ("Ei tarvetta apteekkiin.\n", ("apteekkiin",)),
    ("Seen at Mercy Hospital Eye Clinic.\n", ("Eye", "Clinic")),
]


@pytest.mark.parametrize(("text", "words"), _KEPT)
def test_words_beside_a_facility_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


def test_the_finnish_kinds_alone() -> None:
    lex = lexicon()
    text = "Siirto Hatanpään sairaalasta; kontrolli Tesoman terveysasema, sitten apteekki.\n"
    found = [text[w.start : w.end] for w in nordic_facilities(text, lex)]
    # Only the genitive name before a Finnish kind is read with it (review63a: "Siirto" is a
    # sentence's word); a kind word with no capitalised name before it is no facility.
    assert found == ["Hatanpään sairaalasta", "Tesoman terveysasema"]
    assert nordic_facilities("potilas siirrettiin sairaalaan ja terveysasemalle.\n", lex) == []


def test_a_kinds_word_and_head_after_a_headless_piece() -> None:
    lex = lexicon()
    text = "Seen at Barangay 12 Health Center today.\n"
    out = whole_facility_names(text, _found(text, ("city", "Barangay 12")), lex)
    assert [(r.kind, r.original) for r in out] == [("facility", "Barangay 12 Health Center")]
    # Stay: a service's word ("Day Hospital"), a specialty ("Cardiology Centre"), a piece that
    # already ends on its head ("... Hospital Cancer Centre": a department of it), a head a
    # capital follows ("Health Center Pharmacy" is the next name's).
    for probe, piece in (
        ("Review at Westmead Day Hospital today.\n", "Westmead"),
        ("Review at Westmead Outpatient Centre today.\n", "Westmead"),
        ("Review at Westmead Cardiology Centre today.\n", "Westmead"),
        ("Review at Westmead Hospital Cancer Centre today.\n", "Westmead Hospital"),
        ("Review at Westmead Health Center Pharmacy today.\n", "Westmead"),
    ):
        found = _found(probe, ("city", piece))
        assert whole_facility_names(probe, found, lex) == found, probe


# Must-remove beside the keeps: the hospital before its department and the name before a
# service still go.
def test_the_keeps_still_remove_each_name() -> None:
    _gone("Seen at Mercy Hospital Eye Clinic.\n", "Mercy")
    _gone("Attends Ridgeway Day Hospital on Fridays.\n", "Ridgeway")


# The blind half dev86: 42 notes, 549 identifiers (266 facilities), 147 clinical terms. Blind
# (main ac9153e1): 525/549, facility 246/266, damage 25; deid63a 526/549, facility 247/266,
# damage 25.
def test_dev86_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev86")
    assert len(notes) == 42
    assert sum(len(n.identifiers) for n in notes) == 549
    assert sum(len(n.clinical) for n in notes) == 147

    result = score(notes, redactor_spans)
    assert result.found["FACILITY"] >= 247
    assert result.clinical_damaged <= 25
