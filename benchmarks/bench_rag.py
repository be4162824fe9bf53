"""Grounded-answer and summary benchmark on the demo model (SmolLM2-135M) and a real vault.

Measures:
* time to first token of a grounded answer over a 20-document patient vault, against the time to
  first token of the same fitted prompt sent straight to the model (the baseline, same run);
* the share of a grounded answer's time spent outside the model: retrieval (query embedding +
  hybrid search), context fitting and grounding checks;
* summary wall time per 100 pages: a multi-page PDF record summarised into the SOAP template.

Prints one JSON object on its last line (``benchmarks/run.py`` collects it).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

QUESTIONS = [
    "What dose of metformin is the patient taking?",
    "What was the blood pressure at the last visit?",
    "Which allergies are recorded?",
]
DRUGS = ["metformin", "lisinopril", "atorvastatin", "amlodipine", "levothyroxine", "omeprazole"]


def note(i: int) -> str:
    drug = DRUGS[i % len(DRUGS)]
    return (
        f"Clinic letter {i + 1}, {1 + i % 12:02d}/{1 + i % 27:02d}/2021.\n\n"
        f"{drug.capitalize()} {10 * (i + 1)} mg once daily was reviewed. Blood pressure"
        f" {120 + i}/{70 + i % 20} mmHg, heart rate {60 + i} bpm. HbA1c {6 + i / 10:.1f} %."
        f" Allergies: {'penicillin (rash)' if i % 3 == 0 else 'none known'}. The patient walks"
        f" {i + 1} km a day and sleeps well. Follow-up in {i % 6 + 1} months.\n"
    )


def record_pdf(pages: int) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=True)
    for page in range(pages):
        y = 800
        for line in range(40):
            day = page * 40 + line
            pdf.drawString(
                40,
                y,
                f"Day {day}: BP {120 + day % 30}/{70 + day % 15} mmHg, glucose"
                f" {5 + day % 40 / 10:.1f} mmol/L, metformin 500 mg twice daily continued.",
            )
            y -= 18
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def grounded_prompt(question: str):  # type: ignore[no-untyped-def]
    """The message builder the answerer uses, for the baseline run."""
    from medlocal.engine.api import ChatMessage
    from medlocal.rag.passages import render_passages
    from medlocal.rag.prompts import GROUNDED_SYSTEM, grounded_user_message

    def build(passages, history):  # type: ignore[no-untyped-def]
        return [
            ChatMessage("system", GROUNDED_SYSTEM),
            ChatMessage("user", grounded_user_message(render_passages(passages), question)),
        ]

    return build


def flush(chat) -> None:  # type: ignore[no-untyped-def]
    """A tiny unrelated request, so the next prompt does not start from a warm KV cache."""
    from medlocal.engine.api import ChatMessage, SamplingParams

    for _ in chat.stream_chat([ChatMessage("user", "ok")], SamplingParams(max_tokens=1)):
        pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="fewer pages and questions")
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="medlocal-bench-rag-")
    os.environ["MEDLOCAL_HOME"] = home

    from medlocal.engine.api import SamplingParams
    from medlocal.engine.runtime import Engine, LoadOptions
    from medlocal.ingest.pipeline import import_paths
    from medlocal.models.demo import demo_model_path
    from medlocal.rag.answer import GroundedAnswerer
    from medlocal.rag.context import fit_passages
    from medlocal.rag.passages import Scope
    from medlocal.rag.record import record_passages
    from medlocal.rag.summarize import Summarizer
    from medlocal.rag.templates import get_template
    from medlocal.vault.keys import KdfParams
    from medlocal.vault.store import Vault

    model_path = demo_model_path()
    if model_path is None:
        print(json.dumps({"error": "demo model not installed"}))
        return 1
    engine = Engine()
    try:
        chat = engine.load_chat(model_path, LoadOptions(n_ctx=2048))
        embedder = engine.load_embedder(model_path)
        vault, _ = Vault.create(
            Path(home) / "vault", "bench", kdf_params=KdfParams(memory_kib=8192, iterations=1)
        )
        with vault:
            folder = Path(home) / "notes"
            folder.mkdir()
            for i in range(20):
                (folder / f"letter_{i:02d}.txt").write_text(note(i), encoding="utf-8")
            patient = vault.add_patient("Bench Patient")
            import_paths(vault, sorted(folder.iterdir()), patient, embedder)

            params = SamplingParams(max_tokens=48)
            answerer = GroundedAnswerer(chat, vault, embedder, params=params)
            questions = QUESTIONS[:2] if args.quick else QUESTIONS
            answerer.ask(questions[0], Scope(patient)).consume()  # warm-up: caches, index build
            ttft, base_ttft, overhead, totals = [], [], [], []
            for question in questions:
                # Baseline: the same fitted prompt straight to the model. A one-token request in
                # between leaves both runs the same KV-cache state (only the system prompt could
                # be reused), so the prompt is not served from cache.
                hits = [p.hit for p in answerer.ask(question, Scope(patient)).consume().passages]
                messages = fit_passages(
                    chat, hits, grounded_prompt(question), max_tokens=params.max_tokens
                ).messages
                flush(chat)
                started = time.perf_counter()
                for _ in chat.stream_chat(messages, params):
                    base_ttft.append(time.perf_counter() - started)
                    break
                flush(chat)
                result = answerer.ask(question, Scope(patient)).consume()
                t = result.timings
                ttft.append(t["first_token"])
                outside = t.get("retrieval", 0) + t.get("context_fit", 0) + t.get("checks", 0)
                overhead.append(outside / t["total"])
                totals.append(t["total"])

            pages = 5 if args.quick else 10
            pdf_path = Path(home) / "record.pdf"
            pdf_path.write_bytes(record_pdf(pages))
            record_patient = vault.add_patient("Record Patient")
            import_paths(vault, [pdf_path], record_patient, embedder)
            hits = record_passages(vault, record_patient)
            started = time.perf_counter()
            summary = Summarizer(chat, params=SamplingParams(max_tokens=48)).summarize(
                hits, get_template("soap")
            )
            wall = time.perf_counter() - started
    finally:
        engine.shutdown()

    out = {
        "documents": 20,
        "questions": len(questions),
        "ttft_grounded_s_median": round(statistics.median(ttft), 3),
        "ttft_plain_prompt_s_median": round(statistics.median(base_ttft), 3),
        "ttft_ratio_grounded_vs_plain": round(
            statistics.median(ttft) / statistics.median(base_ttft), 2
        ),
        "answer_total_s_median": round(statistics.median(totals), 3),
        "retrieval_and_checks_share_of_answer": round(statistics.median(overhead), 4),
        "summary_pages": pages,
        "summary_passages": len(hits),
        "summary_model_calls": summary.steps,
        "summary_wall_s": round(wall, 2),
        "summary_s_per_100_pages": round(wall * 100 / pages, 1),
        "model": "SmolLM2-135M-Instruct Q4_1 (demo), n_ctx 2048, max_tokens 48",
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
