"""Fourteenth round, eponyms: names used as the names of diseases, signs, tests, cells,
instruments and structures, in English and the languages of Europe, and the patient's own surname
inside such a name. Examples are invented here, not taken from the evaluation set; each rule has
a negative test that keeps a person's name a name."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.redact import PatientIdentity, Redactor


def redact(text: str, patient: str = "Jane Doe") -> str:
    redactor = Redactor(PatientIdentity(patient, "123", date(1950, 1, 1)), shift_days=40)
    return redactor.redact(text)


# The patient's surname inside an eponym.


def test_the_patients_surname_before_a_cell_or_pattern_head_is_the_eponym() -> None:
    out = redact("Smear: occasional Sezary cells; no Sezary pattern.", "Lionel Sezary")
    assert out.count("Sezary") == 2, out
    out = redact("Findings favour Kikuchi lymphadenitis, not Kikuchi lymphoma.", "Aya Kikuchi")
    assert out.count("Kikuchi") == 2, out


def test_a_hyphenated_eponym_with_the_patients_surname_is_kept() -> None:
    out = redact("Differential: Dubin-Johnson syndrome.", "Ruth Dubin")
    assert "Dubin-Johnson syndrome" in out, out


def test_the_patients_surname_after_a_head_of_another_language_is_the_eponym() -> None:
    out = redact("Pas de maladie de Pompe; signe de Pompe absent.", "Luc Pompe")
    assert out.count("Pompe") == 2, out
    out = redact("Geen ziekte van Menkes bekend.", "Sanne Menkes")
    assert "ziekte van Menkes" in out, out
    out = redact("Ausschluss eines Morbus Fabry.", "Jonas Fabry")
    assert "Morbus Fabry" in out, out
    out = redact("Sem doença de Bechterew.", "Ana Bechterew")
    assert "doença de Bechterew" in out, out


def test_the_patients_surname_naming_the_patient_is_still_removed() -> None:
    text = "Mrs Pompe attended. Pompe says she is well. Signed: Luc Pompe. Pompe cells? no."
    out = redact(text, "Luc Pompe")
    assert out.count("Pompe") == 1, out  # only inside "Pompe cells"
    out = redact("Mr Fabry disease review; Jonas Fabry consented.", "Jonas Fabry")
    assert "Fabry" not in out, out
    out = redact("Sanne Menkes, cell 0612345678, came with her son.", "Sanne Menkes")
    assert "Menkes" not in out, out


def test_an_adjective_of_the_patients_surname_with_an_accent_is_no_shortening() -> None:
    out = redact("Quadro de nefropatia bergeriana; Sr. Bergeron compareceu.", "Paulo Bergeron")
    assert "bergeriana" in out and "Bergeron" not in out, out


# Heads after the eponym in English.


def test_broader_english_heads_keep_the_eponym_before_them() -> None:
    out = redact("No Ekbom delusion; Zenker diverticulum seen; Osgood variant possible.")
    assert "Ekbom" in out and "Osgood" in out, out
    # Review 14: this read "Vincent's angina"; a given name in the possessive before what a
    # person has is the person's ("Peter's seizures"), so the eponym here is no given name.
    out = redact("Auscultated with a Traube stethoscope. Ludwig's angina treated.")
    assert "Traube" in out and "Ludwig's angina" in out, out


def test_a_given_name_before_a_broader_head_stays_a_name() -> None:
    out = redact("Sarah delusion of being watched persists.")
    assert "Sarah" not in out, out
    assert "Kessler" not in redact("Seen by Dr Kessler variant clinic.")


def test_a_bracketed_eponym_before_its_head_is_kept() -> None:
    out = redact("Hip: FADIR (Thomas's) test positive.")
    assert "Thomas" in out, out
    assert "Maria" not in redact("Borrowed a stethoscope (Maria) stethoscope today.")


def test_a_scales_eponym_before_the_scales_initials_is_kept() -> None:
    assert "Barthel" in redact("Barthel ADL 15 of 20 on admission.")
    assert "Ashworth" not in redact("Reviewed by B. Ashworth MAS today.")


def test_an_eponym_is_kept_by_its_head_not_by_its_surname_alone() -> None:
    # A list of eponyms kept wherever they stand ("Mantoux", "Wellens", "Perls") was tried and
    # dropped: every eponym is someone's surname, and the held-out check lost real people to it.
    out = redact("Giemsa stain clear; Perls stain negative for iron.")
    assert "Giemsa" in out and "Perls" in out, out
    assert "Wellens" not in redact("Seen today by Dr Wellens on the ward.")


# Heads before the eponym: other languages and English anatomy.


def test_heads_of_other_languages_keep_the_name_after_their_particle() -> None:
    out = redact("Dolore al punto di Lanz, segno di Rovighi positivo.")
    assert "Lanz" in out and "Rovighi" in out, out
    out = redact("Ectasia del conducto de Wirsung; fosa de Rosenmüller libre.")
    assert "Wirsung" in out and "Rosenmüller" in out, out
    out = redact("Grau III de Fontana; escala de Tardieu aplicada.")
    assert "Fontana" in out and "Tardieu" in out, out


def test_a_class_head_needs_its_class() -> None:
    out = redact("Tumor grupo III de Kreyberg.")
    assert "Kreyberg" in out, out
    assert "Angeles" not in redact("Derivado a Grupo Angeles para estudio.")


def test_a_person_after_a_head_and_a_title_stays_a_name() -> None:
    out = redact("Interconsulta: prueba de Dr. Quiroga pendiente.")
    assert "Quiroga" not in out, out


def test_english_anatomy_of_a_name_is_kept() -> None:
    out = redact("Fluid in the pouch of Morrison; loop of Henle and ampulla of Vater normal.")
    assert "Morrison" in out and "Henle" in out and "Vater" in out, out
    # An organisation with a capitalised head stays one.
    assert "Pemberton" not in redact("Letter from the Department of Pemberton Health.")


def test_hyphenated_eponyms_with_a_head_last_are_kept() -> None:
    out = redact("Lasègue-Zeichen negativ, Romberg-Versuch unsicher, Tinetti-Skala 18.")
    assert "Lasègue-Zeichen" in out and "Romberg-Versuch" in out and "Tinetti-Skala" in out, out
    assert "Huber" not in redact("Dr. Huber-Test war heute da.")


def test_a_lone_particle_tagged_beside_an_eponym_is_not_redacted() -> None:
    out = redact("Raccolta fluida nello spazio del Retzius.")
    assert "del Retzius" in out, out


def test_capitalised_english_anatomy_and_elided_particles_are_kept() -> None:
    out = redact("Ligament of Marshall divided. Foramen of Monro patent.")
    assert "Marshall" in out and "Monro" in out, out
    out = redact("Pas de maladie d'Ormond connue.")
    assert "d'Ormond" in out, out


def test_breathing_and_pupil_heads_keep_the_eponym() -> None:
    out = redact("Gasping, Kussmaul-like; Ondine breathing suspected; Hutchinson pupils.")
    assert "Ondine" in out and "Hutchinson" in out, out


def test_the_patients_surname_with_a_hyphenated_head_is_the_eponym() -> None:
    out = redact("Kikuchi-byo considered. Kikuchi-san was told.", "Aya Kikuchi")
    assert "Kikuchi-byo" in out and "Kikuchi-san" not in out, out
    out = redact("Keine Fabry-Krankheit. Fabry-Familie informiert.", "Jonas Fabry")
    assert "Fabry-Krankheit" in out and "Fabry-Familie" not in out, out


def test_anatomy_of_a_person_that_is_no_structure_stays_a_name() -> None:
    out = redact("The body of Patterson was identified by the coroner.", "Neil Patterson")
    assert "Patterson" not in out, out


def test_the_lower_case_head_and_particle_of_an_eponym_are_not_tagged() -> None:
    from medlocal.privacy.deid_eponyms import eponym_lower_words
    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.privacy.deid_words import read_tokens

    text = "Exame: manobra de Rovighi negativa; sem sinal."
    starts = eponym_lower_words(read_tokens(text, lexicon()))
    assert starts == {text.index("manobra"), text.index("de ")}
    out = redact("Sinal de Rovighi positivo, manobra de Rovighi negativa.")
    assert "manobra de Rovighi" in out and "Sinal de Rovighi" in out, out


def test_a_listed_organisation_in_the_possessive_before_an_eponym_head_is_the_eponym() -> None:
    out = redact("Fundal height by McDonald's rule 29 cm.")
    assert "McDonald's rule" in out, out
    assert "McDonald" not in redact("She works at McDonald's on weekends.")


def test_people_beside_clinical_words_are_still_names() -> None:
    out = redact("Seen by Dr Charcot on ward 4; Dr Murphy's clinic letter; Mrs Alzheimer attended.")
    assert "Charcot" not in out and "Murphy" not in out and "Alzheimer" not in out, out
    out = redact("Mrs Alzheimer attended; no ziekte van Alzheimer.", "Ida Alzheimer")
    assert out.count("Alzheimer") == 1 and "ziekte van Alzheimer" in out, out


def test_two_lower_case_words_may_stand_between_an_eponym_and_its_test() -> None:
    out = redact("Hip: Ober lateral stretch test positive.")
    assert "Ober" in out, out
    assert "Sarah" not in redact("Sarah blood sugar test done at noon.")


def test_a_makers_model_in_capitals_is_kept_with_the_maker() -> None:
    out = redact("Scanned on a Toshiba AQUILION Prime; echo on Philips AFFINITI Elite.")
    assert "Toshiba AQUILION Prime" in out and "Philips AFFINITI Elite" in out, out
    # A maker's name before a title-case word, or after a title, is a person.
    assert "Braun" not in redact("Kristin Braun visited. Seen by Dr Siemens today.")
    assert "Siemens" not in redact("Seen by Dr Siemens today.")


def test_the_patients_surname_with_a_class_before_the_head_is_the_eponym() -> None:
    out = redact("ECG: Mobitz II block. Mobitz 2 said thanks.", "Ida Mobitz")
    assert "Mobitz II block" in out and "Mobitz 2" not in out, out
