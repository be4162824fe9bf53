"""The update job that reads documents again with a newer extractor (ingest60 item 1) is
crash-safe: a subprocess running it on a real vault is killed (SIGKILL) at random moments; after
each kill every document is wholly old (its old text, passages and no version: read again at the
next run) or wholly new (the current extractor's text, passages that hold it, its version), the
vault's integrity check and audit chain hold, and a later run finishes the rest."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from fixtures.child_process import run_until_killed
from fixtures.ingest_files import FakeEmbedder
from fixtures.office_files import make_odt

from medlocal.ingest.formats import extract_file
from medlocal.ingest.rechunk import pending_documents, rechunk_documents
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)
PASS = "correct horse battery"
DOCS = 24
EMB = FakeEmbedder()
FIXTURES = Path(__file__).resolve().parents[1]

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[3])
from fixtures.child_process import run_until_killed
from fixtures.ingest_files import FakeEmbedder
from medlocal.ingest.rechunk import rechunk_documents
from medlocal.vault.store import Vault

with Vault.open(sys.argv[1], sys.argv[2]) as vault:
    print("READY", flush=True)
    report = rechunk_documents(vault, FakeEmbedder())
print("DONE", report.rechunked, flush=True)
"""


def _letter(number: int) -> bytes:
    lines = [f"Review {number}: potassium {4 + number / 10:.1f} mmol/L." for _ in range(40)]
    return make_odt([f"{line} Line {i}." for i, line in enumerate(lines)], f"Letter {number}")


def _old_text(number: int) -> str:
    return f"Letter {number}\n\nWarfarin {number} mg daily (hidden template text).\n"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rechunk") / "vault"
    vault, _ = Vault.create(folder, PASS, kdf_params=FAST)
    with vault:
        patient = vault.add_patient("Rechunk Patient")
        for number in range(DOCS):
            text = _old_text(number)
            chunk = ChunkRecord(text=text, page=None, start=0, end=len(text), context="letter")
            vault.add_document(
                patient,
                f"letter{number}.odt",
                "odt",
                _letter(number),
                [chunk],
                EMB.embed([text]),
                EMB.model_id,
                text=text,
            )
    return folder


def _run_child(folder: Path, kill_after: float | None = None) -> tuple[str, float]:
    script = folder.parent / "child.py"
    script.write_text(CHILD)
    return run_until_killed(script, [str(folder), PASS, str(FIXTURES)], kill_after, timeout=300)


def _check_whole(folder: Path) -> int:
    """Every document wholly old or wholly new; returns how many are new."""
    new = 0
    with Vault.open(folder, PASS) as vault:
        documents = vault.list_documents()
        assert len(documents) == DOCS
        for info in documents:
            number = int(info.file_name.removeprefix("letter").removesuffix(".odt"))
            text = vault.document_text(info.id)
            chunks = vault.document_chunks(info.id)
            version = vault.extractor_version(info.id)
            if version is None:
                assert text == _old_text(number)
                assert [c.text for c in chunks] == [text]
            else:
                assert version == 2
                assert text == extract_file(Path(info.file_name), _letter(number)).text
                assert chunks and all(text[c.start : c.end] == c.text for c in chunks)
                new += 1
        assert vault.check_integrity() == []
        assert vault.audit_verify().ok
        rechunked = [e for e in vault.audit_entries() if e.event == "rechunk"]
        assert len(rechunked) == new
    return new


@pytest.mark.slow
def test_kill_at_random_moments_during_the_update(template: Path, tmp_path: Path) -> None:
    timing = tmp_path / "timing" / "vault"
    shutil.copytree(template, timing)
    result, duration = _run_child(timing)
    assert f"DONE {DOCS}" in result, result
    assert _check_whole(timing) == DOCS
    rng = random.Random(60)
    killed = attempts = 0
    halfway: list[int] = []  # documents already new where a kill left some old
    while attempts < 12 and (attempts < 6 or killed < 3):
        folder = tmp_path / f"run{attempts}" / "vault"
        shutil.copytree(template, folder)
        result, elapsed = _run_child(folder, kill_after=rng.uniform(0, duration))
        attempts += 1
        if "rc=-9" in result:
            killed += 1
        else:
            duration = min(duration, elapsed)
        new = _check_whole(folder)
        if 0 < new < DOCS:
            halfway.append(new)
        with Vault.open(folder, PASS) as vault:  # the next run does the rest, and only that
            assert len(pending_documents(vault)) == DOCS - new
            assert rechunk_documents(vault, EMB).rechunked == DOCS - new
            assert pending_documents(vault) == []
        assert _check_whole(folder) == DOCS
    assert killed >= 3, f"{killed} of {attempts} kills landed mid-update"
    assert halfway, "no kill left the vault half updated"
