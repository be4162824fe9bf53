"""Note45 (grounding, left): "Patient reported [1]." on its own line under a medication heading
passed as a line naming the list's source (rag/checks/section_qualifiers.py), so nothing was
flagged. Read as a clinician reads the summary, it says who reported and stops: it names no
medicine, and its citation makes the list look sourced while supporting no item of it. On its
own line it is flagged "wrong_section"; on a drug's line it belongs to that drug (the line is
read whole), and a source written as one ("Patient-reported", "As reported by the patient")
still qualifies the list. The first group failed before the fix (checked against main)."""

from __future__ import annotations

import pytest
from fixtures.assertion_reads import wrong_section_messages

PASSAGES = {
    1: "GP review 3 March. She reports taking ibuprofen 400 mg up to three times a day for knee"
    " pain, bought over the counter. Ramipril 10 mg once daily for hypertension."
}


def _wrong_section(heading: str, body: str) -> list[str]:
    return wrong_section_messages(heading, body, PASSAGES)


@pytest.mark.parametrize(
    "line",
    [
        "Patient reported [1].",
        "- Patient reported [1]",
        "The patient reported [1].",
        "Patient reports [1].",
        "GP documented [1].",
    ],
)
def test_a_line_saying_only_who_reported_is_flagged(line: str) -> None:
    body = f"- Ramipril 10 mg once daily [1]\n- Ibuprofen 400 mg as needed [1]\n{line}"
    (message,) = _wrong_section("Current medications", body)
    assert "says who reported, but not what" in message


@pytest.mark.parametrize(
    "body",
    [
        "- Ibuprofen 400 mg as needed, patient reported [1]",
        "- Ibuprofen 400 mg as needed. Patient reported [1].",
        "- Ibuprofen 400 mg as needed [1]\nPatient-reported [1].",
        "- Ibuprofen 400 mg as needed [1]\nAs reported by the patient [1].",
        "- Ibuprofen 400 mg as needed [1]\nSelf-reported, bought over the counter [1].",
        "- Ibuprofen 400 mg as needed [1]\nOver-the-counter only [1].",
    ],
)
def test_a_report_on_the_drugs_line_or_a_source_written_as_one_fits(body: str) -> None:
    assert _wrong_section("Current medications", body) == []


def test_other_lines_naming_no_medicine_are_still_flagged_as_before() -> None:
    (message,) = _wrong_section("Current medications", "Knee pain [1].")
    assert "names no medicine" in message
