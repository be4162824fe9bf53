"""Grounding defects a new-user test found: spelled-out dose units, hard wraps after a title or
between a number and its unit, label-only sentences, and British spellings."""

from __future__ import annotations

import pytest

from medlocal.rag.coverage import american, content_words, coverage
from medlocal.rag.grounding import attach_citations, ground
from medlocal.rag.medications import default_lexicon
from medlocal.rag.sentences import split_sentences
from medlocal.values import extract_values, is_dose, same_value

DIGOXIN = {
    1: "Discharge medications: digoxin 62.5 micrograms once daily, spironolactone 25 mg once daily."
}


def kinds(result: object) -> list[tuple[int, str, str]]:
    return [(f.sentence, f.kind, f.token) for f in result.flags]  # type: ignore[attr-defined]


# 1. Spelled-out units are dose units, compared across units.


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("62.5 micrograms", "mcg"),
        ("1 microgram", "mcg"),
        ("500 milligrams", "mg"),
        ("1 gram", "g"),
        ("2 grams", "g"),
        ("40 nanograms", "ng"),
        ("10 units", "unit"),
        ("5 millilitres", "ml"),
        ("62.5 µg", "mcg"),
        ("62.5 ug", "mcg"),
    ],
)
def test_spelled_out_units_are_dose_units(text: str, unit: str) -> None:
    [value] = extract_values(text)
    assert value.unit == unit
    assert is_dose(value)


def test_micrograms_equal_the_same_amount_in_mg() -> None:
    [mcg] = extract_values("62.5 micrograms")
    [mg] = extract_values("0.0625 mg")
    [other] = extract_values("25 mg")
    assert same_value(mg, mcg)
    assert same_value(mcg, mg)
    assert not same_value(other, mcg)


def test_a_wrong_dose_against_micrograms_is_flagged() -> None:
    result = ground("Digoxin 25 mg once daily [1].", DIGOXIN)
    assert (0, "unverified_number", "25 mg") in kinds(result)


def test_the_same_dose_in_mg_is_no_false_alarm() -> None:
    assert kinds(ground("Digoxin 0.0625 mg once daily [1].", DIGOXIN)) == []
    assert kinds(ground("Digoxin 62.5 mcg once daily [1].", DIGOXIN)) == []


# 2. Hard wraps after a title, and between a number and its unit.


@pytest.mark.parametrize(
    "text",
    [
        "Creatinine rose from 98 to 121\numol/L on day three.",
        "She was reviewed by Dr\nVasquez on the ward.",
        "She was reviewed by Dr.\nVasquez on the ward.",
        "Weight loss was 3.2\nkg over a month.",
        "Blood pressure was 132/84\nmmHg at rest.",
    ],
)
def test_no_split_at_a_wrap_after_a_title_or_before_a_unit(text: str) -> None:
    assert [s.text for s in split_sentences(text)] == [text]


def test_a_new_line_after_a_number_still_splits_before_a_new_sentence() -> None:
    text = "Creatinine 121\nSodium 138"
    assert [s.text for s in split_sentences(text)] == ["Creatinine 121", "Sodium 138"]


def test_a_value_wrapped_before_its_unit_is_not_misattributed() -> None:
    passages = {1: "Creatinine rose from 98 to 121\numol/L on day three."}
    assert kinds(ground("Creatinine rose to 121 umol/L on day three [1].", passages)) == []


def test_a_name_wrapped_after_dr_is_supported() -> None:
    passages = {1: "She was reviewed by Dr\nVasquez on the ward round."}
    result = ground("She was reviewed by Dr\nVasquez on the ward round [1].", passages)
    assert kinds(result) == []


# 3. A sentence that is nothing but a source label makes no claim.


@pytest.mark.parametrize("label", ["(discharge.txt)", "(discharge.txt, page 2)", "discharge.pdf"])
def test_a_label_only_sentence_is_not_checked(label: str) -> None:
    passages = {1: "Creatinine 121 umol/L on admission."}
    result = ground(f"Creatinine 121 umol/L on admission [1].\n{label}", passages)
    assert kinds(result) == []


def test_a_label_gets_no_attached_citation() -> None:
    passages = {1: "Discharge summary text for the discharge."}
    text, attached = attach_citations("(discharge.txt)", passages)
    assert (text, attached) == ("(discharge.txt)", set())


# 4. British and American spellings are one word.


@pytest.mark.parametrize(
    ("british", "american_"),
    [
        ("haemoglobin", "hemoglobin"),
        ("oedema", "edema"),
        ("tumour", "tumor"),
        ("anaemia", "anemia"),
        ("oesophagus", "esophagus"),
        ("diarrhoea", "diarrhea"),
        ("paediatric", "pediatric"),
        ("litre", "liter"),
        ("leukaemia", "leukemia"),
    ],
)
def test_british_spellings_fold_to_american(british: str, american_: str) -> None:
    assert american(british) == american(american_)
    assert content_words(british) == content_words(american_)


def test_british_spelling_in_the_passage_still_attaches_a_citation() -> None:
    result = ground("Hemoglobin: 118 g/L", {1: "Haemoglobin 118 g/L on admission."})
    assert result.text == "Hemoglobin: 118 g/L [1]"
    assert [f.kind for f in result.flags] == ["attached_citation"]


