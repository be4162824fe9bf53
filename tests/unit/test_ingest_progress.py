"""The CLI progress bar, and the promise that extraction never writes temporary files."""

from __future__ import annotations

import io
import itertools
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from fixtures.ingest_files import (
    BATCH_MAX_BYTES,
    FakeEmbedder,
    FakeVault,
    write_bad_and_good_files,
)

from medlocal.cli.ingest_cmds import ProgressBar
from medlocal.ingest.pipeline import ProgressEvent, import_paths


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_redraws_one_line_on_a_terminal() -> None:
    stream = _Terminal()
    bar = ProgressBar(stream)
    bar.update(ProgressEvent(1, 2, "a.pdf", "extract"))
    bar.update(ProgressEvent(1, 2, "a.pdf", "done", outcome="imported"))
    bar.update(ProgressEvent(2, 2, "b.pdf", "embed"))
    bar.finish()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "[------------------------] 0/2 Reading: a.pdf" in text
    assert "[############------------] 1/2 Imported: a.pdf" in text


def test_a_long_path_on_the_bar_keeps_the_file_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.get_terminal_size", lambda fallback: os.terminal_size((60, 24)))
    stream = _Terminal()
    bar = ProgressBar(stream)
    bar.update(ProgressEvent(1, 2, "/very/long/folder/of/the/clinic/2024/discharge.pdf", "extract"))
    line = stream.getvalue().strip("\r")
    assert len(line) == 59 and line.endswith("/discharge.pdf") and ": …" in line


def test_progress_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar.update(ProgressEvent(1, 2, "a.pdf", "extract"))
    bar.update(ProgressEvent(1, 2, "a.pdf", "done", outcome="failed", detail="damaged"))
    bar.update(ProgressEvent(2, 2, "b.pdf", "done", outcome="imported"))
    bar.finish()
    # The reason as the file ends (walk 31: a killed import never printed its summary).
    assert stream.getvalue() == "[1/2] failed: a.pdf: damaged\n[2/2] imported: b.pdf\n"


def test_a_failed_file_keeps_its_line_with_the_reason_above_the_bar() -> None:
    stream = _Terminal()
    bar = ProgressBar(stream)
    bar.update(ProgressEvent(1, 3, "a.pdf", "extract"))
    bar.update(ProgressEvent(1, 3, "a.pdf", "done", outcome="failed", detail="damaged PDF"))
    bar.update(ProgressEvent(2, 3, "b.pdf", "done", outcome="skipped", detail="duplicate"))
    bar.finish()
    lines = stream.getvalue().split("\n")
    assert lines[0].endswith("failed: a.pdf: damaged PDF")  # after the cleared bar
    assert lines[0].split("\r")[-1] == "failed: a.pdf: damaged PDF"
    assert "Skipped: b.pdf" in lines[1] and "duplicate" not in lines[1]  # the bar only
    assert lines[2] == ""


def test_import_writes_no_temporary_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction is in memory: no temp file or folder is created, and the temp dir stays empty."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an importer tried to create a temporary file")

    for name in (
        "mkstemp",
        "mkdtemp",
        "NamedTemporaryFile",
        "TemporaryFile",
        "SpooledTemporaryFile",
        "TemporaryDirectory",
    ):
        monkeypatch.setattr(tempfile, name, refuse)
    write_bad_and_good_files(tmp_path / "batch")
    report = import_paths(
        FakeVault(), [tmp_path / "batch"], 1, FakeEmbedder(), max_bytes=BATCH_MAX_BYTES
    )
    assert len(report.imported) == 7
    assert list(temp.iterdir()) == []


