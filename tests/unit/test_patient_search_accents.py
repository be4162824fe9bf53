"""Walk 47b D3: the patients are "Zoë Müller-Łukasiewicz", "José Ángel García Núñez", "Ólafur
Þórsson", "Nguyễn Thị Minh Anh" and "Siobhán Ní Bhriain"; typed without the accents, as on most
keyboards ("Muller", "Thorsson", "Nguyen", "Ni Bhriain"), the search found no one. Names are
compared with accents folded both ways (``medlocal.folding.fold_letters``) and hyphens and
apostrophes as spaces: in the patient search (CLI and window), the similar-patient check and the
misfiled-letter and question checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.terminal import run_cli
from fixtures.vault_file import PASS, new_vault

from medlocal.app.patient_mixups import other_patient_check, question_check
from medlocal.app.patients import SimilarPatientError, add_patient, names_alike, patient_matches
from medlocal.folding import fold_letters
from medlocal.vault.rows import Patient

ZOE = "Zoë Müller-Łukasiewicz"
JOSE = "José Ángel García Núñez"
OLAFUR = "Ólafur Þórsson"
ANH = "Nguyễn Thị Minh Anh"
SIOBHAN = "Siobhán Ní Bhriain"
PATIENTS = (ZOE, JOSE, OLAFUR, ANH, SIOBHAN)


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Muller", ZOE),
        ("Lukasiewicz", ZOE),
        ("Zoe", ZOE),
        ("muller lukasiewicz", ZOE),
        ("Muller-Lukasiewicz", ZOE),
        ("Garcia Nunez", JOSE),
        ("Jose", JOSE),
        ("nunez garcia", JOSE),
        ("Thorsson", OLAFUR),
        ("Olafur", OLAFUR),
        ("Nguyen", ANH),
        ("nguyen thi", ANH),
        ("Siobhan", SIOBHAN),
        ("Ni Bhriain", SIOBHAN),
        # The accented spelling still finds them, and accents typed where the name has none.
        ("Müller", ZOE),
        ("Þórsson", OLAFUR),
        ("garcía núñez", JOSE),
        ("Ńi Bhríain", SIOBHAN),
    ],
)
def test_a_name_typed_without_its_accents_finds_the_patient(query: str, found: str) -> None:
    assert [name for name in PATIENTS if patient_matches(query, name)] == [found]


def test_letters_nfkd_keeps_whole_are_spelt_out() -> None:
    assert fold_letters("Łódź Straße Þór Æsa Øster Đặng") == "lodz strasse thor aesa oster dang"
    assert fold_letters("O’Brien") == "o’brien"  # marks other than accents are the search's
    assert patient_matches("obrien", "Siobhán O’Brien") and patient_matches("o'brien", "O’Brien")
    assert not patient_matches("Muller Smith", ZOE)


def test_jose_garcia_and_jose_garcia_accented_are_one_name(tmp_path: Path) -> None:
    assert names_alike("Jose Garcia", "José García")
    with new_vault(tmp_path / "vault") as vault:
        first = add_patient(vault, "José García", "ES-4410", "1958-06-02")
        with pytest.raises(SimilarPatientError, match=f"patient {first} \\(José García, same date"):
            add_patient(vault, "Jose Garcia", "Q-9", "1958-06-02")
        assert len(vault.list_patients()) == 1


def test_a_letter_or_question_naming_another_patient_unaccented_is_noted() -> None:
    anh = Patient(1, ANH, None, None, "")
    jose = Patient(2, JOSE, "ES-77", None, "")
    # An OCR'd letter drops the diacritics (walk 47b D11).
    (note,) = other_patient_check([anh, jose], 2)("Patient: NGUYEN Thi Minh Anh, 8 Rue X")
    assert "Nguyễn Thị Minh Anh (patient 1)" in note
    (asked,) = question_check([anh, jose], 1)("What dose is Jose Angel Garcia Nunez taking?")
    assert "names José Ángel García Núñez (patient 2, MRN ES-77)" in asked


def test_the_cli_finds_patients_by_name_without_accents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        for name in PATIENTS:
            vault.add_patient(name)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    opts = ["--vault", str(folder), "--passphrase-file", str(secret)]
    assert run_cli("patient", "list", "--find", "thorsson", *opts) == 0
    assert capsys.readouterr().out.split() == ["3", OLAFUR.split()[0], OLAFUR.split()[1]]
    assert run_cli("patient", "list", "--find", "Smith", *opts) == 0
    assert "No patient's name or MRN holds every word of 'Smith' (5 in all)." in (
        capsys.readouterr().out
    )
