"""Round 11 of the grounding precision audit (tests/fixtures/grounding_eval/RESULTS.md): what a
competent model writes that heldout10 showed flagged. A plan after a bracketed brand, a denial
attributed to someone ("according to"), a relative who opens a clause of their own, a screen
found normal, a value by a deadline ("by 30 minutes"), a value after "after which", units in
an export's column names ("urine_mL"), an ICU chart's "MAP", pipe tables read as tables, an
age-specific limit, one side of what a passage says of both, "N weeks later" after two dates,
"about" a day's total, "the other six days" of a week, a gain named after a trend, an FiO2 as a
percentage, and a denial of an active state against another kind of the thing. Each test gives
the correct sentence (no flag) and a wrong one beside it (still flagged); passages and
wordings of their own, not the evaluation's."""

from __future__ import annotations

from medlocal.rag.grounding import ground


def kinds(sentence: str, *passages: str) -> list[str]:
    result = ground(sentence, dict(enumerate(passages, start=1)))
    return [f.kind for f in result.flags]


# --- assertions: what is planned, denied, whose ---------------------------------------------------


def test_a_plan_reaches_back_over_a_bracketed_brand() -> None:
    note = "If the rash settles, consider changing to monthly fremanezumab (Ajovy) at review."
    good = "Monthly fremanezumab (Ajovy) may be considered at review if the rash settles [1]."
    assert kinds(good, note) == []
    assert "hypothetical_conflict" in kinds("He was changed to monthly fremanezumab [1].", note)


def test_a_denial_ends_at_whose_word_it_is() -> None:
    note = "No heparin cover needed per Dr Osei (haematology)."
    good = "Heparin cover was not needed according to haematology [1]."
    assert kinds(good, note) == []
    assert "negation_conflict" in kinds("Heparin cover was needed [1].", note)


def test_a_relative_who_opens_a_clause_owns_nothing_before_it() -> None:
    note = "Patient denies chest pain or palpitations. Her daughter manages her blister packs."
    good = (
        "She reported no chest pain or palpitations, and her daughter manages her blister"
        " packs [1]."
    )
    assert kinds(good, note) == []
    # A relative later in its clause still owns it.
    family = "Her sister had breast cancer at 44."
    assert "experiencer_conflict" in kinds("She had breast cancer at 44 [1].", family)


def test_a_screen_found_normal_is_a_negative_screen() -> None:
    labs = "TFTs normal. Coeliac serology negative. Ferritin 45 ug/L."
    good = "Her thyroid tests and coeliac screen were normal [1]."
    assert kinds(good, labs) == []
    assert "negation_conflict" in kinds("Her coeliac serology was positive [1].", labs)


# --- when a value was --------------------------------------------------------------------------


def test_a_value_by_a_deadline_is_not_the_earlier_point_s() -> None:
    obs = "Post-procedure pulse 118 at 5 min, 96 at 20 min."
    good = "His pulse was 118 at 5 minutes and came down to 96 by 20 minutes [1]."
    assert kinds(good, obs) == []
    assert "misattributed_value" in kinds("His pulse was 96 at 5 minutes [1].", obs)


def test_a_value_after_which_is_later_than_the_date_before_it() -> None:
    log = (
        "date,INR,weekly_dose_mg,comment\n"
        "05/06/2025,4.1,45,held 1 dose\n"
        "05/13/2025,2.8,40,reduced\n"
    )
    good = (
        "His INR was 4.1 on May 6, 2025, after which his weekly dose was lowered from 45 mg "
        "to 40 mg [1]."
    )
    assert kinds(good, log) == []
    assert "unverified_number" in kinds(good.replace("to 40 mg", "to 35 mg"), log)


# --- tables ------------------------------------------------------------------------------------


def test_a_unit_joined_to_a_column_name_by_an_underscore() -> None:
    chart = "time,HR,drain_mL\n08:00,92,40\n12:00,88,65\n"
    good = "Her drain output rose from 40 mL to 65 mL [1]."
    assert kinds(good, chart) == []
    assert "unverified_number" in kinds("Her drain output rose from 40 mL to 75 mL [1].", chart)


