"""walkfix44a leftover: the unverified-number flag said a number "is in passage [2]" where that
passage gives it only as a reference range's limit ("Hb 98 g/L (115-165)"; the answer "Hb 115
g/L [1]" was told 115 is in passage 2, as if measured). The flag now says it is only the range
there (read by rag/reference_ranges.py); a result another passage gives is still named as
found. The first test failed before the fix (checked by restoring
medlocal/rag/checks/elsewhere.py from main)."""

from __future__ import annotations

from medlocal.rag.flags import Flag
from medlocal.rag.grounding import ground

PASSAGES = {
    1: "Clinic letter 12/03/2024. Seen for fatigue; iron studies requested.",
    2: "Bloods 10/03/2024: Hb 98 g/L (115-165). Ferritin 8 ug/L.",
}


def _unverified(answer: str) -> Flag:
    (flag,) = [f for f in ground(answer, PASSAGES).flags if f.kind == "unverified_number"]
    return flag


def test_a_number_only_in_a_reference_range_is_not_said_to_be_in_the_passage() -> None:
    flag = _unverified("Her Hb was 115 g/L [1].")
    message = flag.message
    assert "it is in passage [2]" not in message, message
    assert message.endswith(
        "passage [2], which this sentence does not cite, gives it only as a reference range"
        " limit, not as a result"
    ), message
    assert flag.quote == "Bloods 10/03/2024: Hb 98 g/L (115-165)." and flag.passage == 2


def test_a_result_of_an_uncited_passage_is_still_named_as_found_there() -> None:
    message = _unverified("Her Hb was 98 g/L [1].").message
    assert message.endswith("it is in passage [2], which this sentence does not cite"), message
