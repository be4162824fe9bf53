"""``medlocal import`` end to end against a real vault (embedder faked for speed; the real
embedder path is covered in test_ingest_vault.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures.ingest_files import FakeEmbedder, make_pdf, write_bad_and_good_files
from test_import_owner_files61 import make_folder

from medlocal.app import Workspace
from medlocal.cli import main as cli_main
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASSPHRASE = "cli test passphrase"


@pytest.fixture
def cli_vault(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], int]:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, kdf_params=KdfParams(8 * 1024, 1, 1))
    with vault:
        patient = vault.add_patient("CLI Patient")
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE + "\n")
    secret.chmod(0o600)  # one readable by others is told on stderr
    return ["--vault", str(folder), "--passphrase-file", str(secret)], patient


def main(argv: list[str], workspace: Workspace | None = None) -> int:
    """The CLI with a fast fake embedder injected through the workspace."""
    return cli_main(
        argv, workspace=workspace or Workspace(embedder_loader=lambda m: FakeEmbedder())
    )


def _documents(vault_args: list[str]) -> list[str]:
    with Vault.open(vault_args[1], PASSPHRASE) as vault:
        return sorted(doc.file_name for doc in vault.list_documents())


def test_import_mixed_batch_reports_each_failure_and_exits_1(
    cli_vault: tuple[list[str], int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault_args, patient = cli_vault
    expectations = write_bad_and_good_files(tmp_path / "batch")
    files = [str(tmp_path / "batch" / name) for name in sorted(expectations)]
    code = main(
        ["import", *vault_args, "--patient", str(patient), "--max-size-mb", "0.0625", *files]
    )
    out, err = capsys.readouterr()
    assert code == 1
    for name, expectation in expectations.items():
        path = tmp_path / "batch" / name  # files named by themselves: their full path
        if expectation == "imported":
            assert f"imported  {path} (document " in out
        else:
            assert f"failed    {path}: " in out and expectation in out
    assert "Imported 7, skipped 0, failed 10" in out
    # plain progress when not a terminal
    assert f"[1/{len(files)}] imported: {tmp_path / 'batch' / '01-good.pdf'}" in err
    assert _documents(vault_args) == sorted(n for n, e in expectations.items() if e == "imported")
    with Vault.open(vault_args[1], PASSPHRASE) as vault:
        loads = [e for e in vault.audit_entries() if e.event == "model_load"]
    assert loads and loads[-1].details["sha256"] == FakeEmbedder.sha256


def test_import_folder_json_then_duplicates_exit_0(
    cli_vault: tuple[list[str], int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault_args, patient = cli_vault
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "letter.md").write_text("# Letter\n\nAll well.")
    (folder / "scan.pdf").write_bytes(make_pdf(["Page one.", "Page two."]))
    argv = [
        "import",
        *vault_args,
        "--patient",
        str(patient),
        "--collection",
        "gp",
        "--json",
        str(folder),
    ]
    assert main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["imported"] == 2 and report["failed"] == 0 and report["pages"] == 3
    assert set(report["timings_s"]) == {"extract", "chunk", "embed", "write"}
    assert main(argv) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["skipped"] == 2 and again["imported"] == 0
    with Vault.open(vault_args[1], PASSPHRASE) as vault:
        assert {doc.collection for doc in vault.list_documents(patient)} == {"gp"}


def test_the_report_tells_files_of_one_name_apart(
    cli_vault: tuple[list[str], int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault_args, patient = cli_vault
    folder = tmp_path / "records"
    for year in ("2023", "2024"):
        (folder / year).mkdir(parents=True)
        (folder / year / "letter.md").write_text(f"# Letter\n\nSeen in {year}.")
    assert main(["import", *vault_args, "--patient", str(patient), str(folder)]) == 0
    out, err = capsys.readouterr()
    for year in ("2023", "2024"):
        assert f"imported  {Path(year, 'letter.md')} (document " in out
        assert f"imported: {Path(year, 'letter.md')}" in err


def test_unknown_patient_is_bad_input(
    cli_vault: tuple[list[str], int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vault_args, _ = cli_vault
    (tmp_path / "a.txt").write_text("text")
    assert main(["import", *vault_args, "--patient", "999", str(tmp_path / "a.txt")]) == 2
    assert "999" in capsys.readouterr().err
    assert _documents(vault_args) == []


def test_a_missing_named_file_is_bad_input_and_nothing_is_imported(
    cli_vault: tuple[list[str], int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """README: a missing file is bad input, exit 2 (as for every command)."""
    vault_args, patient = cli_vault
    (tmp_path / "a.txt").write_text("text")
    missing = tmp_path / "nope.pdf"
    args = ["import", *vault_args, "--patient", str(patient)]
    assert main([*args, str(missing), str(tmp_path / "a.txt")]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and "no such file" in err
    assert len(err.strip().splitlines()) == 1
    assert _documents(vault_args) == []


def test_ctrl_c_stops_cleanly_between_steps(
    cli_vault: tuple[list[str], int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os
    import signal

    vault_args, patient = cli_vault
    for index in range(3):
        (tmp_path / f"{index}.txt").write_text(f"Note {index}.")

    class InterruptedEmbedder(FakeEmbedder):
        def embed(self, texts):  # type: ignore[no-untyped-def]
            if texts[0].endswith("Note 1."):  # the passage, after its indexing header
                os.kill(os.getpid(), signal.SIGINT)  # the user presses Ctrl-C mid-import
            return super().embed(texts)

    embedder = InterruptedEmbedder()
    files = [str(tmp_path / f"{index}.txt") for index in range(3)]
    # Whatever handler the process had before the command (Python's default, or SIG_IGN under
    # nohup and some CI runners) is the one the command must put back.
    before = signal.getsignal(signal.SIGINT)
    code = main(
        ["import", *vault_args, "--patient", str(patient), *files],
        workspace=Workspace(embedder_loader=lambda model: embedder),
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "Cancelled before the end." in out
    # The file it never reached is named, to import it again (walkthrough 15: it was not).
    assert f"not reached {files[2]}" in out
    assert "1 file not reached (listed above): import it again." in out
    assert signal.getsignal(signal.SIGINT) == before  # handler restored
    assert _documents(vault_args) == ["0.txt"]


def test_a_file_name_that_is_not_utf8_imports_with_a_readable_name(
    cli_vault: tuple[list[str], int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walkthrough 15: ``caf\\xe9.txt`` (Latin-1 bytes, from an old USB stick) failed with an
    unexpected UnicodeEncodeError. It imports; its name is valid text, the bad byte visibly
    replaced, in the report and in the vault."""
    import os

    vault_args, patient = cli_vault
    folder = tmp_path / "stick"
    (folder / "sub").mkdir(parents=True)
    raw = os.path.join(os.fsencode(folder), b"sub", b"caf\xe9.txt")
    with open(raw, "wb") as handle:  # a real bytes name on disk, as Linux allows
        handle.write(b"Seen in clinic. Metformin 500 mg twice daily.")
    assert os.listdir(os.fsencode(folder / "sub")) == [b"caf\xe9.txt"]

    class Utf8Embedder(FakeEmbedder):
        def embed(self, texts):  # type: ignore[no-untyped-def]
            for text in texts:
                text.encode("utf-8")  # as the real embedder does, strictly
            return super().embed(texts)

    embedder = Utf8Embedder()
    code = main(
        ["import", *vault_args, "--patient", str(patient), str(folder)],
        workspace=Workspace(embedder_loader=lambda model: embedder),
    )
    out, err = capsys.readouterr()
    assert code == 0, out + err
    shown = str(Path("sub", "caf\ufffd.txt"))
    assert f"imported  {shown} (document " in out
    assert _documents(vault_args) == ["caf\ufffd.txt"]
    assert embedder.calls  # the passage header with the name was embedded


def test_a_folder_with_office_owner_files_imports_its_documents(
    cli_vault: tuple[list[str], int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Word's "~$letter.docx" beside the letters failed the batch, exit 1 (user61)."""
    vault_args, patient = cli_vault
    code = main(["import", *vault_args, "--patient", str(patient), str(make_folder(tmp_path))])
    out, _ = capsys.readouterr()
    assert code == 0, out
    assert "Imported 1, skipped 0, failed 0" in out
    assert "~$" not in out and "Thumbs.db" not in out