def test_a_map_column_is_the_mean_arterial_pressure() -> None:
    chart = "time,HR,MAP,SpO2\n01:00,118,58,93\n05:00,101,71,95\n"
    good = "Her MAP rose from 58 to 71 mmHg overnight [1]."
    assert kinds(good, chart) == []
    assert "misattributed_value" in kinds("Her MAP rose from 58 to 101 mmHg overnight [1].", chart)


def test_a_pipe_table_binds_its_cells_to_its_columns() -> None:
    table = (
        "| Date | Ferritin (ug/L) | CRP (mg/L) |\n"
        "| 04-02-2025 | 22 | 3 |\n"
        "| 06-05-2025 | 61 | 4 |\n"
    )
    good = "Her ferritin rose from 22 ug/L in February 2025 to 61 ug/L in May 2025 [1]."
    assert kinds(good, table) == []
    assert "misattributed_value" in kinds("Her CRP was 61 mg/L in May 2025 [1].", table)


def test_an_age_specific_limit_is_a_limit_not_an_age() -> None:
    labs = "PSA 2.9 ng/mL (age-specific reference < 3.5 ng/mL)."
    good = "His PSA was 2.9 ng/mL, below the age-specific limit of 3.5 ng/mL [1]."
    assert kinds(good, labs) == []
    assert "unverified_number" in kinds(good.replace("limit of 3.5", "limit of 4.5"), labs)


# --- sides ------------------------------------------------------------------------------------


def test_one_side_of_what_the_passage_says_of_both() -> None:
    scan = "Both ovaries normal in size. Right ovarian simple cyst 2.4 cm."
    good = "A simple 2.4 cm cyst was seen on the right ovary [1]."
    assert kinds(good, scan) == []
    assert "laterality_conflict" in kinds(good.replace("right", "left"), scan)
    # Both where the passage says one side is still wrong.
    assert "laterality_conflict" in kinds(
        "There are cysts on both ovaries [1].", "Left ovarian cyst 3 cm. Right ovary normal."
    )


# --- worked out from the sentence's own words -------------------------------------------------


def test_weeks_later_between_two_dates_of_the_sentence() -> None:
    note = "Flu vaccine given 02/10/2025. Next visit 16/10/2025."
    good = (
        "She had her flu vaccine on 2 October 2025 and returns on 16 October 2025, two weeks"
        " later [1]."
    )
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("two weeks", "three weeks"), note)


def test_about_a_day_s_total_rounded_as_written() -> None:
    note = "Sodium valproate 666 mg TDS."
    good = "He takes sodium valproate 666 mg three times a day, about 2 g a day [1]."
    assert kinds(good, note) == []
    # Not rounded so without "about", and not far from the product with it.
    assert "unverified_number" in kinds(good.replace("about 2 g", "2 g"), note)
    assert "unverified_number" in kinds(good.replace("about 2 g", "about 3 g"), note)


def test_the_other_days_of_a_week() -> None:
    note = "Warfarin 3 mg Tue and Sat, 2 mg other days (weekly 16 mg)."
    good = "She takes warfarin 3 mg on Tuesdays and Saturdays and 2 mg on the other five days [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("five days", "six days"), note)


def test_a_gain_named_after_a_trend_is_no_second_value() -> None:
    note = "Weight 61.0 kg (03/2025); 64.5 kg (09/2025)."
    good = (
        "Her weight rose from 61.0 kg in March 2025 to 64.5 kg in September 2025, a gain of"
        " 3.5 kg [1]."
    )
    assert kinds(good, note) == []
    assert kinds(good.replace("3.5 kg [1]", "4.5 kg [1]"), note)


def test_an_fio2_fraction_written_as_a_percentage() -> None:
    note = "On BiPAP, FiO2 0.35. RR 24."
    good = "She is on BiPAP with an FiO2 of 35% [1]."
    assert kinds(good, note) == []
    assert "unverified_number" in kinds(good.replace("35%", "40%"), note)


def test_a_denial_of_an_active_state_against_another_kind_of_it() -> None:
    note = "No active bleeding today. Menorrhagia: mefenamic acid 500 mg TDS during menses."
    good = "She takes mefenamic acid during her periods for heavy menstrual bleeding [1]."
    assert kinds(good, note) == []
    assert "negation_conflict" in kinds("She has active bleeding [1].", note)
