"""The rag commands as a user runs them: a separate process, the real demo model, a real vault."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest
from fixtures import child_process

from medlocal.engine.api import Embedder
from medlocal.ingest.pipeline import import_paths
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

PASSPHRASE = "cli test passphrase"
NOTES = {
    "smith_medications.txt": (
        "Patient: John Smith. Medication review on 03/02/2021.\n\n"
        "Metformin 500 mg twice daily for type 2 diabetes. Lisinopril 10 mg once daily for"
        " hypertension.\n"
    ),
    "allergies.txt": "Allergies: penicillin causes a widespread rash.\n",
}


def run_cli(*args: str, home: Path, timeout: int = 400) -> subprocess.CompletedProcess[str]:
    return child_process.run_cli(*args, home=home, timeout=timeout)


@pytest.fixture
def seeded(medlocal_home: Path, tmp_path: Path, demo_embedder: Embedder) -> Path:
    """A vault in the default place with one patient and two notes; returns the passphrase file."""
    vault, _ = Vault.create(
        None, PASSPHRASE, kdf_params=KdfParams(memory_kib=8 * 1024, iterations=1, lanes=1)
    )
    with vault:
        patient = vault.add_patient("John Smith", mrn="00123456", dob="1931-02-14")
        folder = tmp_path / "notes"
        folder.mkdir()
        for name, text in NOTES.items():
            (folder / name).write_text(text, encoding="utf-8")
        import_paths(vault, sorted(folder.iterdir()), patient, demo_embedder)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    return secret


def test_templates_list(medlocal_home: Path) -> None:
    proc = run_cli("templates", "list", home=medlocal_home)
    assert proc.returncode == 0, proc.stderr
    for name in ("soap", "discharge-summary", "referral-letter", "medication-list"):
        assert name in proc.stdout


def test_grounded_ask_json_with_the_real_model(
    medlocal_home: Path, seeded: Path, demo_gguf: Path
) -> None:
    """``ask --json`` (session 42): stdout is one JSON object, the saved answer as ``outputs
    show ID --json`` prints it, with each citation's passage text."""
    secret = str(seeded)
    ask = run_cli(
        "ask", "--patient", "1", "--passphrase-file", secret, "--model", str(demo_gguf),
        "--ctx", "2048", "--max-tokens", "48", "--json",
        "What dose of metformin does the patient take?",
        home=medlocal_home,
    )  # fmt: skip
    assert ask.returncode == 0, ask.stderr
    data = json.loads(ask.stdout)
    assert data["id"] == 1 and data["kind"] == "answer" and data["content"].strip()
    # What the 135M demo model writes varies: cited, or every unsupported sentence flagged.
    assert data["citations"] or data["flags"], data
    for citation in data["citations"]:
        assert citation["file_name"] in NOTES
        assert citation["passage"] and citation["passage"] in NOTES[citation["file_name"]]
    assert "Saved as output 1" in ask.stderr
    show = run_cli(
        "outputs", "show", "1", "--json", "--passphrase-file", secret, home=medlocal_home
    )
    assert show.returncode == 0, show.stderr
    assert json.loads(show.stdout) == data


