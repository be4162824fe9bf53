"""Round 18 (walk 21), organisations and people: a discipline's abbreviation as a field label
before a name, a surname's initials after it, a letter's reference initials, "Attn" as a label,
a job title that names no one, a verb or a membership before an organisation, two organisations
joined by "and", and a service named only by what it treats. Examples are invented here; each
rule has a negative test where clinical or plain text stays."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone as _gone
from fixtures.deid_rules import kept as _kept
from fixtures.deid_rules import redact

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_run_cuts import cut_run
from medlocal.privacy.deid_tokens import Tok, capitalised_runs
from medlocal.privacy.deid_words import read_tokens


def _run(text: str) -> list[Tok]:
    """The one run of capitalised words in ``text``."""
    runs = capitalised_runs(read_tokens(text, lexicon()), text)
    assert len(runs) == 1, runs
    return runs[0]


# -- a discipline's abbreviation as a field label (deid_people_words.COLON_ROLES)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("OT: Wrenna Colley-Pike.", ("Wrenna", "Colley-Pike")),
        ("SALT: Wrenna Thimble. Physio: Osric Penvane.", ("Wrenna", "Thimble", "Osric")),
        ("SLT: Wrenna Thimble", ("Wrenna", "Thimble")),
        ("RN: Wrenna Thimble, nights", ("Wrenna", "Thimble")),
        ("DN: Wrenna Thimble to visit", ("Wrenna", "Thimble")),
    ],
)
def test_discipline_label_before_a_name(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("OT: Home Visit arranged.", ("Home Visit",)),
        ("DN: Wound Care twice weekly.", ("Wound Care",)),
        ("TVN: Grade 2 Pressure Ulcer sacrum.", ("Pressure Ulcer",)),
        ("FAO: Discharge Coordinator", ("Discharge Coordinator",)),
    ],
)
def test_discipline_label_before_plain_words(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


# -- "Attn" and "FAO" are labels, never a name


def test_attention_label_is_kept_and_the_name_after_it_goes() -> None:
    out = redact("Attn: Mr Osric Penvane")
    assert out.startswith("Attn: Mr "), out
    assert "Penvane" not in out
    out = redact("FAO Wrenna Thimble, Practice Manager")
    assert out.startswith("FAO "), out
    assert "Thimble" not in out


# -- a surname's initials after it (deid_person_growth)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Spoke with Penvane ND by phone.", ("Penvane", " ND ")),
        ("Letter copied to Quennell KW, Colley P.", ("Quennell", "KW")),
        ("Case discussed with Dr Quarrie JT.", ("Quarrie", "JT")),
    ],
)
def test_initials_after_a_surname(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Discussed with Dr Quarrie ED today.", ("ED today",)),
        ("Dr Quarrie CT head reviewed.", ("CT head",)),
        ("Dr Quarrie IV fluids started.", ("IV fluids",)),
        ("Nurse Thimble RN.", ("RN",)),
    ],
)
def test_clinical_capitals_after_a_surname_stay(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


# -- a letter's reference initials (deid_staff_initials)


def test_reference_initials_after_a_ref_label() -> None:
    out = redact("Our ref: QW/mk. Your ref: LP/ds")
    for part in ("QW", "mk", "LP", "ds"):
        assert part not in out, out
    assert "Our ref:" in out and "Your ref:" in out


@pytest.mark.parametrize(
    "text",
    ["Referred for CT/MRI.", "Reference: GP/ED referral", "Partner referred (ref HTS/KBU/26/77)."],
)
def test_codes_after_a_ref_label_are_no_initials(text: str) -> None:
    out = redact(text)
    assert "[NAME]" not in out, out


# -- a job title names no one (deid_names._job_title_end)


@pytest.mark.parametrize(
    "text",
    [
        "Consultant Old Age Psychiatrist",
        "Consultant Paediatric Surgeon",
        "Consultant Geriatrician",
        "Senior Clinical Fellow",
    ],
)
def test_job_title_alone_is_kept(text: str) -> None:
    assert redact(text) == text


def test_name_after_a_job_title_goes() -> None:
    out = redact("Consultant Old Age Psychiatrist Dr Quarrie")
    assert out.startswith("Consultant Old Age Psychiatrist Dr "), out
    assert "Quarrie" not in out
    _gone("Nurse Porter", "Porter")  # a role word that is also a surname is the surname


# -- verbs, memberships and "and" inside a run of capitals (deid_run_cuts)


def test_opening_verb_is_no_part_of_the_name() -> None:
    # The rules' reading; the statistical line may add the verb (see the round's report).
    words = _run("Joined Tolworth Rowing Club.")
    cut = cut_run(words, lexicon())
    assert [[t.word for t in part] for part in cut] == [["Tolworth", "Rowing", "Club"]]


def test_membership_and_two_organisations() -> None:
    out = redact("Member of the Tolworth Rowing Club and the Harcombe Bowls Society.")
    assert out.startswith("Member of "), out
    assert " and the " in out, out
    assert "Tolworth" not in out and "Harcombe" not in out
    out = redact("She is a member of the Tolworth Rowing Club and Harcombe Bowls Club.")
    assert " and " in out and "Tolworth" not in out and "Harcombe" not in out, out


def test_one_organisation_with_and_stays_whole() -> None:
    words = _run("Chelsea and Westminster Hospital")
    assert len(cut_run(words, lexicon())) == 1
    words = _run("Tolworth Working Men's Club and Institute")
    assert len(cut_run(words, lexicon())) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Arrhythmia Clinic",
        "Seen in the Arrhythmia Clinic today.",
        "Referred to the Fracture Clinic.",
        "Lipid Clinic",
    ],
)
def test_service_named_by_what_it_treats_is_kept(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "parts"),
    [("Seen at Oak Tree Clinic.", ("Oak Tree",)), ("Admitted to Tolworth Unit.", ("Tolworth",))],
)
def test_named_service_still_goes(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


# -- a given name's initial after it, before a bracket or a dash (deid_person_growth)


def test_initial_after_a_given_name_before_a_bracket() -> None:
    _gone("Visits: Thu - Wrenna T (dressing change)", "Wrenna", " T ")
    _kept("Dr Quarrie CT (head) normal", "CT (head)")


# -- listed services: telephone lines, ambulance, transport, pharmacy chains (deid_known_orgs)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("If worse, ring Healthline 0800 555 0101 after hours.", ("Healthline",)),
        ("Brought in by QAS after the fall.", ("QAS",)),
        ("Referred by NHS 24 overnight.", ("NHS 24",)),
        ("Aspirin bought at Guardian last week.", ("Guardian",)),
        ("HandyDART could not do the new slot.", ("HandyDART",)),
    ],
)
def test_listed_services(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("The Guardian reported it.", "Guardian"),
        ("Boots were muddy after the walk.", "Boots"),
        ("Clicks on auscultation.", "Clicks"),
    ],
)
def test_listed_plain_words_alone_stay(text: str, part: str) -> None:
    _kept(text, part)


# -- Indonesian, Malay and Vietnamese heads (deid_org_forms.asian_heads)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Klaim: PT Asuransi Makmur Sentosa, polis 4", ("Asuransi", "Makmur")),
        ("Rujukan ke RS Bethesda Lempuyangan hari ini", ("RS Bethesda", "Lempuyangan")),
        ("UPT Puskesmas Ngemplak II\nJl. Raya", ("UPT", "Puskesmas Ngemplak")),
        ("công nhân Công ty TNHH Dệt Phong Phú\n", ("Công ty", "Phong Phú")),
    ],
)
def test_asian_heads(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


@pytest.mark.parametrize(
    "text", ["PT INR 1.2 today.", "PT Normal gait.", "RS Clear, no crackles.", "CV Stable."]
)
def test_clinical_letters_before_plain_words_stay(text: str) -> None:
    assert redact(text) == text


# -- organisations in a field labelled by their kind (deid_org_labels)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Lives alone, walks daily. Church: St Aidan's, Morley.", ("Aidan",)),
        ("Bank for reimbursement: BRI a/n PUTRI", ("BRI",)),
        ("Blister pack supplier: Medivendo, order ref 88.", ("Medivendo",)),
    ],
)
def test_labelled_organisations(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Church: Catholic, attends weekly.", "Catholic"),
        ("School: Primary, year 4.", "Primary"),
        ("School: Home-schooled.", "Home-schooled"),
    ],
)
def test_labelled_kinds_stay(text: str, part: str) -> None:
    _kept(text, part)


def test_labelled_organisation_on_the_next_line() -> None:
    _gone(
        "Needs a letter from the parish. Parish:\n  San Isidro de Malabon.\n", "Isidro", "Malabon"
    )


# -- a role's field label before plain words (deid_names._plain_field_value)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("OT: Kitchen Assessment done, safe.", "Kitchen Assessment"),
        ("Physio: Kitchen Assessment done.", "Kitchen Assessment"),
        ("SLT: Bedside Swallow Assessment passed.", "Bedside Swallow Assessment"),
    ],
)
def test_role_label_before_plain_words_stays(text: str, part: str) -> None:
    _kept(text, part)


def test_role_label_before_a_name_of_words_goes() -> None:
    _gone("OT: Bryony Kettle.", "Bryony", "Kettle")
    _gone("Physio: Grace Walker", "Grace", "Walker")


# -- a sentence signed with a dash and initials (deid_staff_initials._dash_signatures)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Daughter notified by phone. — QLA", "QLA"),
        ("Seen on ward round. – kbw", "kbw"),
        ("Review in clinic on 8th May. — GA", " GA"),
    ],
)
def test_dash_signature_initials(text: str, part: str) -> None:
    _gone(text, part)


@pytest.mark.parametrize(
    ("text", "part"),
    [("Plan:\n— ECG\n— CXR", "ECG"), ("Reviewed. — ok", "ok"), ("Discussed. — GP", "GP")],
)
def test_dash_bullets_and_words_stay(text: str, part: str) -> None:
    _kept(text, part)
