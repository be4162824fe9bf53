"""Malformed input and unexpected failures stop one file, never the batch.

Before these fixes a FHIR Bundle with ``"entry": 5`` raised TypeError out of ``import_paths``,
and an embedder RuntimeError (llama_decode failing on one document) ended the whole import.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
from fixtures.ingest_files import FakeEmbedder, FakeVault, make_fhir_bundle

from medlocal.ingest.errors import CorruptFileError, IngestError
from medlocal.ingest.extractors.fhir import extract_fhir
from medlocal.ingest.formats import Format
from medlocal.ingest.pipeline import import_paths

SECRET = "QX7-SECRET-DOCUMENT-TEXT"


def _bundle(*resources: Any, entry: Any = None) -> bytes:
    body: dict[str, Any] = {"resourceType": "Bundle", "type": "collection"}
    body["entry"] = entry if entry is not None else [{"resource": r} for r in resources]
    return json.dumps(body).encode()


# Shapes seen in (or easily produced by) broken exporters. Each must fail alone or import.
MALFORMED_FHIR: dict[str, bytes] = {
    "entry-int.json": _bundle(entry=5),
    "entry-string.json": _bundle(entry="not a list"),
    "entry-object.json": _bundle(entry={"resource": {"resourceType": "Patient"}}),
    "entries-junk.json": _bundle(entry=[5, "x", None, {"resource": 3}, {"resource": []}]),
    "coding-int.json": _bundle(
        {"resourceType": "Observation", "id": "o", "code": {"coding": 5, "text": {"a": 1}}}
    ),
    "wrong-types.json": _bundle(
        {
            "resourceType": "Patient",
            "id": 7,
            "name": [{"given": 5, "family": {"x": 1}}, "Ada"],
            "identifier": {"value": "MRN"},
            "birthDate": ["1961"],
        },
        {
            "resourceType": "Observation",
            "valueQuantity": [1, 2],
            "note": 7,
            "referenceRange": [{"low": 4, "text": ["x"]}],
            "component": [{"code": "x", "valueString": {"y": 1}}],
            "status": {"coding": "final"},
        },
        {
            "resourceType": "DocumentReference",
            "content": [{"attachment": {"data": 5, "title": ["t"], "contentType": 9}}],
            "author": "Dr X",
        },
    ),
    "nested-bundle-entry-int.json": _bundle(
        {"resourceType": "Bundle", "entry": 5},
    ),
}


def _paths_in(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value inside a JSON document (object keys and list positions)."""
    items: Any
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, child in items:
        yield (*prefix, key)
        yield from _paths_in(child, (*prefix, key))


def _replace(document: Any, path: tuple[Any, ...], new: Any) -> Any:
    changed = copy.deepcopy(document)
    target = changed
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = new
    return changed


def test_every_fhir_field_of_the_wrong_type_is_skipped_or_refused_cleanly() -> None:
    """Swap every value in a full Bundle for each wrong-typed value: only IngestError may come
    out of the extractor (the batch-level guard is tested below; this checks the extractor)."""
    good = json.loads(make_fhir_bundle())
    wrong_values: list[Any] = [5, "x", None, True, [], {}, [5], {"a": 1}]
    paths = [path for path in _paths_in(good) if path[-1] != "resourceType"]
    assert len(paths) > 100
    for path in paths:
        for wrong in wrong_values:
            data = json.dumps(_replace(good, path, wrong)).encode()
            try:
                document = extract_fhir(data, "bundle.json")
            except IngestError:
                continue
            assert "{'" not in document.text and "[5]" not in document.text, (path, wrong)


def test_bundle_whose_entry_is_not_a_list_is_a_clear_error() -> None:
    with pytest.raises(IngestError, match=r"^b\.json: FHIR Bundle whose 'entry' is not a list$"):
        extract_fhir(_bundle(entry=5), "b.json")


def test_an_unexpected_extractor_exception_becomes_this_files_error() -> None:
    def explodes(data: bytes, file_name: str) -> Any:
        raise TypeError(f"unsupported operand near '{SECRET}'")

    with pytest.raises(CorruptFileError) as info:
        Format("txt", explodes).extract(b"data", "notes.txt")
    assert str(info.value) == "notes.txt: cannot be read (TypeError)"
    assert SECRET not in str(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_malformed_fhir_in_a_batch_with_good_files(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-good.json").write_bytes(make_fhir_bundle())
    (folder / "b-good.txt").write_text("Blood pressure 120 over 80, stable.")
    for name, data in MALFORMED_FHIR.items():
        (folder / name).write_bytes(data)
    vault = FakeVault()
    report = import_paths(vault, [folder], patient_id=1, embedder=FakeEmbedder())
    outcomes = {outcome.file_name: outcome for outcome in report.files}
    assert outcomes["a-good.json"].status == "imported"
    assert outcomes["b-good.txt"].status == "imported"
    assert outcomes["entry-int.json"].status == "failed"
    assert outcomes["entry-int.json"].reason == "FHIR Bundle whose 'entry' is not a list"
    assert outcomes["entries-junk.json"].status == "failed"  # nothing importable left
    # Wrong-typed fields are skipped; the well-formed parts of those files still import.
    assert outcomes["wrong-types.json"].status == "imported"
    assert outcomes["coding-int.json"].status in ("imported", "failed")
    assert len(report.files) == len(MALFORMED_FHIR) + 2
    assert all(outcome.status in ("imported", "failed") for outcome in report.files)
    assert not report.cancelled


class _FailingEmbedder(FakeEmbedder):
    """Raises like llama.cpp's binding does when llama_decode fails, for one document only."""

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        if any("poison" in text for text in texts):
            raise RuntimeError(f"llama_decode returned -1 while reading '{SECRET}'")
        return super().embed(texts)


def test_an_embedder_runtime_error_fails_that_file_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for name, text in [("1.txt", "first fine"), ("2.txt", "poison pill"), ("3.txt", "last fine")]:
        (tmp_path / name).write_text(f"{text} {SECRET}")
    vault = FakeVault()
    with caplog.at_level(logging.DEBUG, logger="medlocal"):
        report = import_paths(vault, [tmp_path], patient_id=1, embedder=_FailingEmbedder())
    statuses = {outcome.file_name: outcome.status for outcome in report.files}
    assert statuses == {"1.txt": "imported", "2.txt": "failed", "3.txt": "imported"}
    (failed,) = report.failed
    assert failed.reason == "unexpected error (RuntimeError); not imported"
    assert "RuntimeError" in caplog.text
    assert SECRET not in caplog.text and "llama_decode" not in caplog.text
    assert len(vault.documents) == 2


def test_an_unexpected_vault_error_fails_that_file_only(tmp_path: Path) -> None:
    class BrokenOnce(FakeVault):
        def add_document(self, *args: Any, **kwargs: Any) -> int:
            if args[1] == "2.txt":
                raise ValueError(SECRET)
            return super().add_document(*args, **kwargs)

    for index in (1, 2, 3):
        (tmp_path / f"{index}.txt").write_text(f"document number {index}")
    report = import_paths(BrokenOnce(), [tmp_path], patient_id=1, embedder=FakeEmbedder())
    assert [outcome.status for outcome in report.files] == ["imported", "failed", "imported"]
    assert report.files[1].reason is not None and SECRET not in report.files[1].reason
