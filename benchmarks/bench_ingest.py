"""Import benchmark: throughput (pages/s, chunks/s) of ``medlocal.ingest`` into a real vault,
and where the time goes (extract / chunk / embed / write).

A synthetic corpus (multi-page PDFs, DOCX, text, FHIR bundles) is generated in a temporary
folder and imported into a fresh vault there. The baseline, measured in the same run, is the
embedder alone on the same passages: ``pipeline_over_embed`` says how much the rest of the
pipeline adds on top of the unavoidable embedding cost.

Prints one JSON object on its last line (``benchmarks/run.py`` collects it).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

SENTENCES = [
    "The patient reports intermittent chest pain radiating to the left arm.",
    "Blood pressure was 142/88 mmHg and heart rate 78 beats per minute.",
    "Metformin 500 mg twice daily was continued and lisinopril 10 mg started.",
    "HbA1c improved from 8.1% to 7.2% over six months.",
    "No known drug allergies; penicillin intolerance was ruled out in 2019.",
    "Echocardiogram showed preserved ejection fraction without valve disease.",
    "Follow-up in the diabetes clinic is planned in three months with repeat bloods.",
    "Creatinine 1.1 mg/dL and eGFR 68 mL/min, stable compared with last year.",
]


class HashEmbedder:
    """A model-free stand-in (``--embedder hash``): isolates the pipeline's own cost."""

    model_id = "bench-hash-embedder"
    dim = 384
    _token = re.compile(r"\w+|[^\w\s]")

    def count_tokens(self, text: str) -> int:
        return len(self._token.findall(text))

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in self._token.findall(text.lower()):
                out[
                    row,
                    int(hashlib.blake2b(word.encode(), digest_size=4).hexdigest(), 16) % self.dim,
                ] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)


def _paragraph(seed: int) -> str:
    return " ".join(SENTENCES[(seed + i) % len(SENTENCES)] for i in range(4 + seed % 3))


