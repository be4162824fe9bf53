"""How a search hit's scores read in the terminal."""

from __future__ import annotations

from medlocal.cli.vault_cmds import _scores_text
from medlocal.vault.records import SearchHit


def _hit(vector: float | None, bm25: float | None) -> SearchHit:
    return SearchHit(
        1, 1, 1, "letter.pdf", 1, 0, 10, None, "Atorvastatin 80 mg.", 0.02, vector, bm25
    )


def test_a_hit_ranked_only_by_its_drug_class_says_so() -> None:
    # "is she on a statin" listed the medication passage as "discharge.pdf  ()" (QA).
    assert _scores_text(_hit(None, None)) == "names a drug of the class asked about"
    assert _scores_text(_hit(0.5, None)) == "cosine 0.500"
    assert _scores_text(_hit(0.5, 2.0)) == "cosine 0.500, bm25 2.000"
    # FTS5 clamps the idf of a word in most passages to about nothing; the hit did match.
    assert _scores_text(_hit(0.5, 1e-6)) == (
        "cosine 0.500, bm25 words found (in most passages, so no rank)"
    )
