"""Session 60 (deid60h, review60a H3): a surname written before its initial ("Okafor A") is a
name, as directories and comment authors write people; a class after a clinical word or an
eponym ("Hepatitis B", "Child-Pugh B") stays."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_surname_initials import surname_initials
from medlocal.privacy.redact import Redactor


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor()


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("reply by Okafor B (x): ok", ("Okafor", " B ")),
        ("reply by Mensah K (2024-03-04): agreed", ("Mensah", " K ")),
        ("Seen by Okafor A on the ward round.", ("Okafor",)),
        ("Okafor A, Smith J and Patel R attended.", ("Okafor", "Smith", "Patel")),
        ("[comment by Okafor A: repeat the sample]", ("Okafor",)),
        ("Authors: Nwankwo C; Adeyemi T", ("Nwankwo", "Adeyemi")),
        ("Okafor A", ("Okafor",)),
    ],
)
def test_a_surname_before_its_initial_is_removed(
    redactor: Redactor, text: str, gone: tuple[str, ...]
) -> None:
    redacted = redactor.redact(text)
    for word in gone:
        assert word not in redacted, redacted


@pytest.mark.parametrize(
    "text",
    [
        "Hepatitis B, Vitamin D and Factor V Leiden screen negative.",
        "Type 2 diabetes, Grade A oesophagitis, Child-Pugh B cirrhosis.",
        "Risk Class C (Child-Pugh B): Group A strep grown, Lead V1 normal, Zone B.",
        "Killip B on arrival; Protein S normal; Dukes C.",
        "Referred by Cardiology for Hepatitis B serology.",
    ],
)
def test_a_class_after_a_clinical_word_or_eponym_stays(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text) == text


def test_a_known_word_before_a_letter_is_taken_only_beside_a_name(redactor: Redactor) -> None:
    """ "Smith J" alone may be a phrase's; in a list beside "Okafor A" it is a surname."""
    assert "Smith" not in redactor.redact("Okafor A and Smith J")
    assert redactor.redact("Vitamin D, Factor V and Type A") == "Vitamin D, Factor V and Type A"


@pytest.mark.parametrize(
    "text",
    [
        "Bornholm disease (Coxsackie B); suprapubic pressure (Rubin I).",
        "Pancreatitis (Ranson 5, BISAP 3, Balthazar E); Location: Conf Rm B.",
        "Seen in Glangwili A&E; Innere Medizin I; Lorenzo A&Ox3.",
    ],
)
def test_the_rule_reads_no_name_in_a_type_grade_or_abbreviation(text: str) -> None:
    """The development halves' shapes the rule first took (other rules may read these words):
    an organism's type, a Roman one, a grade among scores, "Rm B", "A&E"."""
    assert surname_initials(text, lexicon()) == []
