"""The demo model (SmolLM2-135M through llama.cpp) summarising a realistic record of three
documents, a discharge letter, a lab table and a clinic letter: its summary cites the passages
it rests on, each citation MedLocal gives holds the numbers of its note, and the notice tells the
truth about who cited them (cite64).

The demo model numbers its notes "1." instead of citing, or cites a passage that does not hold
what it wrote (its note "... admitted on 08/03/2024 with pneumonia and amoxicillin for 5 days
[1]" cited the admission passage for the antibiotic course of passage 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from medlocal.engine.api import ChatMessage, ChatModel, Embedder, SamplingParams
from medlocal.ingest.pipeline import import_paths
from medlocal.rag.citations import citations, cited_numbers
from medlocal.rag.flags import attached_marks
from medlocal.rag.grounding import claim_text
from medlocal.rag.number_fit import numbers_of
from medlocal.rag.passages import checked_texts
from medlocal.rag.record import record_passages
from medlocal.rag.sentences import split_sentences
from medlocal.rag.summarize import Summarizer
from medlocal.rag.templates import get_template
from medlocal.ui.citation_notice import citation_notice
from medlocal.vault.store import Vault

RECORD = {
    "discharge_letter.txt": (
        "Discharge letter, 12/03/2024. Mrs Ann Jones was admitted on 08/03/2024 with"
        " community-acquired pneumonia of the right lower lobe.\n\n"
        "She was treated with amoxicillin 500 mg three times daily for 5 days. Oxygen saturation"
        " improved from 89% to 96% on room air.\n\n"
        "Discharge medications: metformin 500 mg twice daily, lisinopril 10 mg once daily,"
        " atorvastatin 20 mg at night.\n"
    ),
    "lab_results.csv": (
        "Test,Result,Units,Reference\nHbA1c,48,mmol/mol,20-41\nSodium,138,mmol/L,135-145\n"
        "Potassium,4.6,mmol/L,3.5-5.3\nCreatinine,96,umol/L,45-84\nCRP,42,mg/L,0-5\n"
    ),
    "clinic_letter.txt": (
        "Diabetes clinic letter, 02/04/2024. Her type 2 diabetes is improving; HbA1c was 48"
        " mmol/mol.\n\n"
        "Plan: continue metformin 500 mg twice daily. Repeat HbA1c in 3 months. Blood pressure"
        " 138/84 mmHg today.\n"
    ),
}


def _import(vault: Vault, folder: Path, embedder: Embedder) -> int:
    folder.mkdir()
    for name, text in RECORD.items():
        (folder / name).write_text(text, encoding="utf-8")
    patient = vault.add_patient("Ann Jones", mrn="40011", dob="1950-06-01")
    report = import_paths(vault, [folder / n for n in RECORD], patient, embedder)
    assert [f.status for f in report.files] == ["imported"] * len(RECORD)
    return patient


@pytest.mark.slow
@pytest.mark.timeout(1500)  # about 3 minutes of CPU; far longer when other runs share the cores
def test_demo_summary_cites_passages_holding_its_numbers(
    vault: Vault,
    tmp_path: Path,
    plain_demo_chat: ChatModel,
    demo_embedder: Embedder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    patient = _import(vault, tmp_path / "record", demo_embedder)
    hits = record_passages(vault, patient)
    assert len({h.document_id for h in hits}) == 3
    # What the model itself wrote in each map step, before MedLocal read it.
    written: list[str] = []
    generate = Summarizer._generate

    def recorded(self: Summarizer, messages: list[ChatMessage], cancel: Any) -> str:
        text = generate(self, messages, cancel)
        if messages[-1].content.startswith("Passages:"):
            written.append(text)
        return text

    monkeypatch.setattr(Summarizer, "_generate", recorded)
    mapped = Summarizer(plain_demo_chat, params=SamplingParams(max_tokens=256)).map_record(hits)
    assert mapped.map_steps == 1 and len(written) == 1  # one step: local numbers are global
    texts = checked_texts(mapped.passages)
    model_brackets = set(cited_numbers(written[0], len(texts)))
    # Every note is cited, and a citation MedLocal gave (one the model did not write) is to a
    # passage holding each number the note gives.
    assert mapped.notes, written
    for note in mapped.notes:
        for sentence in split_sentences(note):
            cited = cited_numbers(sentence.text, len(texts))
            assert cited, (sentence.text, written)
            if set(cited) & model_brackets:
                continue
            held = numbers_of("\n".join(texts[n] for n in cited))
            assert numbers_of(claim_text(sentence.text, len(texts))) <= held, (
                sentence.text,
                written,
            )

    summary = Summarizer(plain_demo_chat, params=SamplingParams(max_tokens=96)).reduce(
        mapped, get_template("medication-list")
    )
    # The summary cites the record (no section left uncited for want of a citation).
    assert cited_numbers(summary.text, len(texts)), summary.text
    # A citation shown as the model's (no "†") cites a passage the model's own notes cited.
    marked = set(attached_marks(summary.text, summary.flags))
    for match in citations(summary.text, len(texts)):
        if match.end() - 1 not in marked:
            assert set(cited_numbers(match.group(), len(texts))) & model_brackets, (
                match.group(),
                written,
            )
    # The window's notice says what the marks say.
    notice = citation_notice(summary.text, summary.flags, "summary")
    model_cited_any = any(
        match.end() - 1 not in marked for match in citations(summary.text, len(texts))
    )
    assert (notice == "") == model_cited_any, (notice, summary.text)
