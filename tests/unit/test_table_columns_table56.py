"""Session 56, left by table55: "WCC" names the white cell count (a "Date,Hb,WCC,Plt" table's
WCC column bound no measure)."""

from __future__ import annotations

from medlocal.measured_things import find_measures
from medlocal.rag.grounding import ground

WIDE = "Date,Hb,WCC,Plt,Na\n2024-03-02,98,7.1,250,139\n2024-03-09,101,11.4,262,137\n"


def checked(answer: str, passage: str) -> set[str]:
    kinds = {"misattributed_value", "unverified_number"}
    return {str(f.kind) for f in ground(answer, {1: passage}).flags} & kinds


def test_wcc_names_the_white_cell_count() -> None:
    assert [m[2] for m in find_measures("WCC 11.4, Hb 101")] == ["wbc", "hemoglobin"]
    assert not checked("Her WCC was 11.4 on 9 March 2024 [1].", WIDE)
    assert not checked("Her white cell count was 7.1 on 2 March 2024 [1].", WIDE)
    assert "misattributed_value" in checked(
        "Her white cell count was 250 on 2 March 2024 [1].", WIDE
    )
