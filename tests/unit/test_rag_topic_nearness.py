"""Review 46b D8: rag46 made a multi-word topic easier to find (walk 46a D1: "aortic valve peak
velocity" beside "Mild aortic stenosis, peak velocity 2.9 m/s") and lost "not found" on
passages naming its words in unrelated places. A ";" ends a finding unless the words lie in
phrases either side of it; a valve lesion's letters (MR, MS, TR) name a valve only beside a
heart's words; "maximum" is a peak only of a velocity or gradient; a heading names a topic with
the row below it only when the row is short and the rest of the words lie close in it.
The cases rag46 made count still count: tests/unit/test_rag46_answer_defects.py.
"""

from __future__ import annotations

import pytest

from medlocal.rag.relevance import term_finder
from medlocal.rag.topics import question_topic

NOT_NAMED = [
    ("What is the patient's blood group?", "Blood pressure 130/80 mmHg; group therapy offered."),
    (
        "What is the patient's blood group?",
        "Blood: Hb 131 g/L; platelets normal; group education offered.",
    ),
    ("What is her mitral valve area?", "Mitral annulus calcified; MR brain area of infarct."),
    ("Does she have valve disease?", "Metformin MR 500 mg twice daily."),
    ("Does she have valve disease?", "Known MS, on interferon; disease stable."),
    ("What was her peak flow?", "Maximum flow rate 12 mL/s on uroflowmetry."),
    ("What was her peak expiratory flow?", "Expiratory wheeze. Maximal effort; flow limited."),
    (
        "What is the urine protein creatinine ratio?",
        "Urine\nProtein intake advised; creatinine 90; ratio normal.",
    ),
    (
        "What was the serum free light chain ratio?",
        "Serum\nFree text: light duties; chain of custody ratio.",
    ),
    (
        "What is her right ventricular systolic pressure?",
        "Right arm\nBlood pressure systolic 150, ventricular rate 80.",
    ),
    # Its abbreviation (BMD) spelt out only by words scattered under a heading.
    (
        "What is her bone mineral density?",
        "Bone profile\nMineral supplements; density of breast tissue high.",
    ),
]


@pytest.mark.parametrize(("question", "text"), NOT_NAMED)
def test_a_topics_words_in_unrelated_places_do_not_name_it(question: str, text: str) -> None:
    assert len(question_topic(question)) > 1
    assert not term_finder(question)(text)


NAMED = [
    (
        "What is her aortic valve peak velocity?",
        "Aortic valve: trileaflet, mildly calcified; peak velocity 2.9 m/s.",
    ),
    ("What is her aortic valve peak velocity?", "Echo: moderate AS, peak velocity 3.4 m/s."),
    ("What is her aortic valve peak velocity?", "Aortic valve: maximum velocity 2.9 m/s."),
    ("What is her aortic valve peak gradient?", "Aortic valve: max gradient 30 mmHg."),
    ("What is the urine protein creatinine ratio?", "Urine\nProtein/creatinine ratio 45 mg/mmol"),
    (
        "What was the serum free light chain ratio?",
        "Serum\nFree light chain ratio 1.2 (0.26-1.65)",
    ),
    ("What is her bone mineral density?", "DEXA: BMD 0.82 g/cm2."),
]


@pytest.mark.parametrize(("question", "text"), NAMED)
def test_a_topics_words_close_together_still_name_it(question: str, text: str) -> None:
    assert term_finder(question)(text)
