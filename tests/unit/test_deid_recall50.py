"""deid50a (issue 16, recall by a mechanism): Philter's recall-first stance for capitalised words
a name or place list holds that are also dictionary words, standing alone mid-sentence with no
cue where the document never writes them in lower case (deid_recall_first); the blind half dev49;
and the tools that measured the stance (tools/deid_miss_attribution.py,
tools/deid_recall_first_probe.py). The removals fail on main c20aef6c; the must-stay cases are
the general exceptions (a clinical word or value after the run, a possessive, a plain word in
the run, the word written in lower case elsewhere, a sentence's start) and pass on both.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fixtures.deid_corpus import load, redactor_spans, score

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.redact import Redactor

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from deid_miss_attribution import classify


def _redact(text: str) -> str:
    return Redactor(shift_days=10).redact(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Partner notification: one regular (Rio), two contacts via app.", "Rio"),
        ("Assaulted outside the Black Swan on Market Street at midnight.", "Swan"),
        ("Team: Kettering/Obi/Lam (ED reg, RMO, student).", "Lam"),
        ("Thanksgiving at her sister's in Deer - family transporting.", "Deer"),
    ],
)
def test_a_listed_word_alone_mid_sentence_goes(text: str, word: str) -> None:
    assert word not in _redact(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("He had a Western blot last week.", "Western"),  # a lower-case clinical word after
        ("Weber test lateralised left.", "Weber"),  # a sentence's start
        ("Seen with a positive Garden IV fracture.", "Garden"),  # a grade after
        ("Given lactated Ringer 1 L.", "Ringer"),  # a clinical word before, a value after
        ("Abbreviated Mental Test 7/10 today.", "Abbreviated"),  # plain words in the run
        ("Left Bell's palsy improving on steroids.", "Bell"),  # a possessive
        ("Enjoys the garden most days, and the Garden is tidy.", "Garden"),  # lower case too
        ("Bishop score 8 at 39 weeks.", "Bishop"),
        ("Scan today: Manning score 8/8.", "Manning"),
        ("Reviewed in the Heart Failure clinic.", "Heart"),
        ("GA by early scan 31+2. Singleton, cephalic, FHR 150 bpm.", "Singleton"),
        ("Dynamic hip screw left (Garden n/a; AO 31-A2).", "Garden"),  # "n/a" after
        ("Induction with misoprostol if Bishop < 6, else ARM.", "Bishop"),  # a comparison
        ("Growth scan today, BPP 8/8 (Manning).", "Manning"),  # a method after a value
        ("Blood group: Bombay phenotype (Oh) confirmed.", "Oh"),  # two letters
        ("Known Alpha-1 antitrypsin deficiency.", "Alpha"),  # a compound
        ("Criteria met: PP1_Strong and PM2.", "Strong"),  # part of a code
        ("Impaction, Pell and Gregory Class II B, close to the canal.", "Gregory"),  # a class
    ],
)
def test_a_term_or_a_plain_word_stays(text: str, word: str) -> None:
    assert word in _redact(text)


def test_the_attribution_classes() -> None:
    lex = lexicon()
    assert classify(["RX", "4471"], lex) == "code"
    assert classify(["rose", "park"], lex) == "lower"
    assert classify(["Qorvanek"], lex) == "unknown"
    assert classify(["Hastings"], lex) == "named"
    assert classify(["Admiral"], lex) == "explained"


# The blind half dev49: 20 notes, 474 identifiers; blind 462/474 (97.5%) with one markup slip
# mended, damage 2/303.
def test_dev49_parses_and_stays_at_its_figures() -> None:
    notes = load("dev49")
    assert len(notes) == 20
    result = score(notes, redactor_spans)
    assert sum(result.total.values()) == 474
    assert sum(result.found.values()) >= 462
    assert result.clinical_damaged <= 2
