"""The import pipeline through its Python API, with a fake vault and embedder for speed (the
same paths run against the real SQLCipher vault in tests/integration/test_ingest_vault.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
from fixtures.ingest_files import (
    BATCH_MAX_BYTES,
    FakeEmbedder,
    FakeVault,
    make_pdf,
    write_bad_and_good_files,
)

from medlocal.ingest.chunker import ChunkingParams
from medlocal.ingest.errors import FileNotFoundIngestError
from medlocal.ingest.pipeline import (
    MISSING_WHEN_STARTED,
    VANISHED,
    ProgressEvent,
    _read,
    collect_files,
    import_paths,
)


def test_every_bad_input_fails_alone_and_the_batch_goes_on(tmp_path: Path) -> None:
    expectations = write_bad_and_good_files(tmp_path / "batch")
    vault, events = FakeVault(), []
    report = import_paths(
        vault,
        [tmp_path / "batch" / name for name in sorted(expectations)],
        patient_id=1,
        embedder=FakeEmbedder(),
        progress=events.append,
        max_bytes=BATCH_MAX_BYTES,
    )
    outcomes = {outcome.file_name: outcome for outcome in report.files}
    assert set(outcomes) == set(expectations)
    for name, expectation in expectations.items():
        outcome = outcomes[name]
        if expectation == "imported":
            assert outcome.status == "imported", (name, outcome.reason)
            assert outcome.chunks > 0
        else:
            assert outcome.status == "failed", name
            assert outcome.reason is not None and expectation in outcome.reason, outcome.reason
    imported = {doc["file_name"] for doc in vault.documents.values()}
    assert imported == {name for name, e in expectations.items() if e == "imported"}
    assert not report.cancelled
    done = [event for event in events if event.stage == "done"]
    assert [event.index for event in done] == list(range(1, len(expectations) + 1))
    assert all(event.total == len(expectations) for event in events)


def test_documents_reach_the_vault_complete(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["Finding one. " * 40, "Finding two. " * 40]))
    vault, embedder = FakeVault(), FakeEmbedder()
    report = import_paths(
        vault,
        [path],
        7,
        embedder,
        collection="cardio",
        chunking=ChunkingParams(50, 10),
        embed_batch=4,
    )
    (document,) = vault.documents.values()
    chunks, vectors = document["chunks"], document["vectors"]
    assert isinstance(chunks, list) and isinstance(vectors, np.ndarray)
    assert document["patient_id"] == 7 and document["collection"] == "cardio"
    assert document["file_type"] == "pdf" and document["model"] == embedder.model_id
    assert vectors.shape == (len(chunks), embedder.dim) and vectors.dtype == np.float32
    assert max(embedder.calls) <= 4
    assert {chunk.page for chunk in chunks} == {1, 2}
    assert report.pages == 2 and report.chunks == len(chunks)
    assert set(report.timings) == {"extract", "chunk", "embed", "write"}
    assert report.as_dict()["imported"] == 1


def test_duplicate_is_skipped_not_failed(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same content.")
    (tmp_path / "b.txt").write_text("Same content.")
    vault = FakeVault()
    report = import_paths(vault, [tmp_path], 1, FakeEmbedder())
    assert [o.status for o in report.files] == ["imported", "skipped"]
    # It names the document it repeats (a copy in another folder or under another name).
    first = report.files[0].document_id
    assert (
        report.files[1].reason == f"duplicate: already imported for this patient (document {first})"
    )
    # Same file for another patient is fine.
    other = import_paths(vault, [tmp_path / "a.txt"], 2, FakeEmbedder())
    assert other.files[0].status == "imported"


def test_folders_are_walked_sorted_skipping_hidden_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "b" / "deeper" / "z.txt").write_text("z")
    (tmp_path / "b" / "a.md").write_text("a")
    (tmp_path / "c.txt").write_text("c")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x")
    (tmp_path / "photo.heic").write_bytes(b"\xff\xd8")
    names = [c.path.relative_to(tmp_path).as_posix() for c in collect_files([tmp_path, tmp_path])]
    assert names == ["c.txt", "photo.heic", "b/a.md", "b/deeper/z.txt"]
    report = import_paths(FakeVault(), [tmp_path], 1, FakeEmbedder())
    statuses = {o.file_name: o.status for o in report.files}
    assert statuses == {
        "c.txt": "imported",
        "photo.heic": "skipped",
        "a.md": "imported",
        "z.txt": "imported",
    }


def test_reports_name_files_by_their_path_in_the_imported_folder(tmp_path: Path) -> None:
    """Two letter.txt in different subfolders stay apart in the report and its events; a file
    named by itself is shown with its full path; several folders keep their own names."""
    folder = tmp_path / "records"
    for year in ("2023", "2024"):
        (folder / year).mkdir(parents=True)
        (folder / year / "letter.txt").write_text(f"Clinic letter of {year}.")
    (folder / "2024" / "scan.heic").write_bytes(b"\xff\xd8")
    single = tmp_path / "loose" / "letter.txt"
    single.parent.mkdir()
    single.write_text("A loose letter.")
    events: list[ProgressEvent] = []
    report = import_paths(FakeVault(), [folder, single], 1, FakeEmbedder(), progress=events.append)
    assert [(o.shown, o.file_name, o.status) for o in report.files] == [
        (str(Path("2023", "letter.txt")), "letter.txt", "imported"),
        (str(Path("2024", "letter.txt")), "letter.txt", "imported"),
        (str(Path("2024", "scan.heic")), "scan.heic", "skipped"),
        (str(single.absolute()), "letter.txt", "imported"),
    ]
    assert [e.file_name for e in events if e.stage == "done"] == [o.shown for o in report.files]
    assert {e.file_name for e in events if e.stage == "extract"} == {o.shown for o in report.files}
    assert report.as_dict()["files"][0]["path"] == str(Path("2023", "letter.txt"))
    other = tmp_path / "other"
    (other / "2023").mkdir(parents=True)
    (other / "2023" / "letter.txt").write_text("x")
    shown = [c.shown for c in collect_files([folder, other])]
    assert shown[0] == str(Path("records", "2023", "letter.txt"))
    assert shown[-1] == str(Path("other", "2023", "letter.txt"))


def test_missing_path_is_a_per_file_error(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("fine")
    report = import_paths(
        FakeVault(), [tmp_path / "nope.pdf", tmp_path / "ok.txt"], 1, FakeEmbedder()
    )
    assert [(o.status, o.reason) for o in report.files] == [
        ("failed", MISSING_WHEN_STARTED),
        ("imported", None),
    ]


def test_missing_path_without_an_extension_is_not_found(tmp_path: Path) -> None:
    # A mistyped folder name (no extension) was reported as an unsupported file type.
    report = import_paths(FakeVault(), [tmp_path / "Letters"], 1, FakeEmbedder())
    assert [(o.status, o.reason) for o in report.files] == [("failed", MISSING_WHEN_STARTED)]


def test_cancel_between_files_keeps_only_complete_documents(tmp_path: Path) -> None:
    for index in range(5):
        (tmp_path / f"{index}.txt").write_text(f"Document {index}.")
    cancel, vault = threading.Event(), FakeVault()

    def on_progress(event: ProgressEvent) -> None:
        if event.stage == "done" and event.index == 2:
            cancel.set()

    report = import_paths(vault, [tmp_path], 1, FakeEmbedder(), progress=on_progress, cancel=cancel)
    assert report.cancelled
    assert [o.file_name for o in report.files] == ["0.txt", "1.txt"]
    assert len(vault.documents) == 2
    # The files it never reached are named, to import them again (walkthrough 15).
    assert report.not_reached == ["2.txt", "3.txt", "4.txt"]
    assert report.as_dict()["not_reached"] == ["2.txt", "3.txt", "4.txt"]


def test_cancel_during_embedding_drops_the_file_in_progress(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(" ".join(f"Finding {n} worth noting." for n in range(400)))
    (tmp_path / "next.txt").write_text("Never reached.")
    cancel, vault = threading.Event(), FakeVault()

    class CancellingEmbedder(FakeEmbedder):
        def embed(self, texts):  # type: ignore[no-untyped-def]
            if len(self.calls) == 1:
                cancel.set()  # the user presses Stop while the second batch is embedding
            return super().embed(texts)

    report = import_paths(
        vault,
        [tmp_path],
        1,
        CancellingEmbedder(),
        cancel=cancel,
        embed_batch=2,
        chunking=ChunkingParams(30, 5),
    )
    assert report.cancelled
    assert [(o.file_name, o.status) for o in report.files] == [("long.txt", "cancelled")]
    assert report.not_reached == ["next.txt"]
    assert vault.documents == {}


def test_cancel_while_a_long_line_is_cut_stops_the_import(tmp_path: Path) -> None:
    """Ctrl-C while one huge unbroken line is split into passages: the import stops there
    (not after the whole line is cut), and nothing of the file is written."""
    (tmp_path / "hugeline.txt").write_text(" ".join(f"word{i}" for i in range(40_000)))
    (tmp_path / "next.txt").write_text("Never reached.")
    cancel, vault = threading.Event(), FakeVault()

    class CancellingEmbedder(FakeEmbedder):
        counted = 0

        def count_tokens(self, text: str) -> int:
            self.counted += 1
            if self.counted == 50:
                cancel.set()
            return super().count_tokens(text)

    embedder = CancellingEmbedder()
    report = import_paths(vault, [tmp_path], 1, embedder, cancel=cancel)
    assert report.cancelled
    assert [(o.file_name, o.status) for o in report.files] == [("hugeline.txt", "cancelled")]
    assert vault.documents == {} and embedder.calls == []  # never reached embedding
    assert embedder.counted < 70


def test_embedder_failure_fails_the_file_only(tmp_path: Path) -> None:
    from medlocal.errors import MedLocalError

    (tmp_path / "a.txt").write_text("First.")
    (tmp_path / "b.txt").write_text("Second.")

    class FlakyEmbedder(FakeEmbedder):
        def embed(self, texts):  # type: ignore[no-untyped-def]
            if not self.calls:
                self.calls.append(0)
                raise MedLocalError("The embedding model stopped.")
            return super().embed(texts)

    report = import_paths(FakeVault(), [tmp_path], 1, FlakyEmbedder())
    assert [(o.status, o.reason) for o in report.files] == [
        ("failed", "The embedding model stopped."),
        ("imported", None),
    ]


def test_cancel_while_a_big_file_without_blank_lines_is_split_stops_promptly(
    tmp_path: Path,
) -> None:
    """A 3.6 MB file without blank lines is one paragraph: splitting it reports its progress,
    and Ctrl-C during the split stops the import there with the files never reached named."""
    line = (
        "Repeat line about blood pressure 140/90 measured at clinic visit number {} for review.\n"
    )
    text = "".join(line.format(i) for i in range(40_000))
    (tmp_path / "a_big.txt").write_text(text)
    (tmp_path / "next.txt").write_text("Never reached.")
    cancel, vault = threading.Event(), FakeVault()
    events: list[ProgressEvent] = []
    cancelled_at: list[float] = []

    def on_progress(event: ProgressEvent) -> None:
        events.append(event)
        total = event.characters_total if event.stage == "chunk" else None
        if total and not cancel.is_set() and (event.characters_done or 0) >= total // 10:
            cancel.set()  # the user presses Ctrl-C a tenth of the way through the split
            cancelled_at.append(time.perf_counter())

    embedder = FakeEmbedder()
    report = import_paths(vault, [tmp_path], 1, embedder, progress=on_progress, cancel=cancel)
    stopped_after = time.perf_counter() - cancelled_at[0]
    assert stopped_after < 2, stopped_after
    assert report.cancelled and report.not_reached == ["next.txt"]
    assert [(o.file_name, o.status) for o in report.files] == [("a_big.txt", "cancelled")]
    assert vault.documents == {} and embedder.calls == []
    split = [e for e in events if e.stage == "chunk" and e.characters_total]
    assert len(split) == 4  # every 100,000 characters, up to a tenth
    assert {e.characters_total for e in split} == {len(text)}
    progress = split[0].as_progress()
    assert (progress.stage, progress.done, progress.unit, progress.detail) == (
        "chunking",
        split[0].characters_done,
        "characters",
        "a_big.txt",
    )
    assert split[0].stage_text == "Splitting into passages 2%"


def test_a_file_gone_before_it_is_read_says_it_was_moved_or_deleted(tmp_path: Path) -> None:
    # Walk 53a L6: a file dragged, then deleted before the drop was read, said only "file not
    # found"; the window's drop passes its paths as they were when dropped.
    report = import_paths(FakeVault(), [tmp_path / "vanished_letter.txt"], 1, FakeEmbedder())
    (outcome,) = report.files
    assert outcome.reason == MISSING_WHEN_STARTED
    assert "moved or deleted" in MISSING_WHEN_STARTED and "moved or deleted" in VANISHED
    with pytest.raises(FileNotFoundIngestError, match="moved or deleted before it could be read"):
        _read(tmp_path / "vanished_letter.txt", 1000)


def test_a_folder_removed_mid_import_is_named(tmp_path: Path) -> None:
    """A USB stick pulled mid-import: the files left say their folder is gone and that
    importing again skips what was done (walk 53b, L4), not a bare "file not found"."""
    import shutil

    folder = tmp_path / "stick"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(f"Clinic letter {name}.")

    def pull_the_stick(event: ProgressEvent) -> None:
        if event.stage == "done" and folder.exists():
            shutil.rmtree(folder)

    report = import_paths(FakeVault(), [folder], 1, FakeEmbedder(), progress=pull_the_stick)
    statuses = [o.status for o in report.files]
    assert statuses == ["imported", "failed", "failed"]
    for outcome in report.files[1:]:
        assert outcome.reason is not None
        assert "its folder is no longer there" in outcome.reason
        assert "files already imported are skipped" in outcome.reason
