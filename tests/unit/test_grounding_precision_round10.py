"""Round 10 of the grounding precision audit (tests/fixtures/grounding_eval/RESULTS.md): what a
competent model writes that heldout9 showed flagged. Numbers it works out exactly from its own
words (a change as a percentage, a day's total, weeks between two of its dates), a relative
written as a possessive, an adjective or company, "both" before a preposition, a condition after
its word, a passage's title line, a table column headed "TSB", "type 2 diabetes" for "T2DM" and
"was replaced by" as a stop. Each test gives the correct sentence (no flag) and a wrong one
beside it (still flagged); passages and wordings of their own, not the evaluation's."""

from __future__ import annotations

from medlocal.rag.grounding import ground


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


# --- worked out from the sentence's own values ---------------------------------------------------


def test_a_change_as_a_percentage_of_where_it_started() -> None:
    labs = "Ferritin 480 ug/L on 02/03/2025; 312 ug/L on 14/05/2025."
    good = "Her ferritin fell from 480 ug/L to 312 ug/L, a fall of about 35% [1]."
    assert kinds(good, labs) == []
    assert "unverified_number" in kinds(good.replace("35%", "45%"), labs)


def test_a_named_change_as_a_percentage_of_the_value_it_left() -> None:
    chart = "Birth weight 3400 g. Day 3 weight 3180 g."
    good = "On day 3 she weighed 3,180 g, a loss of 220 g or about 6.5% of her birth weight [1]."
    assert kinds(good, chart) == []
    assert "unverified_number" in kinds(good.replace("6.5%", "8.5%"), chart)


def test_a_day_s_total_of_the_sentence_s_dose_and_regimen() -> None:
    note = "Gabapentin increased 03/03/2025 from 300 mg TDS to 600 mg TDS."
    good = "Gabapentin was increased to 600 mg three times a day, which is 1.8 g a day [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("1.8 g", "2.4 g"), note)


def test_a_day_s_total_counts_the_tablets_of_each_dose() -> None:
    note = "Calcium acetate 475 mg 2 tabs TDS with meals."
    good = "He takes calcium acetate 475 mg, two tablets three times a day, 2,850 mg a day [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("2,850", "1,425"), note)


def test_weeks_between_two_dates_of_the_sentence_written_after_the_later() -> None:
    report = "Biopsy taken 03/02/2025. Histology reported 03/03/2025: benign naevus."
    good = (
        "The histology was reported on 3 March 2025, four weeks after the biopsy on 3 February [1]."
    )
    assert kinds(good, report) == []
    assert "unverified_number" in kinds(good.replace("four weeks", "three weeks"), report)


# --- whose a finding is ------------------------------------------------------------------------


def test_a_relative_s_possessive_gives_the_relative_what_follows() -> None:
    note = "Father's colonoscopy found a 3 cm adenoma. No personal history of polyps."
    good = "The adenoma was found on colonoscopy in his father [1]."
    assert kinds(good, note) == []
    assert "negation_conflict" in kinds("He has a history of polyps [1].", note)


def test_maternal_governs_what_follows_not_the_clause_before() -> None:
    note = "Born 04/03/2025 by emergency caesarean section for maternal pre-eclampsia."
    good = "She was born by emergency caesarean section for her mother's pre-eclampsia [1]."
    assert kinds(good, note) == []
    wrong = "She was born by emergency caesarean section for her pre-eclampsia [1]."
    assert "experiencer_conflict" in kinds(wrong, note)


def test_a_relative_who_is_company_owns_nothing_before_them() -> None:
    note = "Holiday in Portugal 02/06/2025 to 16/06/2025. Travelling with wife. Wife has asthma."
    assert kinds("He is travelling to Portugal from 2 to 16 June 2025 [1].", note) == []
    assert "experiencer_conflict" in kinds("He has asthma [1].", note)


# --- sides, conditions, titles -----------------------------------------------------------------


def test_both_before_a_preposition_names_two_things_not_two_sides() -> None:
    record = "Vaccines 11/08/2025: Boostrix 0.5 mL IM, right deltoid. Hep B 1 mL IM, right deltoid."
    good = "She received Boostrix and the hepatitis B vaccine, both in the right deltoid [1]."
    assert kinds(good, record) == []
    wrong = "She received Boostrix and the hepatitis B vaccine, both in the left deltoid [1]."
    assert "laterality_conflict" in kinds(wrong, record)


def test_a_condition_after_its_word_in_one_clause_governs_it() -> None:
    plan = "Repeat potassium on 12/05/2025. If potassium above 6.0 mmol/L, admit for dialysis."
    good = (
        "His potassium is to be repeated on 12 May 2025, with admission for dialysis if it is"
        " above 6.0 mmol/L [1]."
    )
    assert kinds(good, plan) == []
    assert "hypothetical_conflict" in kinds("He was admitted for dialysis [1].", plan)


def test_a_joining_word_is_no_finding() -> None:
    note = (
        "Ex-smoker: stopped 2021, 30 pack-years. If pain remains disabling after physio,"
        " consider injection."
    )
    assert kinds("He stopped smoking in 2021 after 30 pack-years [1].", note) == []
    assert "hypothetical_conflict" in kinds("He had an injection after physio [1].", note)


