"""ConText-style assertion checks (issue 14): what a sentence asserts about a concept must match
what the cited passage asserts about it."""

from __future__ import annotations

import pytest

from medlocal.rag.assertion_mismatches import compare
from medlocal.rag.assertions import mentions
from medlocal.rag.grounding import ground


def dims(sentence: str, passage: str) -> list[tuple[str, str]]:
    return [(m.dimension, m.mention.key) for m in compare(sentence, passage)]


@pytest.mark.parametrize(
    ("sentence", "passage", "dimension"),
    [
        (
            "CT showed a pulmonary embolism.",
            "There is no evidence of pulmonary embolism.",
            "negation",
        ),
        ("She reports suicidal ideation.", "She denies suicidal ideation.", "negation"),
        (
            "Blood cultures grew bacteria; he had bacteremia.",
            "There was no bacteremia.",
            "negation",
        ),
        ("The pain has not resolved.", "Chest pain resolved.", "negation"),
        ("A right tympanoplasty was done.", "Procedure: left tympanoplasty.", "laterality"),
        ("MRI of the left knee: ACL tear.", "MRI of the right knee: ACL tear.", "laterality"),
        ("DVT of the left leg.", "History of deep vein thrombosis of the right leg.", "laterality"),
        ("He has lung cancer.", "His father died of lung cancer.", "experiencer"),
        ("His son has hip pain.", "He now presents with hip pain.", "experiencer"),
        ("He presented with active GI bleeding.", "Remote history of GI bleeding.", "historical"),
        ("She has an acute gout flare.", "She had gout in 2018.", "historical"),
        (
            "Levetiracetam was started.",
            "If seizures recur, levetiracetam will be started.",
            "hypothetical",
        ),
    ],
)
def test_a_contradicted_assertion_is_found(sentence: str, passage: str, dimension: str) -> None:
    assert dimension in [d for d, _ in dims(sentence, passage)]


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("CT showed no pulmonary embolism.", "There is no evidence of pulmonary embolism."),
        ("He has no chest pain or dyspnea.", "He denies chest pain or dyspnea."),
        # A pseudo-trigger negates nothing.
        ("There is a small effusion.", "No change in the small effusion."),
        # The test a negation runs over is not itself negated.
        ("The mammogram showed no recurrence.", "No evidence of recurrence on the mammogram."),
        ("Left-sided pleural effusion.", "Small left pleural effusion."),
        ("His brother had a myocardial infarction.", "His brother had a myocardial infarction."),
        ("He had a DVT in 2017.", "History of DVT in 2017."),
        # A word used both ways in the passage gives no verdict.
        ("He has diabetes.", "Type 2 diabetes. Her mother has diabetes."),
        # "but" ends a negation's scope.
        ("There is an effusion.", "No fracture, but an effusion is present."),
    ],
)
def test_agreeing_assertions_raise_nothing(sentence: str, passage: str) -> None:
    assert dims(sentence, passage) == []


def test_type_1_and_type_2_diabetes_are_different_concepts() -> None:
    passage = "Type 2 diabetes diagnosed in 2009. Her mother has type 1 diabetes."
    assert ("experiencer", "1 diabetes") in dims("She has type 1 diabetes.", passage)


def test_mention_offsets_point_into_the_text() -> None:
    text = "Intro. She denies chest pain."
    found = {m.key: m for m in mentions(text)}
    m = found["pain"]
    assert text[m.start : m.end] == "pain"
    assert m.assertion.negated


def test_grounding_flags_say_why_quote_the_passage_and_keep_offsets() -> None:
    passages = {1: "CT angiogram 11/02/2021. There is no evidence of pulmonary embolism."}
    answer = "The scan is done [1]. The CT angiogram showed a pulmonary embolism [1]."
    result = ground(answer, passages)
    flag = next(f for f in result.flags if f.kind == "negation_conflict")
    assert flag.sentence == 1
    assert result.text[flag.token_start : flag.token_end].lower().startswith("pulmonary")
    assert result.text[flag.start : flag.end].startswith("The CT angiogram")
    assert flag.quote == "There is no evidence of pulmonary embolism."
    assert flag.passage == 1
    assert (
        "reports it as negative or absent" in flag.message
        and "no evidence of pulmonary embolism" in flag.message
    )


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ("Radiation was given to the right breast [1].", "laterality_conflict"),
        ("Her sister was diagnosed with ovarian cancer [1].", None),
        ("She was diagnosed with ovarian cancer [1].", "experiencer_conflict"),
        ("The mammogram showed recurrence [1].", "negation_conflict"),
    ],
)
def test_assertion_flag_kinds(answer: str, kind: str | None) -> None:
    passage = (
        "Whole breast radiation to the left breast. No evidence of recurrence on the mammogram."
        " Her sister was diagnosed with ovarian cancer at 45."
    )
    kinds = {f.kind for f in ground(answer, {1: passage}).flags}
    if kind is None:
        assert not kinds & {"experiencer_conflict"}
    else:
        assert kind in kinds


# -- negation scope and whole-token terms (new-user walkthrough) -----------------------------

ALLERGY_PASSAGE = (
    "Allergies: penicillin (rash). Intolerant of amoxicillin (no tolerance for amoxicillin)."
    " HbA1c 58 mmol/mol."
)


