"""perf46 (session 45's leftovers): the window's export after a preview writes the previewed plan
without reading the text again, a preview after a keep or an add applies them to the plan the
rules made, any change to what the rules read plans again, and a Cancel during a long text's
rules step stops it part-way, with nothing written.

Real vault (SQLCipher), real redactor; the chat model of the model line is a fake (it proposes
fixed spans). Each test failed before the change (checked against main b542d33): the export and
every keep's preview called the rules again, and the Cancel took effect when the rules ended."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fixtures.deid_corpus import load
from fixtures.fake_models import FakeChatModel

from medlocal.app import Workspace
from medlocal.errors import GenerationCancelled
from medlocal.privacy.redact import Redactor
from medlocal.progress import Progress
from medlocal.rag.export import REDACT_STAGE, Shared
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.rows import Patient

PASS = "correct horse battery staple"
TEXT = (
    "Clinic letter\n\nMrs Ada Quennell, seen with her daughter Philippa on 14/03/2025, drove "
    "her Corolla to the clinic. She works at Echelon.\nApixaban 2.5 mg twice daily continued.\n"
)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    chat = FakeChatModel("PERSON: Ada Quennell\nPLACE: Corolla")
    workspace = Workspace(
        tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1), chat_loader=lambda model: chat
    )
    workspace.create_vault(PASS, PASS)
    yield workspace
    workspace.close()


def _add_document(ws: Workspace, patient: int, name: str, text: str) -> int:
    vector = np.ones((1, 4), dtype=np.float32) / 2
    chunks = [ChunkRecord(text[:2000], 1, 0, min(len(text), 2000))]
    vault = ws.require_vault()
    return vault.add_document(
        patient, name, "txt", text.encode(), chunks, vector, "f-v1", text=text
    )


@pytest.fixture
def letter(ws: Workspace) -> Shared:
    patient = ws.require_vault().add_patient("Ada Quennell", mrn="RX55102", dob="1941-02-03")
    return Shared.document(_add_document(ws, patient, "letter.txt", TEXT))


@pytest.fixture
def readings(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The length of each text the rules read from now on (a record's piece or a whole plan's)."""
    read: list[int] = []
    preview = Redactor.preview

    def counted(self: Redactor, text: str) -> list:  # type: ignore[type-arg]
        read.append(len(text))
        return preview(self, text)

    monkeypatch.setattr(Redactor, "preview", counted)
    return read


def _listed(items: list) -> list[tuple]:  # type: ignore[type-arg]
    return [
        (i.number, i.where, i.redaction.kind, i.redaction.original, i.redaction.replacement,
         i.kept, i.reason, i.added)
        for i in items
    ]  # fmt: skip


def test_the_export_after_a_preview_writes_the_previewed_plan_without_reading_again(
    ws: Workspace, letter: Shared, readings: list[int], tmp_path: Path
) -> None:
    first = ws.preview_redactions(letter)
    assert readings  # the record and the plan: the rules read the text
    echelon = next(i.number for i in first.items if i.redaction.original == "Echelon")
    keep = [(echelon, "a company too large to identify her")]
    readings.clear()
    shown = ws.preview_redactions(letter, keep=keep, add=["Apixaban"])
    assert readings == []  # a keep and an add apply to the plan the rules made
    out = tmp_path / "copy.txt"
    report = ws.export(letter, out, redact=True, keep=keep, add=["Apixaban"])
    assert readings == []
    assert _listed(report.redactions) == _listed(shown.items)  # preview and export agree
    written = out.read_text(encoding="utf-8")
    assert "Quennell" not in written and "Apixaban" not in written and "Echelon" in written
    # The kept plan is the rules' alone: the keep and the add did not change it.
    again = ws.preview_redactions(letter)
    assert _listed(again.items) == _listed(first.items) and readings == []