def test_british_spelling_counts_for_coverage() -> None:
    found = coverage("Oedema and anaemia", "The patient has edema and anemia.", default_lexicon())
    assert found.missing == ()


@pytest.mark.parametrize(
    "text",
    ["Atenciosamente, Dra. Ana Souza.", "Vu par Mme. Dubois ce matin.", "Llamó la Sra. Ruiz."],
)
def test_a_title_of_another_language_does_not_end_a_sentence(text: str) -> None:
    # Walk 24: "Dra. Ana Beatriz Souza" was split after "Dra" and cited as "Dra [1]. Ana [1]".
    from medlocal.rag.sentences import split_sentences

    assert len(split_sentences(text)) == 1


def test_a_heading_in_capitals_asserts_nothing() -> None:
    # Walk 24: "negation conflict: 'discharge' ... reports it as present: DISCHARGE SUMMARY".
    from medlocal.rag.assertion_mismatches import compare

    assert compare("No discharge was seen.", "DISCHARGE SUMMARY\nThe patient went home.") == []
    # A note typed in capitals still says what it rules out.
    assert compare("The patient has chest pain.", "PT DENIES CHEST PAIN")


# Round 3 of the precision audit (heldout2): words a note writes in figures or shorthand.


def test_a_gestational_age_in_figures_covers_the_word_gestation() -> None:
    lexicon = default_lexicon()
    note = "L&D triage. 31 y/o G2P1 at 35w2d by dating scan. BP 162/104."
    assert coverage("She is at 35 weeks and 2 days of gestation", note, lexicon).missing == ()
    # Without a gestational age the word is still missing.
    assert coverage("She is at 35 weeks of gestation", "31 y/o G2P1.", lexicon).missing


def test_iliac_fossa_shorthand_and_a_denied_loss_are_covered() -> None:
    lexicon = default_lexicon()
    note = "23F, 36 h periumbilical pain migrating to RIF, anorexia. No LOC after the fall."
    found = coverage("Periumbilical pain moved to the right iliac fossa", note, lexicon)
    assert found.missing == ("moved",)
    assert "without" not in coverage("Fall without losing consciousness", note, lexicon).terms
    other = coverage("Pain in the left iliac fossa", note, lexicon)
    assert "left" in other.missing


def test_a_side_written_as_its_letter_covers_the_side() -> None:
    lexicon = default_lexicon()
    note = "Renal US: kidneys L 10.1 cm, R 11.4 cm. Urine output 1.6 L/24 h."
    assert "right" not in coverage("The right kidney", note, lexicon).missing
    assert "left" not in coverage("The left kidney", note, lexicon).missing
    # The litre of "1.6 L" is no side.
    assert "left" in coverage("The left ureter", "Urine output 1.6 L/24 h.", lexicon).missing


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("The white cell count came down to 11.2 [1].", "Bloods: WCC 11.2, CRP 40."),
        ("A full blood count was normal [1].", "FBC normal."),
        ("Her transferrin saturation was 12% [1].", "TSAT 12%, ferritin 9."),
        ("The expected date of delivery is in March 2026 [1].", "EDD 03/2026 by dating scan."),
        ("She had a spontaneous vaginal delivery [1].", "2019: SVD, uncomplicated."),
        ("Non-proliferative diabetic retinopathy was found [1].", "Fundus: moderate NPDR."),
        ("He passed a spontaneous breathing trial [1].", "Passed SBT this morning."),
    ],
)
def test_shorthand_the_list_lacks_supports_its_spelled_out_words(
    sentence: str, passage: str
) -> None:
    lexicon = default_lexicon()
    assert coverage(sentence.removesuffix(" [1]."), passage, lexicon).missing == ()
    assert ground(sentence, {1: passage}).flags == [], sentence


def test_shorthand_supports_only_its_own_words() -> None:
    lexicon = default_lexicon()
    missing = coverage("The platelet count came down", "WCC 11.2, CRP 40.", lexicon).missing
    assert "platelet" in missing


# --- Round 5 (heldout4's causes, tested in wordings of their own) -------------------------------


def test_how_a_value_kept_to_a_range_carries_no_claim_of_its_own() -> None:
    table = "Date   Na (mmol/L)\n01/03  134\n02/03  136\n03/03  135"
    lexicon = default_lexicon()
    for sentence in (
        "Her sodium stayed between 134 and 136 mmol/L throughout.",
        "His sodium ranged from 134 to 136 mmol/L.",
        "Her sodium hovered around 135 mmol/L, remaining within 134 to 136.",
    ):
        assert coverage(sentence, table, lexicon).missing == (), sentence
    # A claim the table does not hold is still missing.
    assert coverage("She stayed hyponatraemic throughout.", table, lexicon).missing != ()


def test_bowel_shorthand_covers_its_paraphrase_and_denies_what_did_not_happen() -> None:
    note = "Day 3 post-op. Tolerating fluids. BNO x3 days, passing flatus."
    lexicon = default_lexicon()
    assert coverage("His bowels have not opened for three days.", note, lexicon).missing == ()
    assert [
        f.kind for f in ground("His bowels have not opened for three days [1].", {1: note}).flags
    ] == []
    assert [f.kind for f in ground("His bowels had not yet opened [1].", {1: note}).flags] == []
    assert "negation_conflict" in [
        f.kind for f in ground("His bowels opened on day 3 [1].", {1: note}).flags
    ]
