"""Importing a large lab export: where the time goes, and the spreadsheet reading against a base
revision in the same process (user62; user61: a 40,000-row XLSX took ~32 min at load ~20).

A workbook like a lab system's export (one sheet: a date and five results a row, written by
openpyxl's write-only mode, so without a declared size) is generated and:

- read by the current extractor and by the base revision's ``extractors/spreadsheet.py`` (taken
  from git, loaded beside the current modules), alternately, CPU seconds of this process; the
  two documents must be the same text (``same_text``);
- imported into a fresh vault, CPU seconds a stage (``report.timings`` are wall seconds; the
  stage CPU is measured around each stage by the same hooks);
- with ``--embedder default``, the embedding levers on the file's first passages: one text a
  decode on 1 thread and on the configured threads, and texts packed into one decode, CPU
  seconds and the largest difference to the 1-thread vectors.

``--pdf-pages N`` does the last two for a generated one-column PDF of N pages instead.

Prints one JSON object on its last line (``benchmarks/run.py`` collects it).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
SPREADSHEET = "medlocal/ingest/extractors/spreadsheet.py"
BASE = "740d7d5"  # main when user62 started


def make_workbook(path: Path, rows: int) -> None:
    """user61's lab export: a header and ``rows`` rows of a date and five results."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Labs")
    sheet.append(["Date", "Hb", "WCC", "Plt", "K", "Na"])
    for i in range(rows):
        day = datetime.date(2020, 1, 1) + datetime.timedelta(days=i % 2000)
        sheet.append(
            [day, 120 + i % 30, 5 + i % 7, 200 + i % 100, 3.5 + (i % 15) / 10, 135 + i % 10]
        )
    workbook.save(path)


def make_pdf(path: Path, pages: int) -> None:
    """A ``pages``-page clinic letter of one column (bench_ingest's sentences, each line
    numbered so that no two passages are the same)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    sys.path.insert(0, str(HERE))
    from bench_ingest import _paragraph

    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=True)
    for page in range(pages):
        text = pdf.beginText(50, 800)
        text.textLine(f"Clinic letter, page {page + 1}")
        for line in range(40):
            # Numbered: bench_ingest's sentences repeat, and repeated passages are embedded
            # once (pipeline._embed), which would hide the embedding's cost.
            text.textLine(f"{page + 1}.{line + 1} {_paragraph(page * 7 + line)[:88]}")
        pdf.drawText(text)
        pdf.showPage()
    pdf.save()


def base_module(revision: str) -> ModuleType | None:
    """The base revision's spreadsheet extractor, loaded under another name beside the current
    modules it imports (None when git or the revision is not there)."""
    try:
        source = subprocess.run(
            ["git", "show", f"{revision}:{SPREADSHEET}"],
            cwd=HERE.parent,
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("base_spreadsheet", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, f"{revision}:{SPREADSHEET}", "exec"), module.__dict__)
    return module


def extraction(data: bytes, base: ModuleType | None, repeats: int) -> dict[str, Any]:
    from medlocal.ingest.extractors import spreadsheet

    readers = {"now": spreadsheet.extract_xlsx}
    if base is not None:
        readers["base"] = base.extract_xlsx
    seconds: dict[str, list[float]] = {name: [] for name in readers}
    texts: dict[str, str] = {}
    for _ in range(repeats):
        for name, read in readers.items():
            started = time.process_time()
            document = read(data, "labs.xlsx")
            seconds[name].append(time.process_time() - started)
            texts[name] = document.text + "\n".join(document.notes)
    best = {name: round(min(values), 3) for name, values in seconds.items()}
    result: dict[str, Any] = {"extract_cpu_s": best}
    if base is not None:
        result["same_text"] = texts["now"] == texts["base"]
        result["base_over_now"] = round(best["base"] / best["now"], 2)
    return result


class _StageClock:
    """CPU seconds of this process between the pipeline's stage events."""

    def __init__(self) -> None:
        self.cpu: dict[str, float] = {}
        self._stage: str | None = None
        self._since = time.process_time()

    def __call__(self, event: Any) -> None:
        stage = getattr(event, "stage", None)
        if stage is None or stage == self._stage:
            return
        self._switch(stage)

    def _switch(self, stage: str | None) -> None:
        now = time.process_time()
        if self._stage is not None:
            self.cpu[self._stage] = self.cpu.get(self._stage, 0.0) + now - self._since
        self._stage, self._since = stage, now

    def close(self) -> dict[str, float]:
        self._switch(None)
        return {stage: round(seconds, 2) for stage, seconds in self.cpu.items()}