def test_a_model_line_preview_is_reused_by_its_export_and_not_by_one_without(
    ws: Workspace, letter: Shared, readings: list[int], tmp_path: Path
) -> None:
    shown = ws.preview_redactions(letter, model_line=True)
    readings.clear()
    report = ws.export(letter, tmp_path / "a.txt", redact=True, model_line=True)
    assert readings == [] and _listed(report.redactions) == _listed(shown.items)
    ws.export(letter, tmp_path / "b.txt", redact=True)  # the rules alone: planned again
    assert readings


def test_a_change_to_what_the_rules_read_plans_again(
    ws: Workspace, letter: Shared, readings: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = ws.require_vault()
    ws.preview_redactions(letter)
    readings.clear()
    ws.preview_redactions(letter, date_mode="year")  # another date mode
    assert readings
    readings.clear()
    ws.preview_redactions(letter, date_mode="year")
    assert readings == []  # the same again: reused
    # Another document of the patient: the record's names (and day order) may change.
    patient = vault.get_document(letter.id).patient_id
    _add_document(ws, patient, "referral.txt", "Referral\n\nHer neighbour Mr Dorrington drives.\n")
    ws.preview_redactions(letter, date_mode="year")
    assert readings
    # Another identity of the patient (the vault cannot rename one; the key holds it anyway).
    readings.clear()
    real = vault.get_patient(patient)
    renamed = Patient(real.id, "Ada Philippa Quennell", real.mrn, real.dob, real.created_at)
    monkeypatch.setattr(vault, "get_patient", lambda patient_id: renamed)
    ws.preview_redactions(letter, date_mode="year")
    assert readings
    # Another text: an answer quoting the letter is planned on its own.
    readings.clear()
    output = vault.save_output(patient, "answer", "A", TEXT + "Seen again.\n", {}, [])
    ws.preview_redactions(Shared.output(output), date_mode="year")
    assert readings


def _long_text(size: int) -> str:
    """About ``size`` characters of development notes (never held-out ones)."""
    notes = load("dev")
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        parts.append(notes[len(parts) % len(notes)].text + "\n")
    return "".join(parts)


# The most a Cancel may take to stop the rules (wall time): their longest step between two checks
# is about 0.3 s of CPU on 0.76 MB (perf46), proportionally less on this text; a machine at load
# 12 slows it several times. Before perf46 the Cancel waited for the whole reading (17 s there).
STOP_WITHIN_S = 2.0


def test_a_cancel_stops_a_long_texts_rules_part_way_and_nothing_is_written(
    ws: Workspace, tmp_path: Path
) -> None:
    vault = ws.require_vault()
    patient = vault.add_patient("Ada Quennell")
    _add_document(ws, patient, "letter.txt", TEXT)  # the record: quick to read
    long = _long_text(260_000)
    output = vault.save_output(patient, "summary", "Summary", long, {}, [])
    stop = threading.Event()
    asked: list[float] = []

    def ask_to_stop() -> None:
        asked.append(time.monotonic())
        stop.set()

    def on_progress(value: Progress) -> None:
        if value.stage == REDACT_STAGE:  # the rules start reading: stop a second later
            threading.Timer(1.0, ask_to_stop).start()

    out = tmp_path / "summary.txt"
    started = time.process_time()
    with pytest.raises(GenerationCancelled, match="the redaction was stopped"):
        ws.export(Shared.output(output), out, redact=True, progress=on_progress, cancel=stop)
    stopped = time.monotonic()
    assert asked, "stopped before the Cancel was asked for"
    assert stopped - asked[0] < STOP_WITHIN_S, f"took {stopped - asked[0]:.2f} s to stop"
    assert not out.exists() and list(tmp_path.glob("summary*")) == []
    assert time.process_time() - started < 20  # part-way: the whole reading takes longer
    # Stopped part-way, the redactor is whole: the next export reads the text to its end.
    small = vault.save_output(patient, "answer", "A", TEXT, {}, [])
    report = ws.export(Shared.output(small), tmp_path / "a.txt", redact=True)
    assert "Quennell" not in (tmp_path / "a.txt").read_text(encoding="utf-8") and report.removed