def make_corpus(folder: Path, pdfs: int, pages: int, paragraphs: int) -> int:
    """Write the corpus (``pdfs`` PDFs of ``pages`` pages; half as many DOCX, TXT and FHIR
    files of ``paragraphs`` paragraphs or resources); returns the number of files."""
    import docx
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    folder.mkdir(parents=True)
    for n in range(pdfs):
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
        for p in range(pages):
            text = pdf.beginText(50, 800)
            text.textLine(f"Clinic letter {n}, page {p + 1}")
            for line_no in range(40):
                text.textLine(_paragraph(n * 100 + p * 7 + line_no)[:95])
            pdf.drawText(text)
            pdf.showPage()
        pdf.save()
        (folder / f"letter-{n:03d}.pdf").write_bytes(buffer.getvalue())
    for n in range(max(1, pdfs // 2)):
        document = docx.Document()
        document.add_heading(f"Discharge summary {n}", level=1)
        for p in range(paragraphs):
            document.add_paragraph(_paragraph(n + p))
        document.save(str(folder / f"summary-{n:03d}.docx"))
        (folder / f"note-{n:03d}.txt").write_text(
            "\n\n".join(_paragraph(n * 3 + p) for p in range(paragraphs)), encoding="utf-8"
        )
        bundle = {
            "resourceType": "Bundle",
            "entry": [
                {
                    "resource": {
                        "resourceType": "Observation",
                        "id": f"obs{n}-{i}",
                        "code": {"text": "HbA1c"},
                        "valueQuantity": {"value": 6 + i / 10, "unit": "%"},
                        "effectiveDateTime": f"2024-01-{1 + i % 28:02d}",
                    }
                }
                for i in range(paragraphs)
            ],
        }
        (folder / f"record-{n:03d}.json").write_text(json.dumps(bundle), encoding="utf-8")
    return len(list(folder.iterdir()))


def long_line_split(embedder: Any) -> dict[str, float]:
    """Seconds to split one unbroken line (words, no sentence end) of 100 KB and of 1 MB into
    passages, and their ratio: about 10 when splitting is linear in the text's length (it was
    quadratic: a 2 MB line took minutes). Timing only, never a pass/fail."""
    from medlocal.ingest.chunker import chunk_document
    from medlocal.ingest.document import ExtractedDocument

    words = " ".join(SENTENCES).replace(".", "").replace(";", "").split()
    line = " ".join(words[i % len(words)] for i in range(200_000))
    seconds = {}
    for label, size in (("100KB", 100_000), ("1MB", 1_000_000)):
        text = line[:size].rstrip()
        started = time.perf_counter()
        chunk_document(ExtractedDocument(text, "txt"), embedder)
        seconds[label] = time.perf_counter() - started
    return {
        "split_100KB_s": round(seconds["100KB"], 3),
        "split_1MB_s": round(seconds["1MB"], 3),
        "ratio_1MB_over_100KB": round(seconds["1MB"] / seconds["100KB"], 1),
    }


PROSE = [
    "Patient reviewed on the ward round; much less breathless and mobilising with a frame.",
    "Chest clear on auscultation, mild bibasal crackles, pitting oedema to mid-shin bilaterally.",
    "Plan: continue IV furosemide, daily weights, fluid restriction 1.5 L, repeat U&E tomorrow.",
    "Discussed with daughter who is aware of the plan and agrees with the current management.",
    "Observations stable overnight, NEWS 2, afebrile, saturations 95% on room air.",
    "Nursing note: pressure areas intact, eating and drinking well, bowels opened today.",
]
DRUGS = ["Apixaban 2.5 mg twice daily", "Bisoprolol 2.5 mg once daily", "Ramipril 5 mg daily"]


def big_text(size: int) -> str:
    """A long ward record of ``size`` characters (walk 39's 4 MB note, smaller): dated progress
    notes, a lab table each day and the medicines, deterministic."""
    out: list[str] = []
    written, day = 0, 0
    while written < size:
        lines = [f"Date: {day % 28 + 1:02d}/11/2026 Time: {(day * 7) % 24:02d}:{day % 60:02d}"]
        lines += ["Progress note", *(PROSE[(day + i) % len(PROSE)] for i in range(2 + day % 5))]
        lines += ["", "Test        Result  Units   Range"]
        for row, (test, unit) in enumerate((("Sodium", "mmol/L"), ("Potassium", "mmol/L"))):
            lines.append(f"{test:<12}{(day * 13 + row * 7) % 150 / 1.7:.1f}   {unit}")
        lines += ["", f"Medications: {'; '.join(DRUGS)}.", "", ""]
        block = "\n".join(lines)
        out.append(block)
        written += len(block)
        day += 1
    return "".join(out)[:size]


def big_texts(folder: Path, sizes_mb: Sequence[float], embedder: Any) -> list[dict[str, Any]]:
    """Import one long text of each size into a fresh vault: passages a second through the
    whole pipeline, and the embedder alone on the same passages. Linear import keeps passages
    a second flat as the size grows; walk 39's 4 MB text ran at 0.5 a second (the embedder's
    threads spinning on busy cores)."""
    from medlocal.ingest.pipeline import import_paths
    from medlocal.vault.keys import KdfParams
    from medlocal.vault.store import Vault

    results = []
    for number, size_mb in enumerate(sizes_mb):
        path = folder / f"ward-record-{number}.txt"
        path.write_text(big_text(int(size_mb * 1_000_000)), encoding="utf-8")
        vault, _ = Vault.create(
            folder / f"vault-{number}", "benchmark passphrase", kdf_params=KdfParams(8 * 1024, 1, 1)
        )
        with vault:
            patient = vault.add_patient("Benchmark")
            started = time.perf_counter()
            report = import_paths(vault, [path], patient, embedder)
            total = time.perf_counter() - started
        results.append(
            {
                "size_mb": size_mb,
                "passages": report.chunks,
                "total_s": round(total, 2),
                "passages_per_s": round(report.chunks / total, 2),
                "stage_s": {stage: round(seconds, 2) for stage, seconds in report.timings.items()},
            }
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small corpus, for a smoke run")
    parser.add_argument(
        "--embedder",
        choices=("default", "demo", "hash"),
        default="default",
        help="default: the app's default embedder (all-MiniLM-L6-v2 when its package is "
        "installed); demo: the demo chat model pooled; hash: no model (pipeline cost only)",
    )
    parser.add_argument(
        "--big-text",
        metavar="MB,MB",
        help="instead of the corpus: import one long ward record of each size (e.g. 0.1,0.3,1) "
        "and print passages a second for each (flat when import time is linear)",
    )
    args = parser.parse_args()
    if args.big_text:
        return _big_text_main(args)

    with tempfile.TemporaryDirectory(prefix="medlocal-bench-ingest-") as tmp:
        os.environ["MEDLOCAL_HOME"] = str(Path(tmp) / "home")
        from medlocal.ingest.pipeline import import_paths
        from medlocal.vault.keys import KdfParams
        from medlocal.vault.store import Vault

        pdfs, pages, paragraphs = (2, 2, 8) if args.quick else (20, 10, 30)
        corpus = Path(tmp) / "corpus"
        files = make_corpus(corpus, pdfs, pages, paragraphs)

        engine = None
        embedder: Any
        if args.embedder in ("default", "demo"):
            from medlocal.engine.runtime import Engine
            from medlocal.models.demo import demo_model_path
            from medlocal.models.embedders import default_embedder_path

            model = default_embedder_path() if args.embedder == "default" else demo_model_path()
            if model is None:
                print("the demo model is not installed (pip extra 'demo')", file=sys.stderr)
                return 1
            engine = Engine()
            embedder = engine.load_embedder(model)
        else:
            embedder = HashEmbedder()
        try:
            vault, _ = Vault.create(
                Path(tmp) / "vault", "benchmark passphrase", kdf_params=KdfParams(8 * 1024, 1, 1)
            )
            with vault:
                patient = vault.add_patient("Benchmark")
                started = time.perf_counter()
                report = import_paths(vault, [corpus], patient, embedder)
                total = time.perf_counter() - started
                texts = [
                    chunk.text
                    for doc in vault.list_documents(patient)
                    for chunk in vault.document_chunks(doc.id)
                ]
            started = time.perf_counter()
            for offset in range(0, len(texts), 32):
                embedder.embed(texts[offset : offset + 32])
            embed_only = time.perf_counter() - started
            long_line = long_line_split(embedder)
        finally:
            if engine is not None:
                engine.shutdown()

    stages = report.timings
    staged = sum(stages.values())
    result = {
        "embedder": f"{args.embedder} ({Path(getattr(embedder, 'name', 'hash'))})",
        "files": files,
        "imported": len(report.imported),
        "failed": len(report.failed),
        "pages": report.pages,
        "chunks": report.chunks,
        "total_s": round(total, 3),
        "pages_per_s": round(report.pages / total, 2),
        "chunks_per_s": round(report.chunks / total, 2),
        "stage_s": {stage: round(seconds, 3) for stage, seconds in stages.items()},
        "stage_share": {stage: round(seconds / staged, 3) for stage, seconds in stages.items()},
        "baseline_embed_only_s": round(embed_only, 3),
        "pipeline_over_embed": round(total / embed_only, 2) if embed_only else None,
        "long_line": long_line,
    }
    print(json.dumps(result))
    return 0 if not report.failed else 1


def _big_text_main(args: argparse.Namespace) -> int:
    sizes = [float(part) for part in args.big_text.split(",") if part.strip()]
    with tempfile.TemporaryDirectory(prefix="medlocal-bench-ingest-") as tmp:
        os.environ["MEDLOCAL_HOME"] = str(Path(tmp) / "home")
        engine = None
        embedder: Any = HashEmbedder()
        if args.embedder != "hash":
            from medlocal.engine.runtime import Engine
            from medlocal.models.demo import demo_model_path
            from medlocal.models.embedders import default_embedder_path

            model = default_embedder_path() if args.embedder == "default" else demo_model_path()
            if model is None:
                print("the demo model is not installed (pip extra 'demo')", file=sys.stderr)
                return 1
            engine = Engine()
            embedder = engine.load_embedder(model)
        try:
            results = big_texts(Path(tmp), sizes, embedder)
        finally:
            if engine is not None:
                engine.shutdown()
    print(json.dumps({"embedder": args.embedder, "big_text": results}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
