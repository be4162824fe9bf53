"""Walk 51b L4: ``outputs export N --redact`` took 25 s (8.8 s of CPU at load 4-9) and the
terminal said nothing, or "reading the patient's record", meanwhile. The record's documents are
read once and their names kept in the vault (0.03 s on the walk's 43 documents afterwards);
most of the time was the de-identification rules being built, once per process (~5 s of CPU).
The terminal now says so first. A real command in its own process, as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fixtures.vault_file import PASS, new_vault

from medlocal.rag.export_record import RULES_STAGE


def test_a_redacted_export_says_it_prepares_the_rules_first(tmp_path: Path) -> None:
    folder = tmp_path / "vault"
    vault = new_vault(folder)
    patient = vault.add_patient("Jane Roe", mrn="MRN-4711")
    output = vault.save_output(
        patient,
        "summary",
        "Medication list",
        "# Medication list\n\n## Current medications\n\nJane Roe (MRN-4711) takes metformin.\n",
        {},
        [],
    )
    vault.lock()
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    secret.chmod(0o600)
    out = tmp_path / "red.md"
    env = {**os.environ, "MEDLOCAL_HOME": str(tmp_path / "home")}
    args = ["outputs", "export", str(output), "--redact", "--out", str(out)]
    args += ["--vault", str(folder), "--passphrase-file", str(secret)]
    proc = subprocess.run(
        [sys.executable, "-m", "medlocal", *args],
        capture_output=True, text=True, env=env, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    err = proc.stderr
    assert RULES_STAGE in err, err
    assert err.index(RULES_STAGE) < err.index("redaction(s):"), err  # said before the work
    written = out.read_text(encoding="utf-8")
    assert "Jane Roe" not in written and "MRN-4711" not in written and "metformin" in written