def test_a_large_file_reports_every_embedding_batch(tmp_path: Path) -> None:
    (tmp_path / "long.txt").write_text(
        " ".join(f"Finding {n} worth noting on this page." for n in range(600))
    )
    events: list[ProgressEvent] = []
    embedder = FakeEmbedder()
    report = import_paths(
        FakeVault(), [tmp_path], 1, embedder, progress=events.append, embed_batch=8
    )
    passages = report.chunks
    batches = [e for e in events if e.stage == "embed" and e.passages_total]
    assert passages > 16 and len(batches) == len(embedder.calls) == -(-passages // 8)
    assert [e.passages_done for e in batches] == [
        min(8 * i, passages) for i in range(1, 1 + len(batches))
    ]
    assert {e.passages_total for e in batches} == {passages}
    last = batches[-1].as_progress()
    assert (last.stage, last.done, last.total, last.unit, last.detail) == (
        "embedding",
        passages,
        passages,
        "passages",
        "long.txt",
    )
    assert last.fraction == 1.0
    stream = _Terminal()
    bar = ProgressBar(stream)
    bar.update(batches[0])
    assert f"Indexing 8/{passages} passages: long.txt" in stream.getvalue()


def test_a_long_file_logs_each_tenth_when_not_a_terminal() -> None:
    """In a log or a pipe a 900-passage file shows it is alive: a line per tenth, not per batch
    (and nothing extra for short files); OCR pages likewise."""
    from medlocal.progress import Progress

    stream = io.StringIO()
    bar = ProgressBar(stream)
    for done in range(32, 901, 32):
        bar.update(ProgressEvent(1, 2, "big.pdf", "embed", passages_done=done, passages_total=900))
    bar.update(ProgressEvent(1, 2, "big.pdf", "done", outcome="imported"))
    for done in (8, 16, 24):
        bar.update(ProgressEvent(2, 2, "small.txt", "embed", passages_done=done, passages_total=24))
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Indexing: 32 of 900 passages (big.pdf)"
    assert len(lines) == 11 and lines[-1] == "[1/2] imported: big.pdf"  # 10 tenths + the file
    ocr = io.StringIO()
    pages = ProgressBar(ocr)
    for page in range(1, 201):
        pages.pages(Progress("ocr", page, 200, f"fax.pdf, page {page}", "pages"))
    assert len(ocr.getvalue().splitlines()) == 11  # page 1, then each tenth up to 200/200


def test_splitting_a_long_text_logs_each_tenth_and_shows_on_the_bar() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream)
    for done in range(0, 3_000_001, 100_000):
        bar.update(
            ProgressEvent(
                1, 1, "huge.txt", "chunk", characters_done=done, characters_total=3_000_000
            )
        )
    lines = stream.getvalue().splitlines()
    assert lines[0] == "Splitting into passages: 0% (huge.txt)"
    assert len(lines) == 11 and lines[-1] == "Splitting into passages: 100% (huge.txt)"
    live = _Terminal()
    ProgressBar(live).update(
        ProgressEvent(
            1, 2, "huge.txt", "chunk", characters_done=1_200_000, characters_total=3_000_000
        )
    )
    assert "0/2 Splitting into passages 40%: huge.txt" in live.getvalue()


def test_a_slow_file_logs_every_20_seconds_between_tenths() -> None:
    """Walk 27: a tenth of a 5,681-passage file took 2-3 minutes, silent in a log; now a line
    comes at least every 20 s, with the time left."""
    now = [0.0]
    stream = io.StringIO()
    bar = ProgressBar(stream, clock=lambda: now[0])
    for done in range(32, 5681, 32):
        now[0] += 4.0  # 4 s a batch of 32: a tenth takes over a minute
        left = (5681 - done) / 32 * 4.0
        event = ProgressEvent(
            1, 1, "log.txt", "embed", passages_done=done, passages_total=5681, seconds_left=left
        )
        bar.update(event)
    lines = stream.getvalue().splitlines()
    done_at = [int(line.split(": ")[1].split(" of ")[0].replace(",", "")) for line in lines]
    assert max(b - a for a, b in itertools.pairwise(done_at)) == 5 * 32  # 20 s of batches
    assert lines[1] == "Indexing: 192 of 5,681 passages (log.txt, about 11 min left)"