def test_negation_scope_ends_at_the_comma_that_opens_the_next_list_item() -> None:
    sentence = "Allergic to penicillin [1], no tolerance for amoxicillin [1], HbA1C 58 [1]."
    assert dims(sentence, ALLERGY_PASSAGE) == []
    flags = ground(sentence, {1: ALLERGY_PASSAGE}).flags
    assert not [f for f in flags if f.kind == "negation_conflict"]


def test_denies_one_finding_reports_another() -> None:
    found = {m.key: m.assertion.negated for m in mentions("Denies chest pain, reports dyspnoea.")}
    assert found["pain"] is True and found["dyspnoea"] is False
    # ... so a passage giving dyspnoea as present agrees, and one ruling it out disagrees.
    assert dims("Denies chest pain, reports dyspnoea.", "Dyspnoea on exertion.") == []
    assert ("negation", "dyspnoea") in dims("Denies chest pain, reports dyspnoea.", "No dyspnoea.")


@pytest.mark.parametrize(
    ("sentence", "negated", "affirmed"),
    [
        # A negated list keeps its negation across commas and a final "or"/"and".
        (
            "He denies fever, chills, night sweats, or weight loss.",
            ["fever", "chill", "sweat", "loss"],
            [],
        ),
        ("No fever, cough 3 days.", ["fever"], ["cough"]),
        ("No rash; wheeze present.", ["rash"], ["wheeze"]),
        ("No fever, she has a cough.", ["fever"], ["cough"]),
        ("No effusion but consolidation.", ["effusion"], ["consolidation"]),
        ("No fever, history of asthma.", ["fever"], ["asthma"]),
        # Backward triggers read the list before them, not the item with a value.
        ("SpO2 94%, fever and rigors were absent.", ["fever", "rigor"], ["spo2"]),
        # A bounded window: a long clause after the trigger is not all negated.
        (
            "No pneumothorax was seen on the radiograph taken in the department for his dyspnoea.",
            ["pneumothorax"],
            ["dyspnoea"],
        ),
    ],
)
def test_negation_scope(sentence: str, negated: list[str], affirmed: list[str]) -> None:
    found = {m.key: m.assertion.negated for m in mentions(sentence)}
    assert {k: found[k] for k in negated} == dict.fromkeys(negated, True)
    assert {k: found[k] for k in affirmed} == dict.fromkeys(affirmed, False)


def test_a_real_negation_is_still_flagged() -> None:
    assert ("negation", "fever") in dims("No fever.", "Fever 38.9 on admission.")
    assert ("negation", "fever") in dims("She had no fever [1].", "Fever 38.9 on admission.")
    flags = ground("Allergic to penicillin, no fever [1].", {1: "Temperature: fever 38.9."}).flags
    assert [f.token for f in flags if f.kind == "negation_conflict"] == ["fever"]


@pytest.mark.parametrize(
    ("text", "term", "key"),
    [
        ("HbA1c 58 mmol/mol.", "HbA1c", "hba1c"),
        ("SpO2 94% on air.", "SpO2", "spo2"),
        ("Free T4 normal.", "T4", "t4"),
        ("CA-125 raised.", "CA-125", "ca-125"),
        ("eGFR 45.", "eGFR", "egfr"),
        ("Na+ 131.", "Na+", "na"),
    ],
)
def test_terms_with_digits_and_signs_are_whole_tokens(text: str, term: str, key: str) -> None:
    found = {m.key: m for m in mentions(text)}
    assert key in found
    assert text[found[key].start : found[key].end] == term


def test_a_term_matches_its_passage_whatever_the_case() -> None:
    (mismatch,) = compare("HbA1C was not measured.", "HbA1c 58 mmol/mol.")
    assert mismatch.dimension == "negation" and mismatch.mention.key == "hba1c"
    assert "'HbA1C'" in mismatch.message
    flags = ground("HbA1C was not measured [1].", {1: "HbA1c 58 mmol/mol."}).flags
    assert [f.token for f in flags if f.kind == "negation_conflict"] == ["HbA1C"]


# -- the window counts what is denied, not every small word (review) -------------------------


def test_a_list_joined_by_or_stays_negated_to_its_last_item() -> None:
    passage = "Patient denies chest pain or shortness of breath or palpitations."
    found = {m.key: m.assertion.negated for m in mentions(passage)}
    assert found["pain"] and found["breath"] and found["palpitation"]
    assert ("negation", "palpitation") in dims("The patient reports palpitations.", passage)
    flags = ground("The patient reports palpitations [1].", {1: passage}).flags
    assert [f.token for f in flags if f.kind == "negation_conflict"] == ["palpitations"]


def test_nor_opens_the_next_negated_item() -> None:
    found = {
        m.key: m.assertion.negated for m in mentions("Neither fever nor night sweats nor rigors.")
    }
    assert found["sweat"] is True and found["rigor"] is True


def test_a_long_negated_phrase_counts_its_findings_not_its_small_words() -> None:
    sentence = "No pain in the left lower quadrant of the abdomen radiating to the back."
    found = {m.key: m.assertion.negated for m in mentions(sentence)}
    assert {k: found[k] for k in ("pain", "abdomen", "radiating", "back")} == dict.fromkeys(
        ("pain", "abdomen", "radiating", "back"), True
    )
    # The scope reaches "back", but eight words from its "No" the reading is no plain one: no
    # conflict is reported on it (round 6 of the precision audit); the pain right after is.
    assert ("negation", "back") not in dims(sentence, "Tenderness over the back.")
    assert ("negation", "pain") in dims(sentence, "She reports pain.")


