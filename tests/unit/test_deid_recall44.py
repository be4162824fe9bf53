"""deidrec44 (issue 16, recall): general causes of misses on the blind recall half dev41
(written before the rules were read), each fixed by its shape, with the negatives that must hold.

1. Minutes that assign actions by initials after a label, the list closing its sentence before
   the next ("Actions: RA, DP, MW. Next MDT ..."), were no line of initials, so only the
   initials that are no clinical abbreviation went (deid_name_initials).
2. Initials joined by a slash to the name they stand for ("RT / Rebecca Tennant, RM") were
   left (deid_name_initials).
3. A day and month without a year after a date cue at a line's end, the line wrapped before the
   date ("nobody came until\\n5/10."), was left (deid_date_forms).
4. An organisation's initials in brackets right after a person's name ("cardiologist Vikram
   Sethuraman (RVH)", "Hugh McCready (NSLHD)") were left (new deid_bracket_affiliations).
5. A hospital or shop named by a possessive, found without its "'s" ("Referred to Guy's for
   counselling"), left the "s" (deid_span_ends.place_possessive_inside).
"""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score

from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


def _removed(text: str, tagger: bool = True) -> list[str]:
    redactor = Redactor(None, shift_days=40, tagger=tagger)
    return [r.original for r in redactor.preview(_LETTER + text + "\n")]


_MINUTES = "Present: Ruth Abernethy (chair), Dev Patel, Magda Wisniewska.\n"


@pytest.mark.parametrize("tagger", [False, True])
def test_initials_listed_after_a_label_are_the_people_named(tagger: bool) -> None:
    removed = _removed(_MINUTES + "Actions: RA, DP, MW. Next MDT in a fortnight.", tagger)
    assert {"RA", "DP", "MW"} <= set(removed)


def test_a_labelled_list_of_abbreviations_stays() -> None:
    # No two of them are the initials of people the note names, and all are abbreviations.
    removed = _removed(_MINUTES + "Plan: CT, MRI, ECG. Then review.", tagger=False)
    assert not {"CT", "MRI", "ECG"} & set(removed)
    # One person's initials that are an abbreviation, beside an abbreviation, stay too.
    removed = _removed("Seen by Ruth Abernethy.\nFindings: RA, LV. Normal.", tagger=False)
    assert "RA" not in removed


@pytest.mark.parametrize(
    "line",
    ["RT / Rebecca Tennant, RM", "Signed Rebecca Tennant / RT", "RT/Rebecca Tennant"],
)
def test_initials_slashed_to_their_name_go(line: str) -> None:
    assert "RT" in _removed("Midwife review, booking bloods sent.\n" + line, tagger=False)


def test_initials_slashed_to_another_name_stay() -> None:
    # "RT" are not Anna Brook's initials: radiotherapy beside her name is no signature.
    assert "RT" not in _removed("RT / Anna Brook to discuss.", tagger=False)


@pytest.mark.parametrize("cue", ["until", "on", "since"])
def test_a_date_after_a_cue_across_a_wrapped_line_goes(cue: str) -> None:
    text = f"He was sent home with a PICC line but nobody came {cue}\n5/10. He has endocarditis."
    assert "5/10" in _removed(text, tagger=False)


def test_a_score_on_the_next_line_after_no_cue_stays() -> None:
    assert "4/5" not in _removed("Power in the left arm\n4/5 throughout.", tagger=False)
    assert "7/10" not in _removed("Pain reviewed since\n7/10 pain on walking.", tagger=False)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Usual cardiologist Vikram Sethuraman (RVH) saw him in May.", "RVH"),
        ("Discussed with Hugh McCready (NSLHD) on call for patient flow.", "NSLHD"),
        ("Seen by Tom Hale (N&N) before discharge.", "N&N"),
    ],
)
@pytest.mark.parametrize("tagger", [False, True])
def test_initials_in_brackets_after_a_name_are_its_organisation(
    text: str, initials: str, tagger: bool
) -> None:
    assert initials in _removed(text, tagger)


@pytest.mark.parametrize(
    "bracket", ["NUM", "ID", "ICU", "NSW", "FRACP", "HIV", "JMO", "CNC", "UK", "GP"]
)
def test_a_role_a_specialty_or_a_state_in_brackets_after_a_name_stays(bracket: str) -> None:
    assert bracket not in _removed(
        f"Spoke to Anjali Mehta ({bracket}) about the plan.", tagger=False
    )


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Referred to Guy's for counselling.", "Referred to [NAME] for counselling."),
        ("Letter copied to Guy's and to the GP.", "Letter copied to [NAME] and to the GP."),
    ],
)
def test_a_possessive_name_with_no_noun_after_keeps_its_s_inside(text: str, written: str) -> None:
    out = Redactor(None, shift_days=40, tagger=False).redact(_LETTER + text + "\n")
    assert out == _LETTER + written + "\n"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Ask Jo Brown's opinion.", "Ask [NAME]'s opinion."),
        ("John Smith's GP rang.", "[NAME]'s GP rang."),
        ("Referred by Dr Smith's team.", "Referred by Dr [NAME]'s team."),
        ("Referred to Dr Guy's.", "Referred to Dr [NAME]'s."),
    ],
)
def test_a_persons_possessive_keeps_its_s_outside(text: str, written: str) -> None:
    out = Redactor(None, shift_days=40, tagger=False).redact(_LETTER + text + "\n")
    assert out == _LETTER + written + "\n"


# The blind recall half dev41: 20 notes, 642 identifiers, 180 clinical terms. Before this
# session's changes (two spans mended to the corpus's convention first) the redactor found 585
# and damaged 2; after them it finds 593 and damages the same 2 ("Marshall II", "booking BP
# 128/82": precision, left to deidp44).
def test_dev41_parses_and_stays_at_its_figures() -> None:
    notes = load("dev41")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 642
    assert sum(len(n.clinical) for n in notes) == 180

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 593
    assert result.clinical_damaged <= 2
