"""deid60c (issue 16, recall on people and dates; dev75): a day of the month alone after a date's
article or a weekday of another language (deid_bare_days), days and months as numbers beside a
time, after a value's "on", in a table's heading row or after a meeting, and ordinal days
before a time (deid_dated_pairs), a second signer's initials after a slash and initials after a
signing word of another language (deid_signer_initials), and eponyms after a relative's word
kept (deid_kin_eponyms).

The must-remove probes are written in other shapes than dev75's notes (other days, names,
languages' sentences); the precision probes are the quantities, scores, intervals, routes and
names each rule must leave."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.deid_rules import redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_bare_days import bare_day_candidates
from medlocal.privacy.deid_dated_pairs import dated_pair_candidates
from medlocal.privacy.deid_kin_eponyms import kin_eponym_words
from medlocal.privacy.deid_lexicon import lexicon

# A day alone after an article or preposition of a date, or after a weekday.
_BARE_DAYS = [
    ("Fièvre depuis le 14, puis toux.\n", ("14",)),
    ("Revoir la patiente dès le 9.\n", ("9",)),
    ("Dimessa il 19, in buone condizioni.\n", ("19",)),
    ("Operado el 7 y dado de alta.\n", ("7",)),
    ("Retorno marcado para dia 22.\n", ("22",)),
    ("Entlassung am 18. geplant.\n", ("18.",)),
    ("Opgenomen op de 21e met koorts.\n", ("21e",)),
    ("Control el viernes 11; analítica antes.\n", ("viernes", "11")),
    ("Gevallen op dinsdag 17; geen letsel.\n", ("dinsdag", "17")),
    ("Felvétel 12-én, zárójelentés 19-én.\n", ("12-én", "19-én")),
]


@pytest.mark.parametrize(("text", "words"), _BARE_DAYS)
def test_a_day_alone_in_a_dates_slot_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


# Numbers after the same words that count or measure.
_BARE_KEPT = [
    "Douleur EVA del 1 al 10, prend le 15 mg.\n",
    "Le 3e cycle commence; le 2,5 % restant.\n",
    "Tomar el 1 o 2 comprimidos al día.\n",
    "Il 25% dei pazienti; am 3. Tag postoperativ; am 2. postoperativen Tag.\n",
    "Vorhofflimmern am 2. POT, Cordarex.\n",  # dev72's, damaged by the first version
    "Montag 12 Uhr; Monday 12 noon.\n",
    "op de 3e verdieping.\n",
]


@pytest.mark.parametrize("text", _BARE_KEPT)
def test_the_day_rule_takes_no_quantity(text: str) -> None:
    assert list(bare_day_candidates(text)) == []


# Days and months as numbers where only a date stands.
_PAIRS = [
    ("Reviewed by SN, 4.12 09:30 - stable.\n", ("4.12",)),
    ("Baby born 06:15 3/12, cried at once.\n", ("3/12",)),
    ("Hb 9.1 on 4.12, transfused two units.\n", ("4.12",)),
    ("Urea 14 on 2.12 and 9 on 5.12.\n", ("2.12", "5.12")),
    ("| Date | 2/12 | 4/12 | 6/12 |\n| CRP | 120 | 80 | 35 |\n", ("2/12", "4/12", "6/12")),
    ("Next MDT 8/12, then surgery.\n", ("8/12",)),
    ("Tribunal 14.12; solicitor informed.\n", ("14.12",)),
    ("Kontrolle 21/12 in der Ambulanz.\n", ("21/12",)),
    ("Oxytocin started on the 3rd at 14:20.\n", ("3rd",)),
    ("Clinic (the 19th cancelled) moved to January.\n", ("19th",)),
]


@pytest.mark.parametrize(("text", "words"), _PAIRS)
def test_a_day_and_month_in_a_dates_slot_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_PAIRS_KEPT = [
    "Pain 3/10 14:00, settled.\n",
    # dev31's chart cell "BGL 3.1 05:00", damaged by the first version
    "Refused breakfast, BGL 3.1 05:00 - juice given; Hb 9.1 08:00.\n",
    "Creatinine rose from 1.2 to 2.1. INR stable on 2.5.\n",
    "Warfarin 3 mg on 1.5 mg days.\n",
    "| VA | 6/12 | 6/9 |\n",
    "Review 18/12 at 18 months.\n",
    "Fractures from the 3rd to 5th rib; on the 5th floor; after the 2nd dose.\n",
]


@pytest.mark.parametrize("text", _PAIRS_KEPT)
def test_the_pair_rule_takes_no_value_score_or_interval(text: str) -> None:
    assert dated_pair_candidates(text) == []


# A second signer after a slash, initials after a signing word of another language.
_SIGNERS = [
    ("Dressing done. Checked P.K./T.M.\n", ("T.M",)),
    ("Handed over by DM/jl at 19:30.\n", ("jl",)),
    ("Dr Olsen / RN Ngata. Signed: TO/MN\n", ("MN",)),
    ("Firma: JRM\n", ("JRM",)),
    ("Aláírás: KzP\n", ("KzP",)),
    ("Rubrica TV\n", ("TV",)),
    ("Assinado AC/mb\n", ("AC", "mb")),
    ("Minutes KD.\n", ("KD",)),
    ("Note by tw, 3.12 10:00\n", ("tw",)),
    ("Seen and plan made.\nWT/ls 04/12/2026 10:15\n", ("WT", "ls")),
]


@pytest.mark.parametrize(("text", "words"), _SIGNERS)
def test_a_signers_initials_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_SIGNERS_KEPT = [
    ("Plan: switch IV/PO tomorrow.\n", ("IV", "PO")),
    ("Note by the nurse on the ward.\n", ("the",)),
    ("After 10 minutes BM 5.4.\n", ("BM",)),
    ("Minutes: N/A\n", ("N/A",)),
    # dev23's "(MediShield/MAF application ...)", damaged by the first version
    ("Funded via Medisave/MAF application.\n", ("MAF",)),
]


@pytest.mark.parametrize(("text", "words"), _SIGNERS_KEPT)
def test_routes_and_words_after_a_signing_word_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


# Eponyms after a relative's word stay (review59d's strict xfails, now passing).
_EPONYMS = [
    ("FHx: Uncle Lynch syndrome, colectomy at 50.\n", ("Lynch",)),
    ("FHx: Sister Addison's, on fludrocortisone.\n", ("Addison",)),
    ("Father Child-Pugh B cirrhosis, abstinent.\n", ("Child-Pugh",)),
    ("Brother Asperger's.\n", ("Asperger",)),
    ("Madre Sjögren, padre sano.\n", ("Sjögren",)),
]


@pytest.mark.parametrize(("text", "words"), _EPONYMS)
def test_an_eponym_after_a_relatives_word_stays(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


# The relatives' names in the same shapes still go.
_RELATIVES = [
    ("Son Wilson visited today.\n", ("Wilson",)),
    ("Aunt Lynch visited on Friday.\n", ("Lynch",)),
    ("Aunt Lynch's address is on file.\n", ("Lynch",)),
    ("Mother Grace's phone is off.\n", ("Grace",)),
    ("Daughter Addison, 12, is well.\n", ("Addison",)),
    # dev12's "Daughter Meadow rings from ...", lost by the first version of the rule
    ("Granddaughter Meadow rings every evening.\n", ("Meadow",)),
]


@pytest.mark.parametrize(("text", "words"), _RELATIVES)
def test_a_relatives_name_beside_eponym_shapes_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


def test_the_eponym_reading_finds_nothing_without_a_relation() -> None:
    assert kin_eponym_words("Lynch syndrome; Addison's; Child-Pugh B.\n", lexicon()) == []


# "Surname, Given" after a bed's number, and a found name's initial and date in a file name.
_LISTED = [
    ("Bed 7 Baker, Harriet - for discharge.\n", ("Baker", "Harriet")),
    ("Bed 22 CARTER, ALAN - NBM.\n", ("CARTER", "ALAN")),
    ("| 5 | Meadows, Lucy | UTI |\n", ("Meadows", "Lucy")),
]


@pytest.mark.parametrize(("text", "words"), _LISTED)
def test_a_bed_lists_surname_and_given_name_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


def test_a_bed_lists_problems_stay() -> None:
    _kept("Bed 4 Fall, Mechanical - for PT.\nBed 9 Sepsis, Query - cultures.\n", "Fall", "Sepsis")


def test_a_file_names_initial_and_date_beside_a_found_name_go() -> None:
    out = redact("Letter for Harriet Baker saved as baker_h_0412_clinic.docx\n", "Harriet Baker")
    assert "baker_h" not in out and "_h_" not in out and "0412" not in out, out
    assert "_clinic.docx" in out, out


def test_a_file_name_without_a_found_name_stays() -> None:
    text = "Use form_a.pdf and scan_v2.pdf and notes_dec02.txt for the audit.\n"
    assert redact(text) == text


def test_the_new_finders_are_linear_on_long_lines() -> None:
    assert_linear(lambda n: list(bare_day_candidates("depuis le 26 et am 3. " * n)), 500)
    assert_linear(lambda n: dated_pair_candidates("Hb 10.2 on 3.12 | 1/12 " * n), 500)


# The blind half dev75: 42 notes, 738 identifiers, 208 clinical terms.
def test_dev75_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev75")
    assert len(notes) == 42
    assert sum(len(n.identifiers) for n in notes) == 738
    assert sum(len(n.clinical) for n in notes) == 208

    result = score(notes, redactor_spans)
    # Blind (main a4db320): 635/738 found (PERSON 302, DATE 175), 13 of 208 damaged.
    assert sum(result.found.values()) >= 702
    assert result.clinical_damaged <= 5
