"""Walk 25's and walk 24's de-identification defects of everyday letters: an eponym hard-wrapped
before its disease, a Portuguese specialist, lab name and table header read as names, a letter's
sign-off read as a name, an area code read as a child's age, and a company's "Co." taking the
sentence after it."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_tagger import shipped_tagger
from medlocal.privacy.redact import Redactor


def _out(text: str) -> str:
    return Redactor(shift_days=0).redact(text)


@pytest.mark.parametrize(
    "text",
    [
        "He has type 2 diabetes and chronic Chagas\ncardiomyopathy with RBBB.",
        "Known Hashimoto\nthyroiditis on levothyroxine 100 micrograms.",
        "Brisk reflexes and a positive Babinski\nsign on the left.",
    ],
)
def test_an_eponym_wrapped_at_the_margin_before_its_disease_stays(text: str) -> None:
    assert _out(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Seen by Dr Hashimoto\nthyroiditis stable.", "Hashimoto"),
        ("Spoke to Anna\nsyndrome explained to her.", "Anna"),
        ("Letter copied to Mr Crohn\ndisease stable.", "Crohn"),
        ("Reviewed by Trevor Graves\ndisease activity stable.", "Trevor"),
    ],
)
def test_a_person_at_a_line_end_before_a_disease_word_is_still_removed(
    text: str, gone: str
) -> None:
    assert gone not in _out(text)


@pytest.mark.parametrize(
    "role", ["Endocrinologista", "Cardiólogo", "Neurologe", "Nefrologista", "Pneumologue"]
)
def test_a_specialist_of_another_language_after_a_name_stays(role: str) -> None:
    out = _out(
        f"Please call if needed.\nAtenciosamente,\nDra. Ana Beatriz Souza, {role}, CRM-RS 34567"
    )
    assert "Souza" not in out and "Beatriz" not in out and "34567" not in out
    assert f", {role}," in out
    assert "\nAtenciosamente,\n" in out


def test_a_portuguese_lab_table_keeps_its_header_and_tests_and_loses_its_doctors() -> None:
    table = (
        "Data;Exame;Resultado;Unidade;Referência;Solicitante\n"
        "15/05/2025;Potássio;4,8;mmol/L;3,5-5,1;Dra. Ana Beatriz Souza\n"
        "15/05/2025;Sódio;139;mmol/L;136-145;Dr. Ricardo Lima\n"
    )
    out = _out(table)
    assert out.splitlines()[0] == "Data;Exame;Resultado;Unidade;Referência;Solicitante"
    assert ";Potássio;4,8;mmol/L;" in out and ";Sódio;139;" in out
    assert "Souza" not in out and "Lima" not in out


def test_an_area_code_in_brackets_is_no_age_after_a_name() -> None:
    assert _out("Telefone (51) 3359-8000") == "Telefone [PHONE]"
    out = _out("Children: Kayden (7) and Mia (4).")
    assert "Kayden" not in out and "Mia" not in out


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Farmer at Kelso Downs Pastoral Co. Smoker 40 pack-years.", "Smoker 40", "Kelso"),
        ("Works for Acme Widget Co. Smoker since 16.", "Smoker since 16", "Acme"),
        ("Works at Acme Co. Smoker.", "Smoker.", "Acme"),
    ],
)
def test_a_company_abbreviation_ends_the_name_before_a_new_sentence(
    text: str, kept: str, gone: str
) -> None:
    out = _out(text)
    assert kept in out and gone not in out


@pytest.mark.parametrize("text", ["Lives in Co. Kerry with his wife.", "Moved from Co. Durham."])
def test_a_county_opened_by_co_is_still_one_place(text: str) -> None:
    out = _out(text)
    assert "Kerry" not in out and "Durham" not in out and "Co." not in out


def test_the_tagger_does_not_join_a_word_after_a_company_abbreviation() -> None:
    text = "Works at Acme Widget Co. Smoker."
    spans = [text[s.start : s.end] for s in shipped_tagger().spans(text)]
    assert spans and "Smoker" not in " ".join(spans)
    text = "Lives in Co. Kerry now."
    assert [text[s.start : s.end] for s in shipped_tagger().spans(text)] == ["Co. Kerry"]


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        (
            "Endereço: Rua dos Andradas 1234, apto 502, Centro Histórico, Porto Alegre - RS",
            "Histórico",
        ),
        ("Calle Mayor 4, 3º piso, Barrio Antiguo, Monterrey", "Antiguo"),
        ("Rua das Flores 45, Porto", "Porto"),
    ],
)
def test_the_locality_after_a_street_and_its_flat_is_removed_whole(text: str, gone: str) -> None:
    assert gone not in _out(text)
