"""Round 12 of the grounding precision audit (tests/fixtures/grounding_eval/RESULTS.md): what a
competent model writes that heldout11 showed flagged. A clock time's "a.m." before the rest of
its sentence, a change named after the two values it is between (a count, a dose, a pressure),
a result joined to its test by a hyphen ("HER2-negative"), a screen written as a label and its
result ("screen: normal"), a number and a half in words, and a change a threshold would bring
("at which ... would be stopped"). Each test gives the correct sentence (no flag) and a wrong
one beside it (still flagged); passages and wordings of their own, not the evaluation's."""

from __future__ import annotations

from medlocal.rag.grounding import ground
from medlocal.rag.sentences import split_sentences
from medlocal.sentence_ends import sentence_pieces


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


# --- a clock time's "a.m." / "p.m." ----------------------------------------------------------


def test_a_clock_time_s_a_m_ends_no_sentence_before_a_lower_case_word() -> None:
    text = (
        "The seizure began at 3:45 a.m. on 2 May 2025 and stopped at 3:52 a.m. Her mother called."
    )
    assert [s.text for s in split_sentences(text)] == [
        "The seizure began at 3:45 a.m. on 2 May 2025 and stopped at 3:52 a.m.",
        "Her mother called.",
    ]
    assert len(sentence_pieces("Seen at 11:20 p.m. and admitted. Bloods sent.")) == 2


def test_a_sentence_with_a_clock_time_inside_keeps_its_citation() -> None:
    note = "Seizure 02/05/2025 at 3:45 a.m., lasting 7 minutes; buccal midazolam 10 mg given."
    good = "Her seizure began at 3:45 a.m. on 2 May 2025 and lasted seven minutes [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("3:45 a.m.", "3:45 p.m."), note)


# --- a change named after its two values -----------------------------------------------------


def test_a_change_named_after_a_range_without_a_first_unit_is_their_difference() -> None:
    labs = "Platelets 41 x10^9/L on admission; 118 x10^9/L on day 5."
    good = "Her platelets rose from 41 to 118 x10^9/L, a rise of 77 [1]."
    assert kinds(good, labs) == []
    assert "unverified_number" in kinds(good.replace("rise of 77", "rise of 70"), labs)


def test_a_dose_change_named_after_the_old_and_new_doses_is_no_other_dose() -> None:
    note = "Furosemide 40 mg once daily. Plan: increase furosemide to 80 mg once daily."
    good = "His furosemide is going up from 40 mg to 80 mg once daily, an increase of 40 mg [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(
        good.replace("increase of 40 mg", "increase of 30 mg"), note
    )


def test_a_fall_in_pressure_is_no_pressure_at_the_time_point() -> None:
    obs = "Sitting 156/84 mmHg. Standing 2 min 128/76 mmHg (fall 28 mmHg systolic)."
    good = (
        "Her systolic pressure fell from 156 mmHg sitting to 128 mmHg after two minutes"
        " standing, a fall of 28 mmHg [1]."
    )
    assert kinds(good, obs) == []
    # The direction named must be the values': a rise of 28 mmHg is not what happened.
    assert kinds(good.replace("a fall of", "a rise of"), obs) != []


# --- results, screens, thresholds ------------------------------------------------------------


def test_a_result_hyphened_to_its_test_is_read_as_the_result() -> None:
    path = "Histology: grade 2 ductal carcinoma, ER positive (Allred 8), HER2 negative (IHC 1+)."
    good = "The tumour is ER-positive and HER2-negative [1]."
    assert kinds(good, path) == []
    assert "negation_conflict" in kinds("The tumour is HER2-positive [1].", path)


def test_a_screen_written_as_a_label_and_normal_is_a_negative_screen() -> None:
    labs = "Coeliac screen: normal. TSH 2.1 mU/L."
    assert kinds("Her coeliac screen was normal [1].", labs) == []
    assert "negation_conflict" in kinds("Her coeliac screen was abnormal [1].", labs)


def test_a_number_and_a_half_in_words_is_its_decimal() -> None:
    note = "Procedure duration 2.5 hours; estimated blood loss 300 mL."
    good = "The procedure took two and a half hours [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds("The procedure took three and a half hours [1].", note)


def test_a_change_a_threshold_would_bring_is_no_change_made() -> None:
    note = "Creatinine 96 umol/L. If creatinine > 150 umol/L, stop metformin."
    good = (
        "Her creatinine of 96 µmol/L is below the level of 150 at which metformin would be"
        " stopped [1]."
    )
    assert kinds(good, note) == []
    assert "hypothetical_conflict" in kinds("Her metformin was stopped [1].", note)
