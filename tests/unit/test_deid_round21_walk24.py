"""Round 21, walk 24's defects: a facility's name squashed into a file name, a number cut in two
by a reference's snippet, a postcode typed in lower case, a co-signer's initials before a clock
time, "ms" after a value read as the title "Ms", a scanned insulin unit read as a name, and a
country read as a name or an organisation."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor
from medlocal.rag.export import document_copy, patient_identity, plan_export
from medlocal.rag.passages import snippet


def _out(text: str) -> str:
    return Redactor(shift_days=12).redact(text)


def _title(file_name: str, body: str) -> str:
    doc = document_copy(file_name, body, "0")
    plan = plan_export(doc, Redactor(patient_identity(None, None, None), shift_days=12))
    return plan.apply("title", doc.title)


@pytest.mark.parametrize(
    ("file_name", "body", "gone"),
    [
        ("summary_stmarthas.pdf", "Admitted to St Martha's Hospital on 3 May.", "marthas"),
        ("gp_referral_hollybank.docx", "Hollybank Medical Practice\nDear colleague,", "hollybank"),
        ("letter_qvh.pdf", "Seen at the Queen Victoria Hospital (QVH).", "qvh"),
        ("notes_kestrelford.txt", "Reviewed today. No change.", "kestrelford"),
    ],
)
def test_a_file_name_loses_the_words_the_export_removes_or_no_list_knows(
    file_name: str, body: str, gone: str
) -> None:
    title = _title(file_name, body)
    assert gone not in title.lower()
    assert title.endswith(file_name[file_name.rindex(".") :])  # the extension stays


@pytest.mark.parametrize(
    "file_name", ["discharge_summary.pdf", "ecg_report.txt", "whatsapp_family.txt", "labs.csv"]
)
def test_a_file_name_of_known_words_stays_whole(file_name: str) -> None:
    assert _title(file_name, "Reviewed today. Bisoprolol 5 mg daily.") == file_name


def test_a_code_in_a_file_name_goes_and_its_extension_stays() -> None:
    assert _title("report_NHS4857773456.pdf", "Reviewed today.") == "report_[ID].pdf"


def test_a_snippet_does_not_cut_a_number_in_two() -> None:
    text = "Clinic address 14 Mill Lane, Telefone (51) 3359-8000 and more words after it"
    cut = snippet(text, 40)
    assert cut.endswith(" …")
    assert "(51)" not in cut
    assert snippet("Hb 101 g/L and plenty of words after the value here", 30).startswith("Hb 101")


@pytest.mark.parametrize(
    "text", ["Lives in Knaresborough hg2 7qt.", "Postcode: Hg2 7QT", "address: leeds ls6 2ap"]
)
def test_a_postcode_in_lower_case_goes_whole(text: str) -> None:
    out = _out(text)
    assert "[ZIP]" in out
    assert not any(c.isdigit() for c in out)


@pytest.mark.parametrize("text", ["G3 2nd opinion requested", "repeat x2 4hr apart", "mg2 5ml"])
def test_lower_case_shapes_that_are_no_postcode_stay(text: str) -> None:
    assert "[ZIP]" not in _out(text)


@pytest.mark.parametrize(
    "text",
    ["Signed RM / PR 11:40", "Signed RM 11:30 / PR 11:40", "Countersigned PR 09:15"],
)
def test_a_signers_initials_go_before_a_clock_time(text: str) -> None:
    out = _out(text)
    assert "RM" not in out
    assert "PR" not in out


def test_a_prescriptions_sig_keeps_its_route() -> None:
    assert _out("Sig: PO BD") == "Sig: PO BD"


@pytest.mark.parametrize(
    "text",
    [
        "QRS 142 ms (RBBB).",
        "PR 188 ms. QRS 142 ms (RBBB with left anterior fascicular block).",
        "QTc 470 ms (LQTS suspected).",
    ],
)
def test_ms_after_a_value_is_a_unit_not_a_title(text: str) -> None:
    assert _out(text) == text


def test_ms_as_a_title_still_cues_a_name() -> None:
    assert "Jones" not in _out("Seen by ms Jones today.")


@pytest.mark.parametrize(
    "text", ["Insulina glargina - 20 Ul a noite", "glargine 20 lU nocte", "NPH 12 Ul de manha"]
)
def test_a_scanned_insulin_unit_is_no_name(text: str) -> None:
    assert _out(text) == text


def test_a_name_after_a_bed_number_still_goes() -> None:
    assert "Kim" not in _out("Bed 4 Ul Kim")


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("He moved to the United States in 2019.", "United States"),
        ("She was referred from the Netherlands.", "Netherlands"),
        ("Travelling to the United Kingdom next week.", "United Kingdom"),
        ("Previously lived in Brazil and the United Kingdom.", "Brazil"),
        ("She was born in Jordan.", "Jordan"),
        ("They plan to visit Germany and New Zealand.", "New Zealand"),
    ],
)
def test_a_country_alone_is_kept(text: str, country: str) -> None:
    assert country in _out(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [("Kenya phoned the ward.", "Kenya"), ("Her son Jordan visits daily.", "Jordan")],
)
def test_a_country_that_is_also_a_given_name_goes_as_a_name(text: str, name: str) -> None:
    assert name not in _out(text)


@pytest.mark.parametrize(
    "text",
    ["Oatlands Medical Practice - CONFIDENTIAL\nDear Dr Lee,", "Riverside Surgery - Draft\nHello"],
)
def test_a_letterheads_marking_stays_after_its_organisation(text: str) -> None:
    out = _out(text)
    assert out.startswith("[FACILITY] - ")
    assert "Oatlands" not in out
    assert "Riverside" not in out


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Paciente: Joaquim Ferraz\nTelefone: +55 51 99876-5432", "Paciente:"),
        ("Esposa: Marta Ferraz", "Esposa:"),
        ("Ehefrau: Petra Lang", "Ehefrau:"),
        ("Telefone: +55 51 99876-5432", "Telefone:"),
    ],
)
def test_a_portuguese_or_other_forms_label_stays_and_its_value_goes(text: str, label: str) -> None:
    out = _out(text)
    assert out.startswith(label)
    assert "Ferraz" not in out
    assert "Lang" not in out
    assert "99876" not in out


def test_two_countries_that_are_also_given_names_stay_a_list_of_people() -> None:
    out = _out("Present: Jordan and Kenya, with the ward team.")
    assert "Jordan" not in out
    assert "Kenya" not in out