def test_the_comma_and_clause_rules_still_hold_beside_or() -> None:
    sentence = "Allergic to penicillin, no tolerance for amoxicillin, HbA1C 58."
    assert dims(sentence, ALLERGY_PASSAGE) == []
    found = {m.key: m.assertion.negated for m in mentions("Denies chest pain, reports dyspnoea.")}
    assert found["pain"] is True and found["dyspnoea"] is False
    found = {m.key: m.assertion.negated for m in mentions("No cough or wheeze, she has a rash.")}
    assert found["cough"] and found["wheeze"] and found["rash"] is False


@pytest.mark.parametrize(
    ("sentence", "passage", "said"),
    [
        # Walk 26: the summary's "positive" was read as negated by an earlier "no", the passage's
        # bare "negative" as present, and the flag told the reader the passage confirms it.
        (
            "No ferritin result and Phalen's test result was positive [1].",
            "Phalen's test negative; Tinel's sign negative at right wrist.",
            "reports it as negative or absent",
        ),
        (
            "Phalen's test was negative [1].",
            "Phalen's test positive at the right wrist.",
            "reports it as present",
        ),
    ],
)
def test_a_negation_flag_states_the_passage_polarity(
    sentence: str, passage: str, said: str
) -> None:
    result = ground(sentence, {1: passage})
    flags = [f for f in result.flags if f.kind == "negation_conflict"]
    assert len(flags) == 1 and "phalen" in flags[0].message.lower()
    assert said in flags[0].message


def test_the_family_name_a_relative_shares_is_not_the_relative() -> None:
    # Walk 26: the patient's own surname was flagged as concerning her daughter.
    passage = "Her daughter Rosalind Thornbury (0412 558 903) drives her to appointments."
    for sentence in (
        "Bisoprolol was given to Margaret Thornbury [1].",
        "Thornbury attends with transport arranged [1].",
    ):
        flags = ground(sentence, {1: passage}).flags
        assert not [f for f in flags if f.kind == "experiencer_conflict"], sentence
    flags = ground("Bisoprolol was given to Rosalind [1].", {1: passage}).flags
    conflicts = [f for f in flags if f.kind == "experiencer_conflict"]
    assert conflicts and "'Rosalind'" in conflicts[0].message and "daughter" in conflicts[0].message


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        # Walk 27: every word of a sentence that names a relative was read as the relative's.
        (
            "The patient, Anahera Whitlock, lives with her daughter [1].",
            "Her daughter Mere Whitlock is next of kin. Anahera Whitlock has COPD.",
        ),
        # The passage's "(daughter)" after the name is not read; the sentence's "her daughter"
        # is: the name is who is spoken of, not a finding the passage gives another owner.
        (
            "Mere Whitlock, her daughter, is next of kin [1].",
            "Anahera Whitlock has COPD. Next of kin: Mere Whitlock (daughter).",
        ),
        ("Her husband Tama is her carer [1].", "She lives with her husband Tama, her carer."),
    ],
)
def test_a_persons_name_is_no_finding_of_the_wrong_person(sentence: str, passage: str) -> None:
    flags = ground(sentence, {1: passage}).flags
    assert not [f for f in flags if f.kind == "experiencer_conflict"], flags


@pytest.mark.parametrize(
    ("sentence", "passage", "concept"),
    [
        # A title-case finding is no person's name: its owner is still checked both ways.
        ("She has Heart Failure [1].", "Family history: her mother had Heart Failure.", "Heart"),
        ("Her daughter has Parkinson Disease [1].", "Mrs Whitlock has Parkinson Disease.", "Park"),
        ("Her mother had breast cancer [1].", "She has breast cancer.", "breast"),
    ],
)
def test_a_title_case_finding_keeps_its_owner_check(
    sentence: str, passage: str, concept: str
) -> None:
    flags = ground(sentence, {1: passage}).flags
    conflicts = [f for f in flags if f.kind == "experiencer_conflict"]
    assert conflicts and concept in conflicts[0].message


# --- round 3 of the precision audit (heldout2 as development data) ---------------------------


def test_free_before_what_it_qualifies_denies_nothing_before_it() -> None:
    passage = "CT abdomen: thickened terminal ileum, no free air."
    assert dims("CT showed a thickened terminal ileum with no free air.", passage) == []
    assert ("negation", "free air") in dims("CT showed free air.", passage)
    # Still a denial after what it frees: "pain free" says there is no pain.
    assert ("negation", "pain") in dims("She has pain.", "She is now pain free.")


def test_no_further_denies_what_follows_and_further_is_no_concept() -> None:
    passage = "No further antibiotics required as non-perforated."
    assert dims("She did not need further antibiotics.", passage) == []
    assert ("negation", "antibiotic") in dims("She needs further antibiotics.", passage)


def test_did_not_with_a_verb_after_it_does_not_deny_the_subject() -> None:
    passage = "Cardiology: no intervention; for medical management."
    assert dims("Cardiology did not recommend an intervention.", passage) == []
    assert ("negation", "intervention") in dims("Cardiology recommended an intervention.", passage)
    # Ending its clause, "did not" still denies back: "the rash did not" (recur).
    assert any(m.assertion.negated for m in mentions("Fever did not.") if m.key == "fever")


