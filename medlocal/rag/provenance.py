"""What made an output, stored with it: model file and versions, sampling, passages, template,
time and flags. Ids and scores only — no passage text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from medlocal.engine.api import ChatModel, SamplingParams
from medlocal.rag.flags import Flag
from medlocal.rag.passages import NumberedPassage, SourceRef, passage_record

PROVENANCE_VERSION = 1


def build_provenance(
    model: ChatModel,
    params: SamplingParams,
    *,
    kind: str,
    passages: Sequence[NumberedPassage],
    sources: Sequence[SourceRef],
    flags: Sequence[Flag],
    template: str | None = None,
    embedder_id: str | None = None,
    notes: Sequence[str] = (),
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "provenance_version": PROVENANCE_VERSION,
        "kind": kind,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "model": model.provenance().as_dict(),
        "sampling": params.as_dict(),
        "seed": params.seed,
        "embedder": embedder_id,
        "template": template,
        "passages": [passage_record(p) for p in passages],
        "sources": [s.as_dict() for s in sources],
        "flag_counts": _flag_counts(flags),
        "notes": list(notes),
    }
    if extra:
        record.update(extra)
    return record


def _flag_counts(flags: Sequence[Flag]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for flag in flags:
        counts[flag.kind] = counts.get(flag.kind, 0) + 1
    return counts


def document_provenance(medlocal_version: str) -> dict[str, Any]:
    """The footer facts of an imported document's copy: no model wrote it. Nothing about the
    document itself (its name and dates are patient data, and the footer is not redacted)."""
    return {
        "provenance_version": PROVENANCE_VERSION,
        "kind": "document",
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "medlocal_version": medlocal_version,
    }


def provenance_lines(provenance: dict[str, Any]) -> list[str]:
    """A short human-readable footer: model, versions, parameters, time."""
    if provenance.get("kind") == "document":
        return [
            f"Exported {provenance.get('created_at', '?')} by MedLocal"
            f" {provenance.get('medlocal_version', '?')}",
            "The text MedLocal extracted from an imported document; no model wrote it;"
            " layout and images are not included.",
            "Check it against the original before sharing: de-identification is built for"
            " recall, not certainty.",
        ]
    model = provenance.get("model") or {}
    sampling = provenance.get("sampling") or {}
    lines = [
        f"Generated {provenance.get('created_at', '?')} by MedLocal"
        f" {model.get('medlocal_version', '?')} (llama.cpp {model.get('llama_cpp_version', '?')},"
        f" {model.get('backend', '?')})",
        f"Model: {model.get('name', '?')} sha256 {model.get('sha256', '?')}"
        f" (context {model.get('n_ctx', '?')})",
        "Sampling: "
        + ", ".join(f"{k}={v}" for k, v in sampling.items() if k != "seed")
        + f", seed={provenance.get('seed', '?')}",
    ]
    if provenance.get("template"):
        lines.append(f"Template: {provenance['template']}")
    if provenance.get("embedder"):
        lines.append(f"Embedding model: {provenance['embedder']}")
    passages = provenance.get("passages") or []
    lines.append(f"Passages given to the model: {len(passages)}")
    lines.append("Decision support only — verify every statement against its source.")
    return lines