def test_grounded_ask_summarize_and_outputs(
    medlocal_home: Path, tmp_path: Path, seeded: Path, demo_gguf: Path
) -> None:
    secret = str(seeded)
    model = ("--model", str(demo_gguf), "--ctx", "2048")
    ask = run_cli(
        "ask", "--patient", "1", "--passphrase-file", secret, *model, "--max-tokens", "48",
        "What dose of metformin does the patient take?",
        home=medlocal_home,
    )  # fmt: skip
    assert ask.returncode == 0, ask.stderr
    # What the 135M demo model writes varies; the pipeline must either cite sources or flag
    # every unsupported sentence (the in-process test checks citations resolve).
    assert "Sources:" in ask.stdout or "unsupported" in ask.stdout, ask.stdout
    assert "Saved as output 1" in ask.stderr and "--chat 1" in ask.stderr

    out = tmp_path / "summary.docx"
    summarize = run_cli(
        "summarize", "--patient", "1", "--template", "medication-list",
        "--passphrase-file", secret, *model, "--max-tokens", "24",
        "--out", str(out), "--redact", "--date-mode", "year", "--add", "Zebulon Quartermaine",
        home=medlocal_home,
    )  # fmt: skip
    assert summarize.returncode == 0, summarize.stderr
    # Walk 18: redirected, the unredacted summary is not printed beside the redacted file; and
    # a text to add that the model never wrote is said, not a refusal that drops the file.
    assert "## Current medications" not in summarize.stdout
    assert "the summary is not printed when standard output is not a terminal" in summarize.stderr
    assert "“Zebulon Quartermaine” does not occur in the summary" in summarize.stderr
    assert "redaction(s)" in summarize.stderr or "No identifiers found" in summarize.stderr
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Medication list" in text and "Provenance" in text
    assert "References" in text or "Flags" in text  # cited, or every unsupported line flagged
    assert "john" not in text.lower() and "smith" not in text.lower()

    listing = run_cli("outputs", "list", "--passphrase-file", secret, home=medlocal_home)
    assert listing.returncode == 0, listing.stderr
    assert "answer" in listing.stdout and "summary" in listing.stdout

    show = run_cli("outputs", "show", "2", "--passphrase-file", secret, home=medlocal_home)
    assert show.returncode == 0, show.stderr
    assert "Provenance:" in show.stdout and "Template: medication-list" in show.stdout
    assert "seed=42" in show.stdout

    preview_target = tmp_path / "preview.pdf"
    preview = run_cli(
        "outputs", "export", "1", "--out", str(preview_target), "--redact", "--preview",
        "--passphrase-file", secret, home=medlocal_home,
    )  # fmt: skip
    assert preview.returncode == 0, preview.stderr
    assert "Preview only" in preview.stderr and not preview_target.exists()

    added = run_cli(
        "outputs", "export", "1", "--out", str(preview_target), "--redact", "--preview",
        "--add", "metformin", "--passphrase-file", secret, home=medlocal_home,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "added by you" in added.stderr and "metformin" not in added.stderr.lower()  # not a tty
    bad_keep = run_cli(
        "outputs", "export", "1", "--out", str(preview_target), "--redact", "--keep", "1",
        "--passphrase-file", secret, home=medlocal_home,
    )  # fmt: skip
    assert bad_keep.returncode == 2 and "NUMBER=REASON" in bad_keep.stderr

    pdf = tmp_path / "answer.pdf"
    export = run_cli(
        "outputs", "export", "1", "--out", str(pdf), "--passphrase-file", secret,
        home=medlocal_home,
    )  # fmt: skip
    assert export.returncode == 0, export.stderr
    assert pdf.read_bytes().startswith(b"%PDF")

    bad = run_cli(
        "outputs", "export", "1", "--out", str(tmp_path / "x.rtf"), "--passphrase-file", secret,
        home=medlocal_home,
    )  # fmt: skip
    assert bad.returncode == 2 and ".md, .txt, .docx or .pdf" in bad.stderr

    # Walk 28: a follow-up from the terminal, in the chat the first answer was saved in.
    follow = run_cli(
        "ask", "--patient", "1", "--chat", "1", "--passphrase-file", secret, *model,
        "--max-tokens", "24", "How often?", home=medlocal_home,
    )  # fmt: skip
    assert follow.returncode == 0, follow.stderr
    assert "in chat 1" in follow.stderr
    chat = run_cli("chats", "show", "1", "--passphrase-file", secret, home=medlocal_home)
    assert "What dose of metformin" in chat.stdout and "How often?" in chat.stdout
    wrong = run_cli(
        "ask", "--patient", "1", "--chat", "9", "--passphrase-file", secret, *model, "When?",
        home=medlocal_home,
    )  # fmt: skip
    assert wrong.returncode == 2 and "not a chat about patient 1" in wrong.stderr
