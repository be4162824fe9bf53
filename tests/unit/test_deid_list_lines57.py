"""Session 57 (deid57d, issue 16 precision): medication, results and diagnosis lists labelled in
other languages ("Leki:", "Terapi:", "Labor:", "Wyniki:", "Diagnózis:") keep their label and
their capitalised words (privacy/deid_list_lines.py), as a "Meds:" line does; on main the
brands, lab names and diagnoses there were read as names ("Tratamiento: [NAME], [NAME], Tramal
100 mg").

Each of the rule's six guards comes with must-remove probes placed in such a list, and
``test_each_probe_leaks_without_its_guard`` takes the guard out (monkeypatched to say no) and
checks that its probes are then kept: the guard, not another rule, is what removes them."""

from __future__ import annotations

import pytest
from fixtures.timing import assert_linear

from medlocal.privacy import deid_list_lines
from medlocal.privacy.redact import Redactor

_REDACTOR = Redactor()


def _redacted(text: str) -> str:
    return _REDACTOR.redact(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Leki: Polocard 75 mg, Ketonal, Apap doraźnie.", ["Leki", "Ketonal", "Apap"]),
        (
            "Terapi: Paramex, Promag, Sanmol 500, Bodrex dihentikan.",
            ["Terapi", "Paramex", "Promag", "Sanmol 500", "Bodrex"],
        ),
        (
            "Laboratorium: Leukosit 11.200, Trombosit 240.000, Ureum 58.",
            ["Leukosit 11.200", "Ureum 58"],
        ),
        ("Labor: Vérkép, GFR 38, Kálium 5,3.", ["Vérkép"]),
        ("Diagnózis: Szívelégtelenség, Pitvarfibrilláció.", ["Diagnózis", "Szívelégtelenség"]),
        ("Labb: Blodstatus Hb 104, Snabbsänka 38.", ["Labb", "Blodstatus", "Snabbsänka 38"]),
        ("Tratamiento: Tapsin, Kitadol 500, Tramal 100 mg.", ["Tapsin", "Kitadol 500"]),
        ("Gyógyszerek: Algopyrin, Quamatel 20, Letrox 50.", ["Quamatel 20", "Letrox 50"]),
        ("Terapie: Paralen 500, Ibalgin 400, Anopyrin 100 mg.", ["Paralen 500", "Ibalgin 400"]),
    ],
)
def test_the_words_of_a_list_are_kept(text: str, kept: list[str]) -> None:
    out = _redacted(text)
    for term in kept:
        assert term in out, out


# Must-remove probes, by the guard that removes them; each leaks without its guard.
_GUARDED = {
    # 1. a title, relation or honorific before the word (and the rest of the name after it)
    "_cue_before": [
        ("Medikation: Ramipril 5 mg, Frau Zwirnmann.", "Zwirnmann"),
        ("Leki: Polocard 75 mg, pani Zbigniewa Wrzosek.", "Wrzosek"),
        ("Leki: Polocard, dr Zbyszko Wrzosek.", "Zbyszko"),
    ],
    # 2. a listed surname or given name that no clinical list explains
    "_named_word": [
        ("Leki: Kowalski, Polocard 75 mg.", "Kowalski"),
        ("Wyniki: Nowak 4,9.", "Nowak"),
    ],
    # 3. a word of agency or place before it
    "_agent_before": [
        ("Labor: abgenommen von Brunnhuber, Hb 12.", "Brunnhuber"),
        ("Wyniki: wysłane do Wadowic.", "Wadowic"),
        ("Bilan : fait chez Quatremare.", "Quatremare"),
    ],
    # 4. what only a person does after it
    "_person_after": [
        ("Medikation: Steindler phoned, Ramipril 5 mg.", "Steindler"),
        ("Tedavi: Yücelkaya reports pain, Parol 500 mg.", "Yücelkaya"),
        ("Leki: Jamshidi, 45, Polocard.", "Jamshidi"),
    ],
    # 5. a capitalised run with a facility, street or place word
    "_run_of_place": [
        ("Medikation: Ramipril 5 mg, Klinikum Nordweststadt.", "Nordweststadt"),
        ("Medikation: Ramipril 5 mg, Rosenweg Apotheke.", "Apotheke"),
    ],
    # 6. two capitalised words no list explains, side by side in a results or diagnosis list
    "_unexplained_run": [
        ("Wyniki: Hb 12, Zbyszko Wrzosek.", "Wrzosek"),
        ("Labor: Hb 12, Quorra Vantbridge.", "Vantbridge"),
        ("Diagnózis: Szívelégtelenség, Zsombor Kvaszinger.", "Kvaszinger"),
    ],
}
_MORE = [
    # Removed by other rules too, in the list's slots.
    ("Terapia: fisioterapia, Moreno.", "Moreno"),
    ("Terapia: Sintrom, Hospital Quintanar.", "Quintanar"),
    ("Labs: drawn by Zwirnmann, Hb 110.", "Zwirnmann"),
    ("Befunde: Frau Zwirnmann bringt die Werte.", "Zwirnmann"),
    ("Labor: extern, Klinikum Nordweststadt.", "Nordweststadt"),
    ("Labor: Hb 12, Kreatinin 1,1 (Dr. Zwirnmann).", "Zwirnmann"),
    ("Terapia: fisioterapia con Sra. Quintela.", "Quintela"),
    ("Bloods: sent to Thornbury, Hb 110.", "Thornbury"),
    ("Análises: Laboratório Sabin Taguatinga.", "Taguatinga"),
]


@pytest.mark.parametrize(
    ("text", "name"), [probe for probes in _GUARDED.values() for probe in probes] + _MORE
)
def test_a_name_or_place_in_a_list_is_removed(text: str, name: str) -> None:
    assert name not in _redacted(text)


@pytest.mark.parametrize("guard", sorted(_GUARDED))
def test_each_probe_leaks_without_its_guard(monkeypatch: pytest.MonkeyPatch, guard: str) -> None:
    monkeypatch.setattr(deid_list_lines, guard, lambda *args: False)
    # review57a's guards (a surname's ending, two words that name a person) overlap these; they
    # have their own probes in test_deid_review57a.py.
    for later in ("_surname_shaped", "_name_pair"):
        monkeypatch.setattr(deid_list_lines, later, lambda *args: False)
    for text, name in _GUARDED[guard]:
        # A blank more: the text is new to any reading remembered from the test above.
        assert name in _redacted(text + " "), (guard, text)


def test_a_label_that_is_a_listed_name_keeps_nothing() -> None:
    # A line opened by a listed name and a colon is a speaker's or a field's, not a list.
    assert "Kowalski" not in _redacted("Kowalski: Ketonal 100 mg.")


def test_lists_stay_linear() -> None:
    assert_linear(lambda n: _redacted("Leki" + " " * n + ":" + " Ketonal," * 3), 5_000)
    assert_linear(lambda n: _redacted("Labor:" + " Vérkép 12," * n), 300)
    assert_linear(lambda n: _redacted(("Wyniki " * n)[:-1] + ": Nowak"), 1_000)
