"""The application layer both faces call: unlock order, passphrase policy, embedder fallback,
settings -> sampling, one progress type, lock and network events, summarise -> save -> export."""

from __future__ import annotations

import re
import socket
import threading
from pathlib import Path

import pytest
from fixtures.fake_models import FakeChatModel
from fixtures.ingest_files import FakeEmbedder

from medlocal.app import Workspace
from medlocal.app.outputs import PLAN_STAGE, check_export_path
from medlocal.app.passphrase import check_new_passphrase, estimate_strength
from medlocal.errors import ModelLoadError, NetworkBlockedError, UserInputError
from medlocal.privacy import netguard
from medlocal.progress import Progress
from medlocal.rag.export import Shared
from medlocal.settings import SettingsFileError, load_settings, settings_path
from medlocal.vault.errors import (
    NotFoundError,
    PassphraseRequiredError,
    VaultExistsError,
    VaultLockedError,
    VaultNotFoundError,
    WrongPassphraseError,
)
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery"
FAST_KDF = KdfParams(8 * 1024, 1, 1)


def make_workspace(tmp_path: Path, **kwargs: object) -> Workspace:
    kwargs.setdefault("embedder_loader", lambda model: FakeEmbedder())
    return Workspace(tmp_path / "vault", kdf_params=FAST_KDF, **kwargs)  # type: ignore[arg-type]


def test_passphrase_policy_and_strength() -> None:
    with pytest.raises(UserInputError, match="at least 8"):
        check_new_passphrase("short")
    with pytest.raises(UserInputError, match="do not match"):
        check_new_passphrase("long enough 1", "long enough 2")
    with pytest.raises(UserInputError, match="only spaces"):
        check_new_passphrase(" " * 12)
    assert check_new_passphrase(PASS, PASS) == PASS
    assert estimate_strength("abc").score == 0
    weak, strong = estimate_strength("aaaaaaaa"), estimate_strength("Tr1cky-Horse!Battery#42")
    assert weak.score < strong.score and strong.label in ("good", "strong")