def test_a_passage_s_title_line_reports_nothing_present() -> None:
    diary = (
        "Screening bloods (requested by the nurse)\nHIV: negative. Hepatitis C antibody: negative."
    )
    assert kinds("Her screening bloods were negative for HIV and hepatitis C [1].", diary) == []
    review = "Seizure review\nAugust 2025: two tonic-clonic seizures; absences on 4 days"
    assert "negation_conflict" in kinds(
        "She had no tonic-clonic seizures in August 2025 [1].", review
    )


# --- forms of tables and names -------------------------------------------------------------------


def test_a_column_headed_tsb_holds_the_bilirubin() -> None:
    chart = (
        "Neonatal jaundice chart (TSB, umol/L)\n"
        "Date        Time   Age (h)  TSB   Threshold  Action\n"
        "04/02/2025  08:00  30       198   190        Phototherapy started\n"
        "06/02/2025  07:00  77       176   265        Phototherapy stopped"
    )
    assert kinds("His bilirubin was 176 µmol/L on 6 February 2025 [1].", chart) == []
    wrong = "His bilirubin was 198 µmol/L on 6 February 2025 [1]."
    assert "misattributed_value" in kinds(wrong, chart)


def test_type_2_diabetes_is_written_t2dm() -> None:
    history = "PMHx: T2DM (metformin), hypertension, gout."
    assert kinds("He has type 2 diabetes, hypertension and gout [1].", history) == []
    assert kinds("He has type II diabetes [1].", "PMHx: NIDDM, asthma.") == []
    assert "unverified_number" in kinds("He has type 1 diabetes [1].", history)


def test_was_replaced_by_stops_the_drug_before_it() -> None:
    note = "Phenytoin stopped 2022 (gum hypertrophy) and replaced by lamotrigine."
    assert kinds("Phenytoin was replaced by lamotrigine in 2022 [1].", note) == []
    assert "negation_conflict" in kinds("She still takes phenytoin [1].", note)


def test_a_relative_s_diabetes_type_confirms_no_type_of_the_patient() -> None:
    history = "PMHx: hypertension. FHx: sister has T1DM."
    assert "unverified_number" in kinds("She has type 1 diabetes [1].", history)


def test_a_course_s_total_is_its_amount_a_day_times_its_days() -> None:
    note = "Methylprednisolone 1 g IV daily for 3 days started 02/06/2025."
    good = "She was given methylprednisolone 1 g a day for three days, 3 g in total [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("3 g in", "4 g in"), note)
    plan = "Cardiac rehabilitation: 2 sessions a week for 8 weeks from 01/09/2025."
    sessions = (
        "He starts cardiac rehabilitation, two sessions a week for 8 weeks, which is 16 sessions"
        " [1]."
    )
    assert kinds(sessions, plan) == []
    assert "unverified_number" in kinds(sessions.replace("16 sessions", "24 sessions"), plan)


def test_a_relative_labelling_a_line_owns_what_follows() -> None:
    note = (
        "Immunisation history\nTetanus 2019. Rabies pre-exposure: discussed, declined.\n"
        "Wife: yellow fever vaccine 2016."
    )
    assert kinds("He declined rabies pre-exposure vaccination after discussion [1].", note) == []
    assert "experiencer_conflict" in kinds("He had a yellow fever vaccine in 2016 [1].", note)


def test_a_column_headed_threshold_holds_limits() -> None:
    chart = (
        "Neonatal jaundice chart (TSB, umol/L)\n"
        "Date        Time   Age (h)  TSB   Threshold  Action\n"
        "04/02/2025  08:00  30       198   190        Phototherapy started"
    )
    good = (
        "On 4 February 2025 his bilirubin of 198 µmol/L was above the threshold of 190 µmol/L [1]."
    )
    assert kinds(good, chart) == []
    assert "misattributed_value" in kinds(
        "His bilirubin was 190 µmol/L on 4 February 2025 [1].", chart
    )


def test_the_next_day_is_not_the_day_written_before_it() -> None:
    labs = "Potassium 6.4 mmol/L on 03/03/2025; 5.1 mmol/L on 04/03/2025; 4.6 mmol/L on 06/03/2025."
    good = "His potassium was 6.4 mmol/L on 3 March 2025, and the next day it was 5.1 mmol/L [1]."
    assert kinds(good, labs) == []
    assert "misattributed_value" in kinds("His potassium was 5.1 mmol/L on 3 March 2025 [1].", labs)


def test_a_header_row_set_out_with_spaces_reports_nothing() -> None:
    table = (
        "Cascade testing\nRelative    Relationship    Age    Test date     Result\n"
        "Tom         brother         41     02/04/2025    not detected\n"
        "Anna        sister          36     -             pending"
    )
    good = (
        "Her brother Tom does not carry the variant, while her sister Anna's result is still"
        " pending [1]."
    )
    assert kinds(good, table) == []


def test_a_head_word_of_another_kind_is_not_the_relative_s() -> None:
    note = "Autoimmune hypothyroidism (anti-TPO 610 IU/mL). FHx: mother has coeliac disease."
    assert kinds("Her hypothyroidism is due to Hashimoto's disease [1].", note) == []
    assert "experiencer_conflict" in kinds("She has coeliac disease [1].", note)
