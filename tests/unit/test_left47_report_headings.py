"""Note 46: after fix46d a report's topic under its heading went unnamed, and the question was
refused as "not found" though the report answers it. Echo, radiology, lung-function and lab
reports name an organ, valve or panel once, then write short rows or sentences that belong to
it: "Mitral valve: thickened; area 1.8 cm2", "Aortic valve: trileaflet. Peak velocity 2.9 m/s."

A heading is read as a label opening a line or sentence, or a short line of its own, and its
rows run to the next heading (rag/report_sections.py). Review 46b D8's cases stay unnamed
(tests/unit/test_rag_topic_nearness.py); the rows below must not let another thing's words, or
words scattered over a row, name a topic.
"""

from __future__ import annotations

import pytest

from medlocal.rag.relevance import term_finder
from medlocal.rag.report_sections import Section, report_sections
from medlocal.rag.topics import names_topic, question_topic

ECHO = (
    "Transthoracic echocardiogram 02/03/2026.\n"
    "Left ventricle: normal size; EF 58%.\n"
    "Left atrium: dilated; indexed volume 42 mL/m2.\n"
    "Aortic valve: trileaflet, mildly calcified. Peak velocity 2.9 m/s. Mean gradient 18 mmHg.\n"
    "Mitral valve: thickened; area 1.8 cm2.\n"
    "Tricuspid valve: trivial regurgitation.\n"
)
ECHO_TABLE = (
    "AORTIC VALVE\nTrileaflet, mildly thickened.\nPeak velocity 2.9 m/s\nMean gradient 18 mmHg\n"
    "\nMITRAL VALVE\nArea 1.8 cm2\n"
)
CT = (
    "CT abdomen and pelvis with contrast.\n"
    "Liver: normal size and attenuation.\n"
    "Abdominal aorta: normal calibre; maximum diameter 2.1 cm.\n"
    "Left kidney: normal cortex; length 9.1 cm.\n"
    "Right kidney: simple cyst upper pole; length 10.8 cm.\n"
)
SPIROMETRY = (
    "Spirometry 12/03/2026\n"
    "Forced expiration: FEV1 2.1 L (68% predicted), vital capacity 3.2 L (85% predicted).\n"
    "Slow manoeuvre: inspiratory capacity 2.4 L.\n"
)
RENAL = (
    "Renal panel\nSodium 138 mmol/L\nPotassium 5.2 mmol/L\nCreatinine 145 umol/L\n\n"
    "Urine: dipstick protein 1+; albumin:creatinine ratio 3.5 mg/mmol.\n"
)

NAMED = [
    # The two of note 46.
    ("What is her mitral valve area?", "Mitral valve: thickened; area 1.8 cm2"),
    ("What is her aortic valve peak velocity?", "Aortic valve: trileaflet. Peak velocity 2.9 m/s."),
    ("What is her mitral valve area?", ECHO),
    ("What is her mitral valve area?", ECHO_TABLE),
    ("What is her aortic valve mean gradient?", ECHO),
    ("What is her aortic valve mean gradient?", ECHO_TABLE),
    ("What is the left atrial volume?", ECHO),
    ("What is her left ventricular size?", ECHO),
    ("What is the abdominal aorta diameter?", CT),
    ("What is the left kidney length?", CT),
    ("What is the forced vital capacity?", SPIROMETRY),
    ("What is her urine albumin creatinine ratio?", RENAL),
    # Two words: only a row that is the other word and its value.
    ("What is her serum sodium?", "Serum biochemistry\nSodium 138 mmol/L\nPotassium 5.2 mmol/L"),
]


@pytest.mark.parametrize(("question", "text"), NAMED)
def test_a_topic_under_its_reports_heading_is_named(question: str, text: str) -> None:
    assert term_finder(question)(text)