def test_a_label_given_a_denial_is_denied() -> None:
    for value in ("NKDA", "nil known", "none"):
        passage = f"Allergies: {value}. Home meds: lisinopril 20 mg daily."
        assert dims("He has no known drug allergies.", passage) == [], value
        assert ("negation", "allergy") in dims("He has drug allergies.", passage), value


def test_a_denial_of_earlier_ones_agrees_with_a_first_one() -> None:
    passage = "Immunisations up to date. No previous admissions."
    assert dims("This was his first admission.", passage) == []
    flagged = dims("He has had previous admissions.", passage)
    assert ("negation", "previou admission") in flagged


def test_a_past_course_is_no_claim_that_a_stopped_drug_is_still_taken() -> None:
    passage = "Piperacillin-tazobactam discontinued 01/10 once cultures back."
    assert dims("She tolerated piperacillin-tazobactam despite a rash as a child.", passage) == []
    assert ("stopped", "piperacillin-tazobactam") in dims(
        "She remains on piperacillin-tazobactam.", passage
    )


def test_a_relative_reaches_over_a_bracketed_aside() -> None:
    passage = "Older brother (aged 12) has eczema. Immunisations up to date."
    assert ("experiencer", "eczema") in dims("He has eczema.", passage)
    assert dims("His older brother has eczema.", passage) == []


def test_deferred_booked_and_queried_treatments_are_not_yet_given() -> None:
    deferred = "Clopidogrel deferred to cardiology. Aspirin 300 mg given."
    assert ("hypothetical", "clopidogrel") in dims("He was loaded with clopidogrel.", deferred)
    assert dims("Clopidogrel was deferred to cardiology.", deferred) == []
    booked = "Booked for anatomy scan at 20 weeks."
    assert ("hypothetical", "anatomy scan") in dims("Her anatomy scan was normal.", booked)
    assert dims("She is booked for an anatomy scan at 20 weeks.", booked) == []
    queried = "Restart anticoagulation in 4 weeks after review (?switch to edoxaban)."
    assert ("hypothetical", "edoxaban") in dims("He was switched to edoxaban.", queried)
    assert dims("A switch to edoxaban may be considered at review.", queried) == []


def test_a_month_is_no_finding_the_passage_could_deny() -> None:
    # Walk 28: "negation conflict: 'October'" where the passage said "Not seen in October".
    passage = "Not seen in October. Started apixaban 5 mg BD in November."
    flags = ground("She was reviewed in October and started apixaban [1].", {1: passage}).flags
    assert not [f for f in flags if f.kind == "negation_conflict"]
    # What is denied is still compared.
    flags = ground("She was not seen in clinic [1].", {1: "Seen in clinic in October."}).flags
    assert [f for f in flags if f.kind == "negation_conflict"]


# --- round 4 of the precision audit (heldout3): where a negation's scope ends -----------------


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        # A denial after a finding reaches back no further than a finding with its own result.
        ("The tumour is ER and PR positive and HER2 negative.", "ER+ PR+ HER2-negative."),
        ("Influenza A was positive and RSV negative.", "Flu A PCR detected; RSV not detected."),
        # "declined" as a fall, not a refusal.
        ("Her haemoglobin declined from 128 to 97 g/L.", "Hb 128 -> 97 g/L."),
        ("His weight has declined by 6 kg since March.", "Weight 82 kg (March) -> 76 kg."),
        ("The platelet count declined to 88.", "Plt 88 today, falling."),
        # A past finite verb after "and" opens a new clause the denial does not reach.
        ("He denied chest pain and described a tearing back pain.", "C/o tearing back pain."),
        ("She denies fever and underwent a CT scan of the abdomen.", "CT abdomen: appendicitis."),
        # Verbs of observing are no findings.
        ("Observations were stable overnight.", "No new deficits observed."),
        ("A hernia was documented by the GP.", "Nothing else documented."),
        # An act not done, written after it without "was".
        ("A lumbar puncture was not performed.", "LP not performed (on apixaban)."),
        ("Blood cultures were not sent.", "Cultures not sent."),
        # What a person was not is no denial of the person.
        ("Her GP was not aware of the change.", "Dose changed by the hospital (GP not aware)."),
        ("The consultant was not available.", "Consultant on call."),
        # A body-system heading is no finding.
        ("She has not needed renal replacement therapy.", "Renal: UO 1 mL/kg/h. No RRT."),
        ("There was no liver lesion.", "Liver: normal size, no focal lesion."),
    ],
)
def test_round4_good_sentences_have_no_negation_mismatch(sentence: str, passage: str) -> None:
    assert [d for d in dims(sentence, passage) if d[0] == "negation"] == []


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("The tumour is HER2 positive.", "ER positive, PR positive, HER2 negative."),
        ("She declined the influenza vaccine.", "Influenza vaccine given today."),
        ("He denied palpitations and complained of dizziness.", "Palpitations; no dizziness."),
        ("A lumbar puncture was performed.", "LP not performed (on apixaban)."),
        ("She reported fever.", "Denies fever; reports cough."),
    ],
)
def test_round4_bad_counterparts_are_still_flagged(sentence: str, passage: str) -> None:
    assert [d for d in dims(sentence, passage) if d[0] == "negation"] != []


