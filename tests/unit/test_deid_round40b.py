"""cue40 (walk 40b item 8, issue 16 precision): plain words after a person cue were redacted as
names. A redacted summary export read "Discharge Summary with Doses and Routes" as "... with
[NAME] and [NAME]".

1. A capitalised plain English or clinical word, or the plural of one, on no name or place list,
   after a cue ("with", "Dear", "NOK:") is the word, not a person: the dictionary holds
   singulars, so ``classify`` marked a plural it knew only by its ending weak like an unlisted
   name, and ``deid_places.read_run`` made every weak word after the cue a name
   (``cued_name``). Only on a line written in title case, where a capital says nothing: in
   prose a capitalised plural after "with" is a team or a group ("training with Rovers") and
   still goes. A listed or unknown name beside it, or a title before it, still makes it part
   of a name; listed names that are also words ("Hope", "Banks") still go.
2. "Ward Sister", "Theatre Sister": a nurse's grade, not a sister called "Ward" ("Spoke with
   Ward Sister, Ward 7" lost "Ward 7" as a name).
"""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_names import plain_word
from medlocal.privacy.redact import PatientIdentity, Redactor


def _removed(text: str, tagger: bool = True) -> list[str]:
    redactor = Redactor(PatientIdentity("Jane Smith"), shift_days=40, tagger=tagger)
    return [r.original for r in redactor.preview(text)]


# 1. Plain words after a cue.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Discharge Summary with Doses and Routes", ["Doses", "Routes"]),
        ("Presented with Headaches and Seizures", ["Headaches", "Seizures"]),
        ("Notes with Drugs and Doses", ["Drugs", "Doses"]),
        ("Reviewed with Tablets and Inhalers", ["Tablets", "Inhalers"]),
        ("History\nAdmitted with Arteries and Veins\nPlan: home.", ["Arteries", "Veins"]),
        ("Dear Colleagues", ["Colleagues"]),
        ("Dear Doctors and Nurses,", ["Doctors", "Nurses"]),
    ],
)
def test_a_plain_word_after_a_cue_is_kept(text: str, words: list[str], tagger: bool) -> None:
    removed = _removed(text, tagger)
    assert not any(word in r for word in words for r in removed), (text, removed)


@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Listed names that are also words, and unknown words, still go after the cue.
        ("lives with Hope and Grace", ["Hope", "Grace"]),
        ("Lives with Rivers and Banks", ["Rivers", "Banks"]),
        ("She lives with Tom and Jerry", ["Tom", "Jerry"]),
        ("Lives with Sands and Pickles", ["Sands", "Pickles"]),
        ("discussed with Bloggs", ["Bloggs"]),
        ("NOK: Patience Walker", ["Patience Walker"]),
        ("Dear Jenny", ["Jenny"]),
        # Beside a listed name, or after a title, a plain word is the name's.
        ("Seen with Rose Doses today.", ["Rose Doses"]),
        ("Chaperone: Hope Glasses", ["Hope Glasses"]),
        ("Spoke with Ms Doses.", ["Doses"]),
        # In prose a capitalised plural after "with" is a proper noun (a team, a group): dev18
        # and dev15 hold "training with Rovers", "footy with Pioneers".
        ("Back at light training with Rovers (premier grade).", ["Rovers"]),
        ("Social: footy with Pioneers on weekends.", ["Pioneers"]),
    ],
)
def test_names_after_a_cue_still_go(text: str, names: list[str], tagger: bool) -> None:
    removed = _removed(text, tagger)
    for name in names:
        assert name in removed, (text, removed)


def test_plain_word_reads_plurals_by_their_singular() -> None:
    lex = lexicon()
    for word in ("headaches", "doses", "drugs", "arteries", "seizures", "colleagues"):
        assert plain_word(word, lex), word
    # On a name or place list, or no word at all: not plain.
    for word in ("hope", "banks", "rivers", "wells", "bloggs", "pickles"):
        assert not plain_word(word, lex), word


# 2. A nurse's grade.
@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    "text",
    [
        "Spoke with Ward Sister",
        "Spoke with Ward Sister about the plan.",
        "Spoke with Ward Sister, Ward 7.",
        "Handed over to Ward Sister, Ward 7.",
        "Spoke with Theatre Sister",
    ],
)
def test_a_sister_s_grade_names_no_one(text: str, tagger: bool) -> None:
    removed = _removed(text, tagger)
    assert not any("Ward" in r or "Sister" in r or "Theatre" in r for r in removed), (
        text,
        removed,
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Spoke with Ward Sister Agnes.", "Agnes"),
        ("Spoke with Theatre Sister Jones.", "Jones"),
        ("Her sister Hope visited.", "Hope"),
        ("His Sister, Rose Ward, visited.", "Rose Ward"),
    ],
)
def test_a_name_after_a_sister_still_goes(text: str, name: str) -> None:
    assert name in _removed(text), text
