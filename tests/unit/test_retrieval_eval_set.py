"""The frozen retrieval evaluation set is what it claims to be: at least 100 questions over at
least 30 documents in mixed formats, every question's evidence present in the text MedLocal
extracts from its document (so a miss in the benchmark is retrieval's fault, not the set's)."""

from __future__ import annotations

from pathlib import Path

from fixtures.retrieval_eval import PATIENTS, documents, questions

from medlocal.ingest.formats import extract_file


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def test_the_set_is_large_and_mixed() -> None:
    names = {(p.key, name) for p in PATIENTS for name in documents(p)}
    assert len(names) >= 30
    assert {Path(name).suffix for _, name in names} >= {".txt", ".md", ".docx", ".pdf", ".html"}
    asked = questions()
    assert len(asked) >= 100
    assert len({q.text + q.patient for q in asked}) == len(asked)  # no question twice
    assert {(q.patient, q.file_name) for q in asked} <= names


def test_every_evidence_is_in_its_document() -> None:
    texts = {
        (p.key, name): _normal(extract_file(Path(name), data).text)
        for p in PATIENTS
        for name, data in documents(p).items()
    }
    for question in questions():
        text = texts[(question.patient, question.file_name)]
        for evidence in question.evidence:
            assert _normal(evidence) in text, (question.text, evidence)