def test_stops_written_without_was_and_lists_headed_not_taking() -> None:
    # "held"/"withheld" after the drug, and "Not taking:" heading a list, stop it.
    assert dims("Metformin was held because of the AKI.", "AKI - metformin held.") == []
    assert dims("Metformin is continued.", "AKI - metformin held.") != []
    listed = "Current: ramipril 5 mg. Not taking: simvastatin 20 mg (stopped by patient)."
    assert dims("He stopped simvastatin himself.", listed) == []
    assert dims("He continues to take simvastatin 20 mg.", listed) != []
    # A backward stop reaches the drugs it names, not a drug the clause before speaks of.
    passage = "Rifampicin induces tacrolimus - tacrolimus 2 mg BD was withheld overnight."
    assert dims("He continues on rifampicin.", passage) == []
    assert dims("Rifampicin was withheld overnight.", passage) != []
    # Two drugs stopped together are both stopped.
    both = "Aspirin 75 mg and clopidogrel 75 mg were withheld before surgery."
    assert dims("Clopidogrel was withheld before surgery.", both) == []
    assert dims("Aspirin was continued before surgery.", both) != []
    # A reversed anticoagulant is no claim that it is still taken.
    reversed_ = "Apixaban held; andexanet given."
    assert dims("Her apixaban was reversed with andexanet.", reversed_) == []


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("His mother reports that he wakes with cough most nights.", "Cough most nights."),
        ("Her husband says she has become more confused.", "Increasing confusion over 2 weeks."),
        ("According to his wife he snores loudly.", "Loud snoring (per wife)."),
        ("Per her son, she has stopped eating.", "Poor oral intake."),
    ],
)
def test_a_relative_who_reports_is_not_whom_the_report_concerns(
    sentence: str, passage: str
) -> None:
    assert [d for d in dims(sentence, passage) if d[0] == "experiencer"] == []


def test_a_relative_with_the_condition_is_still_a_relative() -> None:
    assert dims("His mother has asthma.", "He has asthma.") != []
    assert dims("He has breast cancer.", "FHx: mother reported breast cancer at 45.") != []
    # Outside a family history, a relative who reports gives collateral about the patient.
    assert dims("Per his wife, he has night sweats.", "Wife reports night sweats.") == []


def test_a_plan_item_with_its_condition_after_it_is_a_plan() -> None:
    plan = "Plan: SBT if noradrenaline off; continue feeds."
    assert [d for d, _ in dims("She passed a spontaneous breathing trial.", plan)] == [
        "hypothetical"
    ]
    assert dims("A breathing trial is planned if noradrenaline is off.", plan) == []
    # An item with no condition stays what it is.
    assert dims("Feeds were continued.", plan) == []
    # Shorthand the generated list lacks is the same concept both ways.
    assert dims("He had no spontaneous breathing trial.", "Passed SBT at 10:00.") != []


def test_a_verb_with_a_doubled_consonant_is_its_base_word() -> None:
    # "referred" ~ "refer", "admitted" ~ "admit": a plan stated as done is flagged.
    assert [d for d, _ in dims("She was referred to cardiology.", "If troponin rises, refer.")] == [
        "hypothetical"
    ]
    assert [d for d, _ in dims("He has been admitted.", "If SpO2 < 92%, admit.")] == [
        "hypothetical"
    ]
    # Said as the plan it is: no flag.
    assert dims("She will be referred if her troponin rises.", "If troponin rises, refer.") == []
    # Base words that end doubled stay whole: "passed" is "pass", not "pas".
    assert dims("He passed a stone.", "Passed stone yesterday.") == []


def test_a_stopped_drug_agrees_with_a_passage_that_says_it_is_not_taken() -> None:
    prose = "She is not taking rosuvastatin (stopped in May, myalgia)."
    assert dims("She stopped rosuvastatin in May.", prose) == []
    assert dims("She still takes rosuvastatin.", prose) != []


# --- Round 5 (heldout4's causes, tested in wordings of their own) -------------------------------


def test_a_stop_reaches_only_the_drugs_it_names() -> None:
    plan = "Plan: stop ramipril and start losartan 50 mg daily; reduce bisoprolol."
    assert dims("She is to stop ramipril and start losartan 50 mg daily.", plan) == []
    assert dims("She will stop ramipril and take losartan 50 mg daily.", plan) == []
    assert dims("The plan was to stop ramipril and lower her bisoprolol.", plan) == []
    # Two drugs stopped together stay stopped; one given as going on is still flagged.
    both = "Stop aspirin and clopidogrel before surgery."
    # Round 6: past "and" a forward stop's reach is no plain reading ("as no edema and
    # orthostatic"), so only the drug right after it is compared.
    assert dims("She continues on clopidogrel.", both) == []
    assert dims("She continues on aspirin.", both) != []
    assert dims("She continues on ramipril.", plan) != []


def test_a_label_given_an_absent_result_is_denied() -> None:
    report = "Lymphovascular invasion: absent. Perineural invasion: not identified."
    assert dims("There was no lymphovascular invasion.", report) == []
    assert dims("Perineural invasion was not seen.", report) == []
    assert dims("There was lymphovascular invasion.", report) != []
    assert dims("Perineural invasion was present.", report) != []


def test_a_result_carried_by_as_was_is_the_later_items_too() -> None:
    passage = "Hepatitis serology negative. Coeliac screen negative."
    sentence = "Her hepatitis serology was negative, as was her coeliac screen."
    assert dims(sentence, passage) == []
    assert dims(sentence, "Hepatitis serology negative. Coeliac screen positive.") != []
    # A positive before the comma carries no denial.
    positives = "ANA positive. Anti-dsDNA positive."
    assert dims("The ANA was positive, as was the anti-dsDNA.", positives) == []