def test_embedding_reports_each_batch_with_the_time_left_from_the_second(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(
        "\n\n".join(f"Day {n}: observations stable, obs within range." for n in range(1500))
    )
    events: list[ProgressEvent] = []
    import_paths(FakeVault(), [path], 1, FakeEmbedder(), progress=events.append, embed_batch=8)
    batches = [event for event in events if event.stage == "embed" and event.passages_total]
    assert len(batches) >= 5
    assert batches[0].seconds_left is None  # the first batch carries the warm-up
    assert all(event.seconds_left is not None for event in batches[1:-1])
    assert batches[-1].seconds_left is None  # all done: nothing left to estimate
    middle = batches[len(batches) // 2]
    assert middle.stage_text.endswith(" left") and "passages, about " in middle.stage_text
    assert middle.as_progress().describe().endswith(" left)")


class _RecordingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.texts += texts
        return super().embed(texts)


def test_a_text_said_again_and_again_is_embedded_once(tmp_path: Path) -> None:
    # Walk 28: a 6 MB export of one line repeated was 12,000 passages of three distinct texts
    # and about 90 minutes of embedding.
    (tmp_path / "loop.txt").write_text("Potassium 4.1 mmol/L " * 20_000)
    events: list[ProgressEvent] = []
    embedder = _RecordingEmbedder()
    vault = FakeVault()
    report = import_paths(vault, [tmp_path], 1, embedder, progress=events.append, embed_batch=8)
    assert report.chunks > 100
    assert len(embedder.texts) == len(set(embedder.texts)) < 10
    (document,) = vault.documents.values()
    texts = [chunk.indexed_text for chunk in document["chunks"]]
    vectors = document["vectors"]
    assert len(vectors) == len(texts) == report.chunks
    # Every passage has the vector its own text has.
    assert np.array_equal(vectors, FakeEmbedder().embed(texts))
    batches = [e for e in events if e.stage == "embed" and e.passages_total]
    assert batches[-1].passages_done == batches[-1].passages_total == report.chunks


class _SlowEmbedder(FakeEmbedder):
    """Two seconds a passage on a fake clock; the first call four more (the warm-up)."""

    def __init__(self, now: list[float]) -> None:
        super().__init__()
        self.now = now

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        self.now[0] += 2.0 * len(texts) + (4.0 if not self.calls else 0.0)
        return super().embed(texts)


def test_a_long_import_says_how_long_it_will_take_within_seconds() -> None:
    """Walk 39: a 4 MB text (6,310 passages) showed no time left until three batches of 32 had
    run (minutes at its pace); now the first batch is 8 passages and the second says it, at the
    pace since the first (the warm-up left out)."""
    from medlocal.ingest.pipeline import FIRST_BATCH, _embed

    now = [0.0]
    heard: list[tuple[int, float | None]] = []
    texts = [f"passage {n}" for n in range(1000)]
    _embed(
        _SlowEmbedder(now),
        texts,
        32,
        None,
        lambda d, left: heard.append((d, left)),
        clock=lambda: now[0],
    )
    assert [done for done, _ in heard[:3]] == [FIRST_BATCH, FIRST_BATCH + 32, FIRST_BATCH + 64]
    assert heard[0][1] is None
    done, left = heard[1]
    assert now[0] > 0 and left == pytest.approx(2.0 * (1000 - done))  # 2 s a passage, exactly
    assert heard[-1] == (1000, None)


def test_an_import_progress_line_is_in_plain_words() -> None:
    """Walk 39b: the window showed "embed: 1/12 files (…)" and "ocr: 0/1 pages …"."""
    from medlocal.ingest.import_report import import_progress_text
    from medlocal.progress import Progress

    assert import_progress_text(Progress("extract", 1, 12, "letter.pdf", "files")) == (
        "Reading: file 2 of 12 (letter.pdf)"
    )
    assert import_progress_text(Progress("embed", 11, 12, "letter.pdf", "files")) == (
        "Indexing: file 12 of 12 (letter.pdf)"
    )
    assert import_progress_text(Progress("imported", 3, 12, "letter.pdf", "files")) == (
        "Imported: 3 of 12 files (letter.pdf)"
    )
    assert import_progress_text(Progress("ocr", 0, 1, "scan.png, page 1", "pages")) == (
        "Recognising text (OCR): 0 of 1 pages (scan.png, page 1)"
    )
    assert import_progress_text(
        Progress("embedding", 64, 1200, "scan.pdf, about 2 min left", "passages")
    ) == ("Indexing: 64 of 1,200 passages (scan.pdf, about 2 min left)")
    assert import_progress_text(Progress("chunking", 40, 100, "notes.txt", "characters")) == (
        "Splitting into passages: 40% (notes.txt)"
    )
    assert import_progress_text(Progress("write")) == "Saving"


def test_a_short_scan_logs_its_ocr_pages_when_not_a_terminal() -> None:
    """Walk 40: a 6-page scan read for 22 s with stderr not a terminal printed no OCR progress
    at all (only files of 100 pages or more were logged)."""
    from medlocal.progress import Progress

    stream = io.StringIO()
    bar = ProgressBar(stream)
    for page in range(1, 7):
        bar.pages(Progress("ocr", page, 6, f"scan.pdf, page {page}", "pages"))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 6, lines  # each page is more than a tenth of 6
    assert lines[0] == "Recognising text (OCR): 1 of 6 pages (scan.pdf, page 1)"
    assert lines[-1] == "Recognising text (OCR): 6 of 6 pages (scan.pdf, page 6)"
    passages = io.StringIO()
    short = ProgressBar(passages)
    for done in (8, 16, 24):  # a short file's passages are still not logged
        short.pages(Progress("ocr", done, 24, "x", "passages"))
    assert passages.getvalue() == ""
