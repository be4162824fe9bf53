"""Walk 53a M1: a summary section of three statements or more, every one of them flagged, reads
"No supported text" (the chat's rule for an answer, per section), its draft kept after the
flags, in the summary's text itself: the window, ``summarize``, the saved output and its
exports all read that text. Before, only "unsupported" and "weak support" lines counted: 24
invented drugs under "Current medications", each citing a passage that names none of them,
were shown as the list."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.terminal import run_cli
from fixtures.vault_file import PASS, new_vault
from test_summary_grounding_walk38 import body_of, summarise

from medlocal.rag.export import document_from_output
from medlocal.rag.export_files import ExportDocument, render_markdown
from medlocal.rag.summarize import ALL_FLAGGED_SECTION, NO_SUPPORTED_SECTION, save_summary
from medlocal.rag.summary_outcome import unextracted_sections
from medlocal.ui.render import answer_html

ALLERGY = "Penicillin (rash) [1]."


def _invented(*drugs: str) -> str:
    """Lines that share the cited passage's words but name a drug it does not give."""
    return "\n".join(f"- {drug} 500 micrograms twice daily for 5 days [2]." for drug in drugs)


INVENTED = _invented("Propranolol", "Amiodarone", "Atenolol")


def test_a_section_of_flagged_lines_reads_no_supported_text_with_its_draft() -> None:
    summary = summarise({"Current medications": INVENTED, "Allergies and intolerances": ALLERGY})
    assert body_of(summary, "Current medications") == ALL_FLAGGED_SECTION
    assert ALL_FLAGGED_SECTION.startswith("No supported text:")
    assert body_of(summary, "Allergies and intolerances") == ALLERGY  # a clean line stays
    (draft,) = [f for f in summary.flags if f.kind == "unsupported_draft"]
    assert draft.token == "Current medications" and draft.quote == INVENTED
    assert "every statement the model wrote for this section is flagged" in draft.message
    # One item for the section, not one per drug; none on MedLocal's own words.
    assert not [f for f in summary.flags if "Propranolol" in summary.text[f.start : f.end]]
    assert "Propranolol" not in answer_html(summary.text, summary.flags)


def test_two_flagged_lines_or_one_clean_line_keep_the_section() -> None:
    two = summarise({"Current medications": _invented("Propranolol", "Amiodarone")})
    assert "Propranolol" in body_of(two, "Current medications")  # under three: flagged, kept
    clean = "- Colchicine 500 micrograms twice daily for 5 days [2].\n" + INVENTED
    mixed = summarise({"Current medications": clean})
    assert body_of(mixed, "Current medications") == clean


def test_the_saved_output_and_the_terminal_agree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = summarise({"Current medications": INVENTED})
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        output_id = save_summary(vault, vault.add_patient("P"), summary)
        output = vault.get_output(output_id)
    assert ALL_FLAGGED_SECTION in output.content and "Propranolol" not in output.content
    doc = document_from_output(
        output.title, output.kind, output.content, output.provenance, output.flags
    )
    markdown = render_markdown(doc)
    assert ALL_FLAGGED_SECTION in markdown
    assert "**The model's draft of “Current medications”" in markdown  # kept, set apart
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    opts = ["--vault", str(folder), "--passphrase-file", str(secret)]
    assert run_cli("outputs", "show", str(output_id), *opts) == 0
    out = capsys.readouterr().out
    assert ALL_FLAGGED_SECTION in out, out
    # Nothing else in it came from the documents: said as for any section not extracted.
    assert unextracted_sections(summary.text) == 1
    assert isinstance(doc, ExportDocument) and NO_SUPPORTED_SECTION not in markdown