def test_a_spaced_dash_ends_a_forward_denial_but_not_a_backward_one() -> None:
    note = "No DNACPR in place - ceiling of care discussed with family."
    assert dims("A ceiling of care was discussed with his family.", note) == []
    assert dims("Syphilis serology was negative.", "Syphilis serology - negative.") == []
    assert dims("Syphilis serology was positive.", "Syphilis serology - negative.") != []


def test_a_result_with_where_it_was_taken_after_it_reaches_the_place() -> None:
    results = (
        "Trichomonas NAAT positive vaginal; negative at the throat. HSV PCR negative at all sites."
    )
    sentence = "Trichomonas was found on the vaginal swab but was negative on the throat swab."
    assert dims(sentence, results) == []
    assert dims("Herpes simplex was not found at any site.", results) == []
    assert dims("HSV was detected on the lip swab.", results) != []


def test_a_backward_denial_reaches_over_a_bracketed_aside() -> None:
    passage = "Hepatitis B (surface antigen) negative. Toxoplasma (IgG) positive."
    assert dims("Her hepatitis B test was negative.", passage) == []
    assert dims("She has hepatitis B.", passage) != []
    assert dims("Her toxoplasma serology was positive.", passage) == []


def test_a_denial_ends_at_its_duration_or_what_it_lasts_until() -> None:
    advice = "Advised no driving for 6 months after the seizure and until reviewed in clinic."
    assert dims("He must avoid driving for six months after the seizure.", advice) == []
    advice2 = "No alcohol for 48 hours after metronidazole."
    assert dims("She was told to avoid alcohol for 48 hours after metronidazole.", advice2) == []
    # What is denied is still denied.
    assert dims("He continues driving to work.", advice) != []


def test_an_item_with_a_value_of_its_own_ends_a_forward_denial() -> None:
    exam = "No clubbing, MRC dyspnoea scale 3."
    assert dims("There was no clubbing and an MRC dyspnoea scale of 3.", exam) == []
    liver = "No ascites. Child-Pugh 7."
    assert dims("She has no ascites and a Child-Pugh score of 7.", liver) == []
    # A denied list with no value stays denied throughout, and so does one with how long.
    assert dims("He has no clubbing and no cyanosis.", "Clubbing present. No cyanosis.") != []
    nausea = "Denies nausea and vomiting x 3 days."
    assert dims("He denies nausea and vomiting.", nausea) == []
    # Round 6: the item right after the cue is plainly denied, the one past "and" is not.
    assert dims("He has been vomiting.", "Denies nausea and vomiting for 3 days.") == []
    assert dims("He has had nausea.", "Denies nausea and vomiting for 3 days.") != []


def test_a_staged_or_graded_item_is_not_denied() -> None:
    report = "No necrosis. Graded G2. Staged pT2N0."
    assert dims("There was no necrosis, graded G2 and staged pT2N0.", report) == []
    assert dims("There was necrosis.", report) != []


def test_the_word_for_a_test_is_not_what_it_found() -> None:
    passage = "HIV and hepatitis C tests negative. Repeat test booked in 3 months."
    assert dims("His HIV and hepatitis C tests were negative.", passage) == []
    assert dims("He has hepatitis C.", passage) != []


def test_a_condition_that_something_goes_on_says_it_is_there_now() -> None:
    plan = "Consider methotrexate if synovitis persists."
    assert dims("She has active synovitis.", plan) == []
    assert dims("She has started methotrexate.", plan) != []  # the treatment is still a plan
    assert dims("He has a rash.", "If a rash develops, stop lamotrigine.") != []


def test_advice_is_not_what_was_done() -> None:
    warning = "If jaundice or dark urine, stop rifampicin and attend for LFTs."
    advised = "He was advised to stop rifampicin and have LFTs if he develops jaundice."
    assert dims(advised, warning) == []
    assert [d for d, _ in dims("He stopped rifampicin and had LFTs.", warning)] != []


def test_words_of_a_pregnancy_concern_mother_and_baby_both() -> None:
    note = "Antenatal: magnesium sulfate for neuroprotection. Intrapartum antibiotics x2 doses."
    assert dims("Her mother received antenatal magnesium sulfate.", note) == []
    assert dims("His mother had intrapartum antibiotics.", note) == []
    # Any other finding of the mother's given to the baby is still a different person's.
    assert dims("She has diabetes.", "Mother has type 2 diabetes.") != []


def test_a_spine_level_letter_is_no_side() -> None:
    report = "MRI C-spine: C5-C6 disc protrusion compressing the right C6 root."
    assert dims("MRI showed a disc protrusion compressing the right C6 root.", report) == []
    lumbar = "MRI L-spine: right L4 pars defect."
    assert dims("There is a right L4 pars defect.", lumbar) == []
    assert dims("There is a left L4 pars defect.", lumbar) != []
    sided = dims("She has left-sided weakness.", "R-sided weakness.")
    assert [d for d, _ in sided] == ["laterality"]


def test_what_is_to_be_avoided_is_denied_either_way_round() -> None:
    advice = "Avoid NSAIDs - CKD 3b."
    assert dims("NSAIDs were avoided because of his kidney function.", advice) == []
    assert dims("NSAIDs are to be avoided.", advice) == []
    assert dims("He should avoid NSAIDs.", advice) == []
    assert dims("He takes NSAIDs daily.", advice) != []


