"""The command line starts without the redactor and the vector index: importing the redactor
compiles some two thousand patterns (about 1.5-2 s of CPU), which only a redacted export needs;
chromadb (about 1 s) is needed once a vault opens. Building the command table took 4.5 s of CPU
before session 24, 1.1-1.3 s after."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def _modules_after(code: str) -> set[str]:
    script = textwrap.dedent(code) + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    return set(done.stdout.split())


def test_building_the_command_line_does_not_import_the_redactor() -> None:
    loaded = _modules_after("from medlocal.cli import build_parser; build_parser()")
    assert "medlocal.app.workspace" in loaded  # the commands' modules were imported
    assert "medlocal.privacy.redact" not in loaded
    assert "medlocal.privacy.deid_patterns" not in loaded
    assert "chromadb" not in loaded


def test_planning_an_export_imports_the_redactor_where_it_is_needed() -> None:
    loaded = _modules_after(
        """
        from medlocal.rag.export import patient_identity, plan_export, document_copy
        doc = document_copy("letter.txt", "Seen by Dr Alder on 3 March 2025.", "0")
        plan = plan_export(doc, __import__("medlocal.privacy.redact").privacy.redact.Redactor(
            patient_identity(None, None, None), shift_days=10))
        assert any(item.redaction.kind == "name" for item in plan.items), plan.items
        """
    )
    assert "medlocal.privacy.redact" in loaded
