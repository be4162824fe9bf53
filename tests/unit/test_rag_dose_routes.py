"""Route binding (walk 29): a dose the sentence gives by one route that the cited passages give
that drug only by another is flagged; a sentence without a route is never flagged for route,
nor is one whose dose the passage also gives without a route, unless the passage gives that
dose by another route and the drug by the sentence's route only at other doses (walk 32). Each
good case has a bad counterpart that stays flagged."""

from __future__ import annotations

import pytest

from medlocal.rag.drug_facts import dose_routes
from medlocal.rag.grounding import ground
from medlocal.rag.medications import default_lexicon
from medlocal.rag.routes import route_words


def flags(sentence: str, *passages: str) -> list[tuple[str, str]]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [(f.kind, f.message) for f in result.flags]


def kinds(sentence: str, *passages: str) -> list[str]:
    return [kind for kind, _ in flags(sentence, *passages)]


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("IV", "intravenous"), ("i.v.", "intravenous"), ("intravenously", "intravenous"),
        ("PO", "oral"), ("p.o.", "oral"), ("orally", "oral"), ("by mouth", "oral"),
        ("SC", "subcutaneous"), ("s/c", "subcutaneous"), ("subcut", "subcutaneous"),
        ("subcutaneously", "subcutaneous"), ("IM", "intramuscular"),
        ("intramuscular", "intramuscular"), ("PR", "rectal"), ("topically", "topical"),
        ("inhaled", "inhaled"), ("nebs", "inhaled"), ("nebulised", "inhaled"),
        ("SL", "sublingual"), ("via NG tube", "enteral tube"), ("PEG", "enteral tube"),
        ("transdermal", "transdermal"),
    ],
)  # fmt: skip
def test_routes_as_notes_write_them(text: str, route: str) -> None:
    (found,) = route_words(f"given {text} daily")
    assert found.route == route


def test_route_abbreviations_that_are_words_need_capitals() -> None:
    assert route_words("sl improvement, pr note, ng") == []


def test_each_dose_takes_the_route_written_with_it_for_its_drug() -> None:
    lexicon = default_lexicon()
    text = "Metronidazole 400 mg with IV ceftriaxone 2 g; gentamicin 5 mg/kg i.v. once."
    routes = {text[k : k + 4]: r.route for k, r in dose_routes(text, lexicon).items()}
    # The IV before ceftriaxone is ceftriaxone's, not the metronidazole dose's before it.
    assert routes == {"2 g;": "intravenous", "5 mg": "intravenous"}


_SWITCH = (
    "Started on IV flucloxacillin 2 g four times daily; on day 5 changed to oral"
    " flucloxacillin 1 g four times daily."
)


def test_an_iv_to_oral_switch_keeps_each_dose_with_its_route() -> None:
    assert kinds("She had intravenous flucloxacillin 2 g four times daily [1].", _SWITCH) == []
    assert kinds("She went home on flucloxacillin 1 g by mouth qds [1].", _SWITCH) == []
    swapped = flags("She received IV flucloxacillin 1 g four times daily [1].", _SWITCH)
    assert [k for k, _ in swapped] == ["unverified_number"]
    assert "orally" in swapped[0][1] and "intravenously they give '2 g'" in swapped[0][1]
    assert kinds("She went home on oral flucloxacillin 2 g four times daily [1].", _SWITCH) == [
        "unverified_number"
    ]


def test_a_switch_written_from_one_route_to_the_other_before_the_drug() -> None:
    passage = "Day 2: switched from IV to oral clarithromycin 500 mg twice daily."
    assert kinds("She takes oral clarithromycin 500 mg twice daily [1].", passage) == []
    assert kinds("She had IV clarithromycin 500 mg twice daily [1].", passage) != []
    back = "Day 4: changed from oral to IV clarithromycin 500 mg twice daily (vomiting)."
    assert kinds("She had IV clarithromycin 500 mg twice daily [1].", back) == []
    assert kinds("She takes oral clarithromycin 500 mg twice daily [1].", back) != []


def test_an_oral_to_iv_change_of_the_same_dose_accepts_both_routes() -> None:
    passage = (
        "Paracetamol 1 g PO four times daily, changed to paracetamol 1 g IV four times daily"
        " while vomiting."
    )
    assert kinds("Paracetamol 1 g IV four times daily [1].", passage) == []
    assert kinds("Paracetamol 1 g orally four times daily [1].", passage) == []
    rectal = flags("Paracetamol 1 g PR four times daily [1].", passage)
    assert [k for k, _ in rectal] == ["unverified_number"]
    assert "orally or intravenously" in rectal[0][1] and "rectally" in rectal[0][1]