def test_not_yet_is_a_denial_and_yet_no_but() -> None:
    passage = "Catheter not yet removed. Drain still in situ."
    assert dims("The catheter has not yet been removed.", passage) == []
    assert dims("The catheter was removed.", passage) != []
    # "yet" as "but" still ends a scope: "no pain, yet she is anxious".
    assert dims("She has no pain yet remains anxious.", "Anxious. No pain.") == []


def test_a_shorthand_that_is_a_denial_denies_what_did_not_happen() -> None:
    note = "BNO 5 days. Abdomen soft."
    assert dims("His bowels have not opened for five days.", note) == []
    assert [d for d, _ in dims("He opened his bowels this morning.", note)] == ["negation"]


# Round 6 of the precision audit: a conflict is reported only between plain readings.


def test_an_affirmation_beside_a_cue_of_denial_is_no_plain_reading() -> None:
    offered = "Shingles vaccine offered, declined."
    assert dims("She declined the shingles vaccine.", offered) == []
    # The same denial against a plain affirmation is still a conflict.
    given = "Shingles vaccine given today."
    assert [d for d, _ in dims("She declined the shingles vaccine.", given)] == ["negation"]
    # A count of none and a negative prefix are cues too.
    assert dims("She has had no falls this year.", "Falls this year: 0.") == []
    assert dims("Her ankle was non-tender.", "No erythema, ankle swollen and non-tender.") == []


def test_a_denial_far_from_its_finding_is_no_plain_reading() -> None:
    note = "Discussed with haematology: anticoagulation not needed."
    assert dims("Haematology advised that anticoagulation was not needed.", note) == []
    # The denial right after the finding is plain: what contradicts it is still flagged.
    flagged = dims("She was started on anticoagulation.", note)
    assert [d for d, _ in flagged] == ["negation"]
    # A denial distributes over "or" ("no A or B"), not over a new item after "and".
    assert [d for d, _ in dims("There was swelling.", "No erythema or swelling.")] == ["negation"]
    assert dims("The calf was tender.", "No erythema, calf soft and tender to touch.") == []


def test_a_stop_with_the_regimen_between_is_still_plain() -> None:
    stopped = "Sertraline 100 mg od was tapered off over 4 weeks."
    assert [d for d, _ in dims("She still takes sertraline.", stopped)] == ["stopped"]
    labelled = "Not taking: simvastatin 20 mg - stopped by patient."
    assert dims("He continues simvastatin.", labelled) != []


def test_a_relative_anywhere_in_the_sentence_leaves_the_patient_reading_unsure() -> None:
    # The sentence names the relative, the passage's reading of "metformin" is the father's.
    note = "Father 58 yrs, diabetic on metformin."
    assert dims("His father, who is 58, takes metformin for diabetes.", note) == []
    # The passage names the relative; its label's colon cut the relative's reach.
    child = "Daughter (9 y): sweat test normal, on vitamin D supplements."
    assert dims("Her nine-year-old daughter takes vitamin D supplements.", child) == []
    # A relative named far after what the sentence gives the patient.
    alone = "She was fully independent before admission."
    assert (
        dims("She was fully independent and cared for her husband, who has dementia.", alone) == []
    )


def test_a_relative_right_before_their_condition_is_still_a_plain_reading() -> None:
    assert [d for d, _ in dims("He has glaucoma.", "FHx: mother - glaucoma.")] == ["experiencer"]
    older = "Older brother (10 years) has eczema."
    assert [d for d, _ in dims("He has eczema.", older)] == ["experiencer"]
    # Far from the relative ("brother had prolonged paralysis after GA ?suxamethonium
    # apnoea"), the word is not plainly theirs.
    far = "FHx: brother had a long stay in intensive care after surgery for a hernia."
    assert dims("He had a hernia repaired.", far) == []


# -- review 31: "for a", advice to go on, an instruction after "and" ----------------------------


@pytest.mark.parametrize(
    ("sentence", "passage"),
    [
        ("She received a blood transfusion [1].", "No need for a blood transfusion."),
        ("She had a CT head [1].", "No indication for a CT head."),
        ("She had the surgery [1].", "Not a candidate for the surgery."),
    ],
)
def test_for_a_thing_is_no_length_and_the_denial_reaches_it(sentence: str, passage: str) -> None:
    assert [d for d, _ in dims(sentence, passage)] == ["negation"]


@pytest.mark.parametrize(
    "passage",
    ["No fever for 3 days, then cough.", "No fever for a week.", "No fever for the next 2 days."],
)
def test_a_length_after_a_denial_still_bounds_it(passage: str) -> None:
    assert [d for d, _ in dims("She has had fever [1].", passage)] == ["negation"]
    assert dims("She has a cough [1].", "No fever for 3 days, then cough.") == []


def test_advice_to_go_on_with_a_drug_says_it_is_taken() -> None:
    for advice in ("Advised to continue aspirin 75 mg daily.", "Told to keep taking aspirin."):
        assert dims("She takes aspirin [1].", advice) == []
    # Advice to stop, or to start when something happens, is still no fact: not of the stop
    # (review 43b R2: the drug to be stopped is taken, so "She takes warfarin" agrees).
    stop = "Advised to stop warfarin if bleeding."
    assert [d for d, _ in dims("Her warfarin was stopped [1].", stop)] == ["hypothetical"]
    assert dims("She takes warfarin [1].", stop) == []


