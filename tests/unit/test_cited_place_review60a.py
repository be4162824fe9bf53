"""Review60a H1: a saved answer's citation after ``vault update`` read its document again.

The update (ingest60) swaps in new text and passages when an extractor fix changes what a
document reads as. A citation keeps the offsets and the chunk id its passage had: with a hidden
section now left out above it, the offsets fell past the text's end (or on another visit's blood
pressure), and the chunk id, freed by the swap, was given to one of the new passages. The
citation now finds its quoted words where they are, and says so when they are gone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.reread_letter import EMB, PLAN, import_as_older
from fixtures.vault_file import new_vault

from medlocal.app.given_passages import cited_passages
from medlocal.ingest.rechunk import rechunk_documents
from medlocal.rag.cited_place import cited_place
from medlocal.rag.passages import SourceRef
from medlocal.vault.store import Vault


@pytest.fixture
def vault(tmp_path: Path) -> Iterator[Vault]:
    with new_vault(tmp_path / "vault") as vault:
        yield vault


def _updated(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, SourceRef, SourceRef]:
    patient = vault.add_patient("Marguerite Quennell-Abbot")
    document_id, plan, stale = import_as_older(vault, patient, tmp_path, monkeypatch)
    assert "warfarin" in vault.document_text(document_id)
    result = rechunk_documents(vault, EMB)
    assert (result.rechunked, result.failed) == (1, 0)
    assert "warfarin" not in vault.document_text(document_id)
    return document_id, plan, stale


def test_a_citation_finds_its_passage_after_the_update_moved_it(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id, plan, _stale = _updated(vault, tmp_path, monkeypatch)
    text = vault.document_text(document_id)
    assert PLAN not in text[plan.start : plan.end]  # the kept offsets hold other words now
    place = cited_place(text, plan)
    assert place is not None and PLAN in text[place[0] : place[1]]
    # The saved answer, as `outputs show --json` prints it, quotes the plan it cited.
    provenance = {"sources": [plan.as_dict()]}
    ((_source, passage),) = cited_passages(vault, provenance)
    assert passage is not None and PLAN in passage


def test_a_citation_whose_passage_the_update_removed_says_so(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id, _plan, stale = _updated(vault, tmp_path, monkeypatch)
    assert cited_place(vault.document_text(document_id), stale) is None
    # Not another passage given the freed chunk id: nothing.
    ((_source, passage),) = cited_passages(vault, {"sources": [stale.as_dict()]})
    assert passage is None


def test_an_unchanged_document_keeps_the_recorded_place() -> None:
    text = "Seen.\n\nPlan: review   in 6 weeks.\n\nPlan: review in 6 weeks."
    start = text.index("Plan")
    end = start + len("Plan: review   in 6 weeks.")
    source = SourceRef(1, 1, 1, "a.txt", None, start, end, "Plan: review in 6 weeks.")
    assert cited_place(text, source) == (start, end)
    # Saved before snippets were kept: the offsets are all there is.
    assert cited_place("other", SourceRef(1, 1, 1, "a.txt", None, 0, 3, "")) == (0, 3)
    # Moved: the place nearest the old one, of two that quote the same words.
    moved = text.replace("Seen.", "Seen in clinic today.")
    later = moved.rindex("Plan")
    was = SourceRef(1, 1, 1, "a.txt", None, later - 3, later + 20, "Plan: review in 6 weeks.")
    assert cited_place(moved, was) == (later, len(moved))


def test_a_given_passage_of_a_deleted_document_is_no_later_documents_passage(
    vault: Vault, tmp_path: Path
) -> None:
    """A freed chunk id goes to the next passage written: after the last document imported is
    deleted, a saved answer's given passages named another patient's new letter."""
    from medlocal.app.given_passages import given_sources
    from medlocal.ingest.pipeline import import_paths

    first, second = vault.add_patient("Ada Example"), vault.add_patient("Bo Other")
    (tmp_path / "a.txt").write_text("Ada's letter: metformin 500 mg twice daily.\n")
    (tmp_path / "b.txt").write_text("Bo's letter: lithium level 0.8 mmol/L.\n")
    (a,) = import_paths(vault, [tmp_path / "a.txt"], first, EMB).files
    assert a.document_id is not None
    given = [
        {"number": 1, "chunk_id": c.id, "document_id": a.document_id}
        for c in vault.document_chunks(a.document_id)
    ]
    cited = SourceRef(1, given[0]["chunk_id"], a.document_id, "a.txt", None, 0, 44, "")
    vault.delete_documents([a.document_id])
    (b,) = import_paths(vault, [tmp_path / "b.txt"], second, EMB).files
    assert b.document_id is not None
    assert [c.id for c in vault.document_chunks(b.document_id)] == [given[0]["chunk_id"]]
    assert given_sources(vault, {"passages": given}) == []
    assert cited_passages(vault, {"sources": [cited.as_dict()]})[0][1] is None