def test_create_unlock_lock_in_the_one_order(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    with pytest.raises(VaultNotFoundError):
        ws.unlock(PASS)
    recovery = ws.create_vault(PASS, PASS)
    assert recovery and ws.vault is not None and not ws.vault.is_locked
    with pytest.raises(VaultExistsError):
        ws.create_vault(PASS)
    reasons: list[str] = []
    ws.add_lock_listener(reasons.append)
    ws.lock()
    assert reasons == ["user"]
    with pytest.raises(VaultLockedError):
        ws.require_vault()
    # No passphrase, not remembered, no prompt: a clear error, not a hang.
    with pytest.raises(PassphraseRequiredError):
        ws.unlock()
    with pytest.raises(WrongPassphraseError):
        ws.unlock("wrong passphrase")
    asked: list[str] = []

    def prompt() -> str:
        asked.append("asked")
        return PASS

    vault = ws.unlock(prompt=prompt)
    assert asked == ["asked"] and vault.unlocked_with == "passphrase"
    ws.close()
    assert reasons == ["user", "closed"]
    again = make_workspace(tmp_path)
    assert again.unlock(recovery_key=recovery).unlocked_with == "recovery"
    again.close()


def test_idle_lock_tells_listeners_and_touch_postpones_it(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    ws.create_vault(PASS)
    ws.lock()
    locked = threading.Event()
    ws.add_lock_listener(lambda reason: locked.set() if reason == "idle" else None)
    vault = ws.unlock(PASS)
    vault.set_idle_timeout(0.3)
    for _ in range(4):  # activity keeps it open past several timeouts' worth of time
        threading.Event().wait(0.15)
        ws.touch()
    assert not vault.is_locked
    assert locked.wait(3.0)
    assert vault.is_locked


def test_settings_drive_sampling_and_updates_are_validated(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    ws.update_settings(temperature="0.7", seed=7, auto_lock_minutes=5)
    assert load_settings().temperature == 0.7
    params = ws.sampling()
    assert params.temperature == 0.7 and params.seed == 7
    assert ws.sampling(temperature=0.0, max_tokens=None).temperature == 0.0
    with pytest.raises(UserInputError, match="one of"):
        ws.update_settings(theme="purple")
    with pytest.raises(UserInputError, match="at least"):
        ws.update_settings(auto_lock_minutes=-1)
    assert load_settings().auto_lock_minutes == 5  # a refused change leaves the file alone


def test_search_falls_back_to_exact_words_and_says_so(tmp_path: Path) -> None:
    notices: list[str] = []

    def no_model(model: str | None) -> FakeEmbedder:
        raise ModelLoadError("No embedding model is installed.")

    ws = make_workspace(tmp_path, embedder_loader=no_model, notice=notices.append)
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("P")
    note = tmp_path / "note.txt"
    note.write_text("Warfarin 5 mg at night.")
    with pytest.raises(ModelLoadError):  # importing needs vectors: no silent fallback there
        ws.import_documents([note], patient)
    ws2 = make_workspace(tmp_path, notice=notices.append)
    ws.close()
    ws2.unlock(PASS)
    report = ws2.import_documents([note], patient)
    assert len(report.imported) == 1
    ws2.close()
    ws3 = make_workspace(tmp_path, embedder_loader=no_model, notice=notices.append)
    ws3.unlock(PASS)
    hits = ws3.search("warfarin", patient_id=patient)
    assert hits and hits[0].vector_score is None
    assert any("exact words only" in n for n in notices)
    with pytest.raises(UserInputError):
        ws3.search("   ")
    with pytest.raises(NotFoundError, match="No patient with id 999"):
        ws3.search("warfarin", patient_id=999)
    with pytest.raises(UserInputError, match="No collection named 'cardio'"):
        ws3.search("warfarin", collection="cardio")
    ws3.close()


@pytest.mark.parametrize(
    ("content", "said"),
    [('max_tokens = "lots"\n', "max_tokens"), ("version = 99\n", "newer MedLocal")],
)
def test_a_broken_settings_file_is_said_once_not_as_a_missing_embedder(
    tmp_path: Path, content: str, said: str
) -> None:
    # Walk 28: "...fix or delete it Searching exact words only." and then the same error; walk
    # 30 the same with a file from a newer MedLocal.
    notices: list[str] = []
    ws = make_workspace(tmp_path, embedder_loader=None, notice=notices.append)
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("P")
    settings_path().write_text(content, encoding="utf-8")
    with pytest.raises(SettingsFileError, match=said):
        ws.search("warfarin", patient_id=patient)
    assert notices == []
    ws.close()


def test_import_reports_one_progress_type_and_per_file_events(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("P")
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Metformin 500 mg twice daily.")
    (folder / "b.txt").write_bytes(b"\x00\x01\x02binary junk\xff" * 50)
    seen: list[Progress] = []
    outcomes: list[tuple[str, str | None]] = []

    def on_file(event: object) -> None:
        if getattr(event, "stage", "") == "done":
            outcomes.append((getattr(event, "file_name", ""), getattr(event, "outcome", None)))

    report = ws.import_documents([folder], patient, progress=seen.append, on_file=on_file)
    assert all(isinstance(p, Progress) for p in seen)
    assert {p.unit for p in seen} == {"files", "passages"}
    files = [p for p in seen if p.unit == "files"]
    assert seen[-1] == files[-1] and files[-1].done == files[-1].total == 2
    assert sorted(outcomes) == [("a.txt", "imported"), ("b.txt", "failed")]
    assert len(report.imported) == 1 and len(report.failed) == 1
    # The embedder's load is audited once for this vault session, by the workspace.
    events = [e.event for e in ws.require_vault().audit_entries()]
    assert events.count("model_load") == 1 and "import" in events
    ws.close()


def test_import_reports_passages_after_each_embedding_batch(tmp_path: Path) -> None:
    # One long file: the window must show it moving while it is embedded, batch by batch.
    ws = make_workspace(tmp_path)
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("P")
    note = tmp_path / "long.txt"
    note.write_text(
        "\n\n".join(
            f"Visit {i}. " + "Blood pressure 130/85 mmHg on ramipril. " * 30 for i in range(60)
        )
    )
    seen: list[Progress] = []
    report = ws.import_documents([note], patient, progress=seen.append)
    passages = [p for p in seen if p.unit == "passages"]
    assert len(report.imported) == 1 and report.chunks > 32
    # The file's name (not its path: walk 39b), and from the third batch on the time left at
    # the pace so far (walk 27).
    assert len(passages) >= 2
    assert all(re.fullmatch(r"long\.txt(, about .+ left)?", p.detail) for p in passages)
    assert [p.done for p in passages] == sorted(p.done for p in passages)
    assert passages[-1].done == passages[-1].total == report.chunks
    ws.close()


def test_cancel_stops_an_import_between_files(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("P")
    files = []
    for i in range(4):
        path = tmp_path / f"{i}.txt"
        path.write_text(f"Note number {i} about lisinopril.")
        files.append(path)
    cancel = threading.Event()

    def stop_after_first(p: Progress) -> None:
        if p.unit == "files" and p.done >= 1:
            cancel.set()

    report = ws.import_documents(files, patient, progress=stop_after_first, cancel=cancel)
    assert report.cancelled and 1 <= len(report.imported) < 4
    ws.close()


def test_summarise_save_export_through_the_workspace(tmp_path: Path) -> None:
    model = FakeChatModel("Metformin 500 mg twice daily [1].")
    ws = make_workspace(tmp_path, chat_loader=lambda m: model)
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("Jane Roe", mrn="MRN-1")
    note = tmp_path / "meds.txt"
    note.write_text("Medications: metformin 500 mg twice daily for diabetes.")
    ws.import_documents([note], patient)
    ws.update_settings(temperature="0.5", seed=9, summary_step_tokens="384")
    stages: list[Progress] = []
    saved = ws.summarize(patient, "medication-list", progress=stages.append)
    assert saved.output_id > 0 and "metformin" in saved.summary.text.lower()
    # The plan first (its steps, walk 41), then the steps themselves.
    assert stages[0].stage == PLAN_STAGE and all(p.unit == "steps" for p in stages[1:])
    # The user's sampling settings reach the summary (they were ignored before), and so does
    # the step length (walk 32: fixed at 256, which the window could not change).
    assert saved.summary.provenance["sampling"]["temperature"] == 0.5
    assert saved.summary.provenance["seed"] == 9
    assert saved.summary.provenance["sampling"]["max_tokens"] == 384
    out = tmp_path / "meds.md"
    report = ws.export(Shared.output(saved.output_id), out, redact=True)
    text = out.read_text()
    assert "Jane Roe" not in text and "MRN-1" not in text and report.format == "markdown"
    before = sorted(tmp_path.iterdir())
    plan = ws.preview_redactions(Shared.output(saved.output_id))
    assert all(item.redaction.original for item in plan.items)
    assert sorted(tmp_path.iterdir()) == before  # a preview writes nothing
    for bad in (tmp_path / "x.exe", tmp_path / "missing" / "x.md", tmp_path):
        with pytest.raises(UserInputError):
            check_export_path(bad)
    entries = ws.require_vault().audit_entries()
    assert "summarize" in [e.event for e in entries]
    exported = [e for e in entries if e.event == "export"]
    # The audit names what was shared: this output, not a document.
    assert [e.details.get("output_id") for e in exported] == [saved.output_id]
    assert "document_id" not in exported[0].details and exported[0].details["redacted"] is True
    ws.close()


def test_verify_and_default_models(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    seen: list[Progress] = []
    checks = ws.verify_models(progress=seen.append)
    assert checks and all(c.ok for c in checks)
    assert seen[-1].done == seen[-1].total == len(checks)
    demo = checks[0].model_id
    assert ws.set_default_model(demo, "chat") == "chat"
    assert ws.registry.defaults()["chat"] == demo


def test_network_guard_tells_listeners_about_refusals() -> None:
    seen: list[str] = []

    def listener(attempt: netguard.BlockedAttempt) -> None:
        seen.append(str(attempt.host))

    netguard.add_listener(listener)
    try:
        with pytest.raises((NetworkBlockedError, OSError)):
            socket.getaddrinfo("example.org", 443)
    finally:
        netguard.remove_listener(listener)
    assert seen == ["example.org"]


def test_doctor_report_is_typed_and_text_free(tmp_path: Path) -> None:
    report = make_workspace(tmp_path).doctor()
    data = report.as_dict()
    assert data["offline"]["guard_installed"] is True and "backend" in data
    lines = report.lines()
    assert any(line.startswith("Offline:   guard on") for line in lines)


def test_doctor_says_its_blocked_count_is_this_runs_and_where_earlier_ones_are(
    tmp_path: Path,
) -> None:
    """Walk 46b D7: "0 blocked connection attempt(s) this run" while README said doctor shows
    the count; a window's blocked attempts are only in the log."""
    (offline,) = [line for line in make_workspace(tmp_path).doctor().lines() if "Offline:" in line]
    assert "blocked connection attempt(s) this run; earlier runs' are in medlocal.log" in offline
    assert "logs:" in "\n".join(make_workspace(tmp_path).doctor().lines())  # the folder it names


def test_closing_leaves_models_handed_in_by_a_loader_loaded(
    tmp_path: Path, demo_chat: object, demo_embedder: object
) -> None:
    # The test session's shared real models: a workspace closing must not unload them (every
    # later test using them would fail with "has been unloaded").
    ws = make_workspace(
        tmp_path, chat_loader=lambda m: demo_chat, embedder_loader=lambda m: demo_embedder
    )
    assert ws.chat_model() is demo_chat and ws.embedder() is demo_embedder
    ws.close()
    assert demo_chat.count_tokens("still loaded") > 0  # type: ignore[attr-defined]
    assert demo_embedder.count_tokens("still loaded") > 0  # type: ignore[attr-defined]


def test_export_path_errors_say_what_to_fix(tmp_path: Path) -> None:
    with pytest.raises(UserInputError, match=r"is a folder; give a file name ending in \.md"):
        check_export_path(tmp_path)
    with pytest.raises(UserInputError, match="has no extension"):
        check_export_path(tmp_path / "letter")
    with pytest.raises(UserInputError, match=r"cannot export to '\.rtf'"):
        check_export_path(tmp_path / "letter.rtf")
    assert check_export_path(tmp_path / "letter.PDF") == tmp_path / "letter.PDF"


def test_a_window_leaves_itself_a_cpu_where_cores_are_all_there_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import medlocal.app.loaded_models as module

    ws = make_workspace(tmp_path)
    monkeypatch.setattr(module, "physical_cores", lambda: 4)
    monkeypatch.setattr(module.os, "cpu_count", lambda: 4)
    assert ws._automatic_threads() is None  # no window: the engine's default
    ws.leave_cpu_for_window = True
    assert ws._automatic_threads() == 3
    monkeypatch.setattr(module.os, "cpu_count", lambda: 8)  # SMT: siblings are free already
    assert ws._automatic_threads() == 4
    monkeypatch.setattr(module, "physical_cores", lambda: 1)
    monkeypatch.setattr(module.os, "cpu_count", lambda: 1)
    assert ws._automatic_threads() == 1
    assert not ws._load_options(tmp_path / "model.gguf").pin_threads  # measured (decode_threads)
    ws.update_settings(threads=2)  # a number the user chose wins
    options = ws._load_options(tmp_path / "model.gguf")
    assert options.n_threads == 2 and options.pin_threads  # and is used as it is
    ws.close()


def test_a_grounded_chat_in_an_unknown_collection_is_refused_before_anything_runs(
    tmp_path: Path,
) -> None:
    """Window and terminal both open grounded chats here: an unknown collection is the same
    error search gives, before a model loads, an answer is written or a chat is saved."""
    loaded: list[str | None] = []

    def load(model: str | None) -> FakeChatModel:
        loaded.append(model)
        return FakeChatModel("Metformin 500 mg twice daily [1].")

    ws = make_workspace(tmp_path, chat_loader=load)
    ws.create_vault(PASS)
    vault = ws.require_vault()
    patient = vault.add_patient("P")
    note = tmp_path / "note.txt"
    note.write_text("Metformin 500 mg twice daily.")
    ws.import_documents([note], patient, collection="diabetes")
    with pytest.raises(UserInputError, match="No collection named 'nosuch'"):
        ws.grounded_chat(patient, collection="nosuch")
    with pytest.raises(NotFoundError, match="No patient with id 999"):
        ws.grounded_chat(999, collection="diabetes")
    assert loaded == [] and vault.list_chats(patient) == [] and vault.list_outputs(patient) == []
    session = ws.grounded_chat(patient, collection="diabetes")
    assert "Metformin" in session.ask("What metformin dose?").consume().text
    ws.close()