def test_an_instruction_after_and_is_a_clause_of_its_own() -> None:
    passage = "Avoid NSAIDs and continue aspirin 75 mg daily."
    assert dims("She takes aspirin [1].", passage) == []
    assert [d for d, _ in dims("She takes NSAIDs [1].", passage)] == ["negation"]


def test_a_drug_kept_on_hold_by_a_linking_verb_is_stopped() -> None:
    # fix41c (walk41b N3): "remains" / "has been" / "is currently" before the stop cut its reach.
    for passage in (
        "- Ramipril remains on hold",
        "Ramipril has been on hold since the AKI.",
        "Ramipril is currently withheld.",
        "Ramipril continues to be held.",
        "Ramipril 5 mg stays suspended.",
    ):
        assert dims("Yes, she is still taking ramipril.", passage) == [("stopped", "ramipril")]
    # Only the drug the stop's clause names: the ramipril goes on.
    both = "Ramipril is continued and apixaban is on hold."
    assert dims("She is taking ramipril.", both) == []
    assert dims("She is taking apixaban.", both) == [("stopped", "apixaban")]


def test_hold_in_its_everyday_senses_stops_no_drug() -> None:
    for passage in (
        "Hold parameters for ramipril: SBP < 100.",
        "Ramipril 5 mg daily, hold parameters: SBP < 100.",
        "She held her hand out for her ramipril.",
        "Daughter was on hold for the phone to the pharmacy about her ramipril.",
    ):
        assert dims("She is taking ramipril.", passage) == []
    # The drug as the object still is: "hold tonight's dose of warfarin".
    assert dims("She takes warfarin.", "Hold tonight's dose of warfarin.") == [
        ("stopped", "warfarin")
    ]


def test_a_drug_replaced_by_another_is_stopped_not_taken() -> None:
    # grfix42a (walk42g #2): "Linagliptin ... STARTED in place of metformin" was read as
    # metformin present, which cancelled the passage's "METFORMIN STOPPED" for "still taking".
    discharge = (
        "Medication changes:\n- METFORMIN STOPPED on 09/07/2026 because of lactic acidosis and "
        "eGFR below 30 during this\n  admission. Do not restart.\n- Linagliptin 5 mg once daily "
        "STARTED 12/07/2026 in place of metformin."
    )
    assert dims("Yes, she is still taking metformin [1].", discharge) == [("stopped", "metformin")]
    for passage in (
        "Linagliptin 5 mg once daily started in place of metformin.",
        "She now takes losartan instead of ramipril.",
        "Losartan 50 mg started, replacing ramipril.",
        "She was switched from ramipril to losartan 50 mg daily.",
        "Switched from ramipril 10 mg to losartan.",
    ):
        taken, stopped = (
            ("linagliptin", "metformin") if "metformin" in passage else ("losartan", "ramipril")
        )
        assert dims(f"She is still taking {stopped}.", passage) == [("stopped", stopped)], passage
        # The drug that took its place is taken: no flag.
        assert dims(f"She is taking {taken}.", passage) == [], passage
    # A switch planned on a condition is no stop (only a plan: the hypothetical check's).
    planned = dims("She takes ramipril.", "Switch from ramipril to losartan if she coughs.")
    assert ("stopped", "ramipril") not in planned
    # "instead of" a thing that is no drug stops nothing.
    assert dims("She takes ramipril.", "Ramipril started instead of surgery.") == []


def test_grounding_flags_a_drug_still_taken_that_a_replacement_stopped() -> None:
    discharge = (
        "- METFORMIN STOPPED on 09/07/2026 because of lactic acidosis. Do not restart.\n"
        "- Linagliptin 5 mg once daily STARTED 12/07/2026 in place of metformin."
    )
    result = ground("Yes, she is still taking metformin [1].", {1: discharge}, attach=True)
    assert "negation_conflict" in [f.kind for f in result.flags]


def test_a_drug_class_said_stopped_that_no_passage_names_is_flagged() -> None:
    # grfix42a (walk 42g #6): "She also stopped taking her SGLT2 inhibitor [5†]" (never started)
    # got only "attached citation": the stop check compares the passages' words for the same
    # thing, and the medication check reads drug names, so a class no passage names escaped.
    gp = "Current medication: Metformin MR | 1 g | twice daily. Gliclazide | 80 mg | twice daily."
    result = ground("She also stopped taking her SGLT2 inhibitor [1].", {1: gp})
    (flag,) = [f for f in result.flags if f.kind == "unverified_medication"]
    assert flag.token == "SGLT2 inhibitor"
    assert "said to be stopped" in flag.message and "dapagliflozin" in flag.message
    # A passage naming a drug of the class, or the class, backs it; a class named without a
    # stop is not read ("vitamin D" has members this list does not hold).
    for passage in ("Dapagliflozin 10 mg withheld (AKI).", "SGLT-2 inhibitors stopped."):
        flags = ground("Her SGLT2 inhibitor was stopped [1].", {1: passage}).flags
        assert "said to be stopped" not in " ".join(f.message for f in flags), passage
    assert not [
        f
        for f in ground("She takes vitamin D and a beta blocker [1].", {1: gp}).flags
        if "said to be stopped" in f.message
    ]