NOT_NAMED = [
    # Another valve's row: across a ";" the valve word is the mitral valve's, not shared.
    ("What is her aortic valve area?", "Aortic valve trileaflet; mitral valve area 4.2 cm2."),
    ("What is her aortic valve area?", ECHO),  # only the mitral valve's area
    ("What is her aortic valve area?", ECHO_TABLE),  # the area is under MITRAL VALVE
    # A row naming a thing of its own first is that thing's.
    (
        "What is her aortic valve peak velocity?",
        "Aortic valve: trileaflet. LVOT peak velocity 1.1.",
    ),
    ("What is her left ventricular size?", "Left ventricle: normal. Right ventricle size normal."),
    ("What is her mitral valve area?", "Mitral valve: normal.\nAortic valve: area 3.1 cm2."),
    ("What is her mitral valve area?", "Mitral valve: normal; left atrial area 24 cm2."),
    # The next heading ends a heading's rows.
    ("What is the right kidney length?", "Right kidney: normal.\nLeft kidney: length 9.1 cm."),
    ("What is the abdominal aorta diameter?", "Abdominal aorta: normal.\nCBD: diameter 6 mm."),
    ("What is the slow vital capacity?", SPIROMETRY),
    ("What is her urine sodium creatinine ratio?", RENAL),
    # Scattered over the row's clauses, a long row, or another thing's row.
    (
        "What is her urine albumin creatinine ratio?",
        "Urine: albumin negative; creatinine 9; ratio -",
    ),
    (
        "What is her mitral valve area?",
        "Mitral valve: normal leaflets; the atrium is dilated over an area of 24 cm2.",
    ),
    # Two words: a row that is not the other word and its value.
    ("What is the patient's blood group?", "Blood: Hb 131 g/L. Group A strep swab 12/03."),
    ("What is the patient's blood group?", "Blood: Hb 131 g/L.\nGroup education offered."),
    ("What is her serum sodium?", "Serum biochemistry\nLow sodium diet advised."),
]


@pytest.mark.parametrize(("question", "text"), NOT_NAMED)
def test_another_things_row_or_scattered_words_do_not_name_it(question: str, text: str) -> None:
    assert question_topic(question), "the question must ask about one concept"
    assert not term_finder(question)(text)


def test_the_av_abbreviation_is_named_under_its_heading() -> None:
    # "AV" is also read by search's expansion; the topic itself must be named too.
    text = "Aortic valve: trileaflet. Peak velocity 2.9 m/s."
    assert names_topic(question_topic("What is the AV peak velocity?"), text)


def test_a_reports_sections_run_to_the_next_heading() -> None:
    assert report_sections(ECHO_TABLE) == [
        Section("AORTIC VALVE", ("Trileaflet, mildly thickened.", "Peak velocity 2.9 m/s",
                                 "Mean gradient 18 mmHg")),
        Section("MITRAL VALVE", ("Area 1.8 cm2",)),
    ]  # fmt: skip
    inline = report_sections(
        "Findings: Aortic valve: trileaflet. Peak 2.9. Mitral valve: MR; area 4"
    )
    assert inline == [
        Section("Aortic valve", ("trileaflet.", "Peak 2.9.")),
        Section("Mitral valve", ("MR", "area 4")),
    ]


def test_a_label_and_its_value_is_a_row_not_a_heading() -> None:
    sections = report_sections("Renal panel\nSodium: 138 mmol/L\nPotassium: 5.2 mmol/L")
    assert sections == [Section("Renal panel", ("Sodium: 138 mmol/L", "Potassium: 5.2 mmol/L"))]


def test_headings_with_accented_letters_are_headings() -> None:
    """Letters from abroad (walk 47b) head their sections with accented words: the heading
    pattern was ASCII only, so a Spanish echo's and a German lab report's headings were none."""
    sections = report_sections(
        "Válvula aórtica: trivalva. Velocidad pico 2,9 m/s.\nHÄMATOLOGIE\nHämoglobin 13,2 g/dl\n"
    )
    assert sections == [
        Section("Válvula aórtica", ("trivalva.", "Velocidad pico 2,9 m/s.")),
        Section("HÄMATOLOGIE", ("Hämoglobin 13,2 g/dl",)),
    ]
