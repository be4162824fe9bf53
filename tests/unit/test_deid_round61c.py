"""deid61c (issue 16, recall on people; dev79): a name found once in a note, removed again where
the note writes it in another form (deid_name_forms): a surname followed by its initial ("Okafor
A reviewed"), a found name in lower case after a title ("dr lindo"), a lower-case surname after a
title that a handing word opens ("seen by dr smith today"), a lower-case word no list explains
after a role ("FY2 catrin"), and a login made of a found name and initials ("wjordan").

The must-remove probes are written in other shapes than dev79's notes (other names, cultures and
sentences); the precision probes are the pronouns, articles, verbs, work shorthand and English
words each reading must leave."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.timing import assert_linear

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_name_forms import name_form_spans
from medlocal.privacy.deid_spans import Redaction

_GONE = [
    # A found surname and its initial.
    ("Reviewed by Mr Adeyemi.\nSigned: ADEYEMI K, Consultant Surgeon\n", ("ADEYEMI", "K")),
    ("Clinic with Dr Lindqvist today.\nLindqvist T. agreed the plan.\n", ("Lindqvist", "T")),
    ("Dr Nakashima saw her.\nNakashima H.R. 14:20\n", ("Nakashima", "H", "R")),
    ("Letter from Dr Mbeki.\nMbeki S countersigned the form.\n", ("Mbeki", "S")),
    # A found name in lower case after a title.
    ("Seen on the ward by Dr Obuya.\nAt 22:00 dr obuya reviewed the bloods.\n", ("obuya",)),
    # A lower-case surname after a title that a handing word opens.
    ("Plan discussed with dr harcourt by phone.\n", ("harcourt",)),
    ("Bloods chased, d/w mr pemberton on call.\n", ("pemberton",)),
    ("Seen by dr fielding today, happy for discharge.\n", ("fielding",)),
    # A lower-case word no list explains after a role.
    ("Seen by FY1 oluwadamilare on the ward round.\n", ("oluwadamilare",)),
    ("Obs done by HCA siobhainn at 06:00.\n", ("siobhainn",)),
    # Surnames that are English words, where the word lists cannot tell.
    ("Dr Berg saw her.\nBerg T. agreed the plan.\n", ("Berg", "T")),
    ("Seen by Dr Rivers.\nAt 22:00 dr rivers reviewed the bloods.\n", ("rivers",)),
    ("Plan discussed with dr marsh by phone, happy.\n", ("marsh",)),
    ("Dr Rivers reviewed.\nOrdered by user jrivers at 10:02.\n", ("jrivers",)),
    # A login made of a found name and initials.
    ("Results from Dr Okonjo.\nOrdered by pokonjo at 10:02.\n", ("pokonjo",)),
    ("Signed off by Dr Ferreira.\ncc: FERREIRA_M; ferreiram2\n", ("FERREIRA_M", "ferreiram2")),
]


@pytest.mark.parametrize(("text", "words"), _GONE)
def test_a_found_name_in_another_form_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


_KEPT = [
    ("Dr will review after lunch; dr may attend the MDT; dr to see.\n", ("will", "may", "see")),
    ("Seen by dr on call, d/w dr aware.\n", ("on", "call", "aware")),
    ("Dr Patel saw him. Patel A&E follow-up booked.\n", ("E",)),
    ("Dr Jones saw him. Jones I think is improving.\n", ("I", "think")),
    ("Dr Hope saw him. He is hopeful; hopes to go home.\n", ("hopeful", "hopes")),
    ("Mark Bennett visited. He marks the chart.\n", ("marks",)),
    ("Referred by Dr Mori Aiko. Morison's pouch free of fluid.\n", ("Morison",)),  # dev76
    ("PT/OT eval today; volunteer coord arranged; nurse callback at 3.\n", ("eval", "coord")),
    ("Case worker visits weekly; nurse led clinic; reg bleeped; physio mobilised.\n", ("led",)),
]


@pytest.mark.parametrize(("text", "words"), _KEPT)
def test_words_beside_a_name_or_a_role_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


def test_the_readings_are_linear() -> None:
    def run(n: int) -> list[Redaction]:
        text = "Dr Okafor; Okafor A reviewed; seen by dr smith; FY2 catrin; wokafor. " * n
        found = [Redaction("name", 3, 9, "Okafor", "[NAME]")]
        return list(name_form_spans(text, found, lexicon()))

    assert_linear(run, 400)


# The blind half dev79: 44 notes, 651 identifiers (PERSON 423, PATIENT 62), 154 clinical terms.
# Blind (main 19b7efa): 597/651 found (PERSON 379), 13 damaged; on the mended annotation ("mr
# daly") main 598 (PERSON 380); deid61c 614 (PERSON 396), 13 damaged.
def test_dev79_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev79")
    assert len(notes) == 44
    assert sum(len(n.identifiers) for n in notes) == 651
    assert sum(len(n.clinical) for n in notes) == 154

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 614
    assert result.clinical_damaged <= 13
