"""Sixteenth round, second precision wave: the fixed-form rules (codes, postcodes, dates, names
in Chinese and Japanese script) and the clinical notation they read as identifiers. Gene
variants and reference sequences, criteria with the year of their version, scores with a dashed
version, node counts after a nodal stage, a model's round number after its maker, "via" before an
acronym, and Japanese and Chinese words of medicine. Examples are invented here, not taken from
the evaluation set; each rule has a negative test where an identifier of the same shape still
goes."""

from __future__ import annotations

from datetime import date

from medlocal.privacy.deid_scripts import without_clinical_words
from medlocal.privacy.deid_variant_notation import molecular_notation
from medlocal.privacy.redact import PatientIdentity, Redactor

REDACTOR = Redactor(PatientIdentity("Jane Doe", "123", date(1950, 1, 1)), shift_days=40)


def redact(text: str) -> str:
    return REDACTOR.redact(text)


# -- gene variants (deid_variant_notation)


def test_hgvs_changes_after_their_prefix_are_kept() -> None:
    # ("Val" alone is a given name to the word scan; see the round's report.)
    out = redact("MSH2 c.2131del and PMS2 c.4412G>C p.(Asp1471Leu) - both NOT found.")
    for term in ("c.2131del", "c.4412G>C", "p.(Asp1471Leu)"):
        assert term in out, out


def test_three_letter_protein_changes_are_kept_anywhere() -> None:
    out = redact("Result: Gly1288SerfsTer14 heterozygous; second allele Trp902Ter.")
    assert "Gly1288SerfsTer14" in out and "Trp902Ter" in out, out


def test_one_letter_change_beside_a_gene_or_a_molecular_word_is_kept() -> None:
    out = redact("EGFR L1196M present. Resistance screen of the kinase domain: no G1269A.")
    assert "L1196M" in out and "G1269A" in out, out


def test_one_letter_change_shape_after_an_id_label_still_goes() -> None:
    out = redact("Locker code: MRN K4471R issued at the desk.")
    assert "K4471R" not in out, out


def test_reference_sequences_builds_and_database_records_are_kept() -> None:
    out = redact(
        "Transcript NM_004333.6, aligned to GRCh37 (hg19); dbSNP rs4880122; ClinVar "
        "RCV000123456; OMIM 612345."
    )
    for term in ("NM_004333.6", "GRCh37", "hg19", "rs4880122", "RCV000123456", "612345"):
        assert term in out, out


def test_a_state_and_a_number_without_a_version_still_go() -> None:
    out = redact("Driver licence NM 447190 on file.")
    assert "447190" not in out, out


def test_molecular_notation_reads_the_value_in_its_text() -> None:
    text = "BRAF V640E detected"
    assert molecular_notation("V640E", text, text.index("V640E"))
    plain = "Bay K4471R was booked"
    assert not molecular_notation("K4471R", plain, plain.index("K4471R"))


def test_a_nice_guideline_number_is_kept() -> None:
    out = redact("Managed per NICE NG203 for the kidney disease.")
    assert "NG203" in out and "NICE" in out, out


# -- versions of scores and criteria (deid_pattern_context)


def test_a_score_with_a_dashed_year_is_kept() -> None:
    out = redact("Disease activity: CDAI-2010 high; HAQ-2005 1.4.")
    assert "CDAI-2010" in out and "HAQ-2005" in out, out


def test_a_dashed_year_after_an_id_label_or_without_a_score_still_goes() -> None:
    out = redact("Ref: KTP-2019 for the complaint.")
    assert "KTP-2019" not in out, out
    out = redact("Case: WRX-2021 2 pending; filed as QPT-2020 today.")
    assert "WRX-2021" not in out and "QPT-2020" not in out, out


def test_criteria_with_a_year_are_no_postcode() -> None:
    out = redact("Meets the criteria of Sapporo 2006 and the staging (Ferrara 2019).")
    assert "2006" in out and "2019" in out, out
    out = redact("Stage IIA selon les critères de Marchetti 2018; suivi.")
    assert "2018" in out, out


def test_a_month_before_a_year_is_no_postcode() -> None:
    out = redact("SURGERY BOOKED FEB 2031.")
    assert "SURGERY" in out, out


def test_a_town_and_its_postcode_after_a_street_still_go() -> None:
    out = redact("Lives at 9 Wattle Rd, Tarrawanna 2518.")
    assert "2518" not in out and "Tarrawanna" not in out, out


# -- dates (deid_patterns)


def test_a_node_count_after_a_nodal_stage_is_no_date() -> None:
    out = redact("Staging ypT2 ypN1 (2/17) R0; pN0 (0/12) on the left.")
    assert "(2/17)" in out and "(0/12)" in out, out


def test_a_month_and_day_elsewhere_still_shift() -> None:
    out = redact("Seen on 4/17 in clinic.")
    assert "4/17" not in out, out


# -- device models (deid_pattern_context)


def test_a_round_model_number_after_a_maker_is_kept() -> None:
    out = redact("Specular microscopy (Konan CX-3000) showed 2,100 cells/mm2.")
    assert "CX-3000" in out, out


def test_a_serial_after_its_cue_still_goes() -> None:
    out = redact("Serial number CX-3000 recorded.")
    assert "CX-3000" not in out, out


# -- addresses (deid_addresses)


def test_via_before_an_acronym_is_no_street() -> None:
    out = redact("Continue Imakin 400 via MAPS programme.")
    assert "400" in out and "MAPS" in out, out


def test_a_number_before_via_and_a_street_name_still_goes() -> None:
    out = redact("She lives at 12 Via Garibaldi, Torino.")
    assert "Garibaldi" not in out, out


# -- Chinese and Japanese words of medicine (deid_scripts, deid_cued_names)


def test_japanese_and_chinese_clinical_words_are_kept() -> None:
    out = redact("診断: 1. 慢性心不全 (chronic heart failure) 2. 糖尿病 3. 脳梗塞; 腎盂腎炎")
    for term in ("慢性心不全", "糖尿病", "脳梗塞", "腎盂腎炎"):
        assert term in out, out


def test_a_name_in_chinese_script_still_goes_beside_a_clinical_word() -> None:
    out = redact("Son 李明 肺炎 admitted; daughter 陈静 visited.")
    assert "李明" not in out and "陈静" not in out and "肺炎" in out, out


def test_a_sentence_ending_in_a_clinical_word_still_goes_whole() -> None:
    # A run with particles holds words around the name: it goes whole.
    out = redact("Note: 田中さんは肺炎 (reported by family).")
    assert "田中" not in out, out


def test_clinical_words_are_taken_off_the_ends_of_a_run() -> None:
    assert without_clinical_words("高血圧症") == (0, 0)
    assert without_clinical_words("王磊 高血圧症") == (0, 2)
    assert without_clinical_words("佐藤 春樹") == (0, 5)