def test_a_route_written_after_the_dose() -> None:
    passage = "Enoxaparin 40 mg SC once daily for VTE prophylaxis."
    assert kinds("Enoxaparin 40 mg subcutaneously once daily [1].", passage) == []
    assert kinds("Enoxaparin 40 mg IV once daily [1].", passage) == ["unverified_number"]


def test_no_route_in_the_sentence_is_never_a_route_flag() -> None:
    assert kinds("She went home on flucloxacillin 1 g four times daily [1].", _SWITCH) == []
    assert kinds("She went home on flucloxacillin 3 g four times daily [1].", _SWITCH) == [
        "unverified_number"
    ]


def test_a_passage_dose_without_a_route_fits_any_route() -> None:
    unrouted = "Metronidazole 500 mg three times daily. Later metronidazole 500 mg IV."
    assert kinds("Oral metronidazole 500 mg three times daily [1].", unrouted) == []
    routed = "Metronidazole 500 mg IV three times daily."
    assert kinds("Oral metronidazole 500 mg three times daily [1].", routed) == [
        "unverified_number"
    ]


def test_a_route_of_something_else_in_the_clause_is_not_the_dose_s() -> None:
    lexicon = default_lexicon()
    for text in (
        "She received IV fluids with paracetamol 1 g.",
        "Paracetamol 1 g with IV fluids.",
        "Stage IV lung cancer on pembrolizumab 200 mg.",
        "(iv) aspirin 75 mg daily.",
    ):
        assert dose_routes(text, lexicon) == {}, text
    passage = "Paracetamol 1 g PO four times daily."
    assert kinds("She had IV fluids with paracetamol 1 g four times daily [1].", passage) == []
    assert kinds("She had IV paracetamol 1 g four times daily [1].", passage) == [
        "unverified_number"
    ]


def test_a_route_written_after_the_regimen_and_course() -> None:
    lexicon = default_lexicon()
    text = "Ceftriaxone 2 g once daily for 5 days IV; gentamicin 5 mg/kg IV over 30 minutes."
    assert {r.route for r in dose_routes(text, lexicon).values()} == {"intravenous"}
    assert len(dose_routes(text, lexicon)) == 2


# Walk 32 (from walk 29): a switch in the course and the same dose again, route-less, on the
# discharge list.
_SWITCH_AND_LIST = (
    "He was treated with intravenous amoxicillin 1 g three times daily, switched to oral"
    " amoxicillin 500 mg three times daily on 16/10/2026.\n\nDISCHARGE MEDICATIONS:\n"
    "Amoxicillin 500 mg three times daily for 2 more days."
)


def test_a_route_less_repeat_of_a_dose_does_not_excuse_the_wrong_route() -> None:
    for bad in (
        "He was discharged on intravenous amoxicillin 500 mg three times daily [1].",
        "Discharged on IV amoxicillin 500 mg [1].",
        "He received amoxicillin 500 mg IV three times daily [1].",
    ):
        found = flags(bad, _SWITCH_AND_LIST)
        assert [k for k, _ in found] == ["unverified_number"], bad
        assert "orally" in found[0][1] and "intravenously they give '1 g'" in found[0][1]
    for good in (
        "He was discharged on oral amoxicillin 500 mg three times daily [1].",
        "He went home on amoxicillin 500 mg three times daily [1].",
        "He had intravenous amoxicillin 1 g three times daily [1].",
        "Amoxicillin 500 mg by mouth three times daily for 2 more days [1].",
    ):
        assert kinds(good, _SWITCH_AND_LIST) == [], good


def test_a_route_less_dose_still_fits_a_route_the_passage_gives_the_drug_no_other_dose() -> None:
    # The passage gives paracetamol IV only at this dose: the route-less 1 g may be the oral
    # one, so an oral 1 g is not contradicted.
    passage = "Paracetamol 1 g IV stat in ED. Then paracetamol 1 g four times daily."
    assert kinds("Paracetamol 1 g orally four times daily [1].", passage) == []
    assert kinds("Paracetamol 1 g IV four times daily [1].", passage) == []
