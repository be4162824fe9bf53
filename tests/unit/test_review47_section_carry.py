"""Review47 R5: a label's topic carried into the later sentences of free text, so a passage
was taken to name a topic it does not ("CSF: LP deferred. Protein 72 g/L" named a CSF protein).
A later sentence stays in the label's section only while the section reads as a report's
findings, and one naming another specimen or subject leaves it (rag/report_sections.py).
The valve cases of note 46 stay named (tests/unit/test_left47_report_headings.py)."""

from __future__ import annotations

import pytest

from medlocal.rag.relevance import term_finder
from medlocal.rag.report_sections import Section, report_sections

NOT_NAMED = [
    # The label's first clause is an action, a plan or a negation of one: what follows is not
    # its result.
    ("What is the CSF protein?", "CSF: LP deferred. Protein 72 g/L, albumin 40."),
    ("What is the CSF glucose?", "CSF: awaited. Glucose 5.4 mmol/L."),
    ("What is the pleural fluid protein?", "Pleural fluid: not sampled. Protein 70 g/L"),
    ("What is his urine sodium?", "Urine: sent for culture. Sodium 131 mmol/L today."),
    ("What is his urine sodium?", "Urine: to be repeated. Sodium 131 mmol/L."),
    # A later sentence naming another specimen or subject is that one's.
    ("What is the fetal heart rate?", "Fetal: movements reduced. Maternal heart rate 110"),
    ("What is his urine sodium?", "Urine: dipstick negative. Sodium 131 mmol/L on U&E."),
    ("What is the CSF glucose?", "CSF: clear. Glucose 5.4 mmol/L (capillary)."),
]


@pytest.mark.parametrize(("question", "text"), NOT_NAMED)
def test_a_label_does_not_carry_past_an_action_or_to_another_subject(
    question: str, text: str
) -> None:
    assert not term_finder(question)(text)


NAMED = [
    ("What is her aortic valve peak velocity?", "Aortic valve: trileaflet. Peak velocity 2.9 m/s."),
    ("What is her mitral valve area?", "Mitral valve: thickened; area 1.8 cm2"),
    # A finding, then the label's own results: still the label's.
    ("What is the CSF protein?", "CSF: clear, colourless. Protein 0.72 g/L."),
    ("What is the fetal heart rate?", "Fetal: movements normal. Heart rate 140 bpm."),
    # The label's own subject word again does not end it.
    ("What is his urine sodium?", "Urine: dilute. Urine sodium 20 mmol/L."),
]


@pytest.mark.parametrize(("question", "text"), NAMED)
def test_a_findings_label_still_carries_to_its_results(question: str, text: str) -> None:
    assert term_finder(question)(text)


def test_the_sections_that_hold_an_action_keep_only_their_own_sentence() -> None:
    assert report_sections(
        "CSF: LP deferred. Protein 72 g/L. Mitral valve: normal. Area 4 cm2."
    ) == [
        Section("CSF", ("LP deferred.",)),
        Section("Mitral valve", ("normal.", "Area 4 cm2.")),
    ]