def whole_import(path: Path, folder: Path, embedder: Any) -> dict[str, Any]:
    from medlocal.ingest.pipeline import import_paths
    from medlocal.vault.keys import KdfParams
    from medlocal.vault.store import Vault

    vault, _ = Vault.create(
        folder / "vault", "benchmark passphrase", kdf_params=KdfParams(8 * 1024, 1, 1)
    )
    clock = _StageClock()
    with vault:
        patient = vault.add_patient("Benchmark")
        started = time.process_time()
        report = import_paths(vault, [path], patient, embedder, progress=clock)
        total = time.process_time() - started
    stages = clock.close()
    return {
        "passages": report.chunks,
        "cpu_s": round(total, 2),
        "stage_cpu_s": stages,
        "stage_share": {stage: round(seconds / total, 3) for stage, seconds in stages.items()},
    }


def embedding_levers(path: Path, embedder: Any, engine: Any, texts_n: int) -> dict[str, Any]:
    """One text a decode on 1 thread (the reference), on the configured threads, and packed."""
    from medlocal.ingest.chunker import chunk_document
    from medlocal.ingest.formats import format_for

    document = format_for(path).extract(path.read_bytes(), path.name, None)
    texts = [chunk.indexed_text for chunk in chunk_document(document, embedder)][:texts_n]
    llm = embedder._llama
    configured = int(llm.context_params.n_threads)

    def one_a_decode(threads: int) -> list[list[float]]:
        embedder._set_threads(llm, threads)
        return [llm.embed([text], normalize=True)[0] for text in texts]

    def packed() -> list[list[float]]:
        embedder._set_threads(llm, 1)
        vectors: list[list[float]] = llm.embed(texts, normalize=True)
        return vectors

    runs = {
        "one_a_decode_1_thread": lambda: one_a_decode(1),
        f"one_a_decode_{configured}_threads": lambda: one_a_decode(configured),
        "packed_1_thread": packed,
    }
    result: dict[str, Any] = {
        "texts": len(texts),
        "tokens_mean": round(float(np.mean([embedder.count_tokens(t) for t in texts])), 1),
    }
    reference = None
    for name, run in runs.items():
        started = time.process_time()
        vectors = np.asarray(engine.worker.call(run), dtype=np.float32)
        cpu = time.process_time() - started
        if reference is None:
            reference = vectors
        result[name] = {
            "cpu_ms_per_text": round(1000 * cpu / len(texts), 1),
            "max_abs_diff": float(np.abs(vectors - reference).max()),
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="4,000 rows, for a smoke run")
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--base", default=BASE, help="revision to compare the reading with")
    parser.add_argument("--embedder", choices=("default", "hash"), default="hash")
    parser.add_argument("--lever-texts", type=int, default=32)
    parser.add_argument(
        "--pdf-pages",
        type=int,
        default=0,
        help="import a generated one-column PDF of this many pages instead of the workbook",
    )
    args = parser.parse_args()
    rows = 4_000 if args.quick else args.rows
    with tempfile.TemporaryDirectory(prefix="medlocal-bench-import-large-") as tmp:
        os.environ["MEDLOCAL_HOME"] = str(Path(tmp) / "home")
        result: dict[str, Any]
        if args.pdf_pages:
            path = Path(tmp) / "letter.pdf"
            make_pdf(path, args.pdf_pages)
            result = {"pdf_pages": args.pdf_pages, "bytes": path.stat().st_size}
        else:
            path = Path(tmp) / "labs.xlsx"
            make_workbook(path, rows)
            result = {"rows": rows, "bytes": path.stat().st_size, "base": args.base}
            result.update(
                extraction(path.read_bytes(), base_module(args.base), 1 if args.quick else 2)
            )
        engine = None
        embedder: Any
        if args.embedder == "default":
            from medlocal.engine.runtime import Engine
            from medlocal.models.embedders import default_embedder_path

            engine = Engine()
            embedder = engine.load_embedder(default_embedder_path())
        else:
            sys.path.insert(0, str(HERE))
            from bench_ingest import HashEmbedder

            embedder = HashEmbedder()
        try:
            result["embedder"] = args.embedder
            result["import"] = whole_import(path, Path(tmp), embedder)
            if engine is not None:
                result["levers"] = embedding_levers(path, embedder, engine, args.lever_texts)
        finally:
            if engine is not None:
                engine.shutdown()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
