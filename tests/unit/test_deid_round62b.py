"""deid62b (issue 16, recall on people; dev82): what is left of a name another rule found, and the
people named after a role in another language.

- deid_name_variants: the initial left at a line's or a cell's end beside a found surname
  ("[Haddad], N"), a typist's or co-signer's initials after a found name and a slash, a letter's
  reference ("JS/lm") and a dash sign-off ("-jw"), a surname before a comma and a found given
  name in a bed list ("Bed 4 Harrow, [Ellen]"), and a found name in another grammatical case
  ("Lehtonen" -> "Lehtoselle", "Kalniņš" -> "Kalniņam", "Szabó" -> "Szabónak");
- deid_roles_abroad: a capitalised name after a role written in another language ("Pielęgniarka
  Wójcik", "Infermiera Esposito", "verpleegkundige De Vries").

The must-remove probes use other names, languages and sentences than dev82's notes; the
precision probes are the routes, words, clinical words and service words each reading leaves."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.timing import assert_linear

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_name_variants import name_variant_spans
from medlocal.privacy.deid_roles_abroad import role_abroad_spans
from medlocal.privacy.deid_spans import Redaction

_GONE = [
    # The initial left beside a found surname, at a line's or a table cell's end.
    ("Letter from Dr Nadia Haddad about the results.\nHaddad, N\n", ("Haddad", "N")),
    ("Seen by Mr Lindgren in clinic.\nLINDGREN P\n", ("LINDGREN", "P")),
    ("Seen by Dr Ines Moreau in clinic.\nMoreau, I\n", ("Moreau", "I")),
    ("Consultant: Dr Ferraro.\n| 2 | ward review | Ferraro, G |\n", ("Ferraro", "G")),
    # A typist's or co-signer's initials after a found name and a slash, or a signature line.
    ("Yours sincerely,\nDr Moira Fenwick\nFenwick/tk\n", ("tk",)),
    ("Dr Tomasz Wrona, Consultant Cardiologist / ab\n", ("ab",)),
    # A letter's reference and a dash sign-off, in a note that names people.
    ("Dear Dr Grant,\nThank you.\nJS/lm\n", ("JS", "lm")),
    ("Plan agreed with Dr Sato.\n-jw\n", ("jw",)),
    ("Plan agreed with Dr Sato.\n-hy/mo\n", ("hy", "mo")),
    ("Hi Priya, bloods are back, all fine.\n-- RK", ("RK",)),
    # A surname before a comma and a found given name in a bed list.
    ("Bed 4 Harrow, Ellen 81F - fall at home, CT head clear.\n", ("Harrow",)),
    # A found name in another grammatical case.
    ("Potilas Ilmari Lehtonen. Lehtoselle soitettu illalla.\n", ("Lehtoselle",)),
    ("Pacients Jānis Kalniņš. Kalniņam jāturpina terapija.\n", ("Kalniņam",)),
    ("Beteg: Szabó Anna. Szabónak kontroll egy hét múlva.\n", ("Szabónak",)),
    ("Pacjent Adam Zieliński. Zielińskiemu podano leki.\n", ("Zielińskiemu",)),
    ("Pacientka Jana Procházková. Procházkové bylo podáno.\n", ("Procházkové",)),
    ("Patsient Tõnu Lill. Lille abikaasa helistas.\n", ("Lille",)),
    ("Vyras Jonas Kairys ir dukra Kairytė informuoti.\n", ("Kairytė",)),
    ("Pacientė Ona Žukauskienė. Žukauskienei skirta dieta.\n", ("Žukauskienei",)),
    ("Pacijentica Lea Novak. Novakovoj kontrola za mjesec.\n", ("Novakovoj",)),
    ("Pacients Andris Liepiņš. Liepiņa sieva atnāca.\n", ("Liepiņa",)),
    # A name after a role in another language.
    ("Rezidens Fekete B. jelen volt.\n", ("Fekete", "B")),
    ("Pielęgniarka Wójcik podała leki o 22:00.\n", ("Wójcik",)),
    ("Infermiera Esposito ha chiamato il medico.\n", ("Esposito",)),
    ("Sairaanhoitaja Heikkinen soitti omaisille.\n", ("Heikkinen",)),
    ("De verpleegkundige De Vries belde de familie.\n", ("Vries",)),
    ("Oberärztin Dr. Keller und Assistenzarzt Brauer.\n", ("Keller", "Brauer")),
    ("Rezidentka Horáková a sestra Dvořáčková.\n", ("Horáková", "Dvořáčková")),
]


@pytest.mark.parametrize(("text", "words"), _GONE)
def test_the_rest_of_a_name_and_a_name_after_a_role_abroad_go(
    text: str, words: tuple[str, ...]
) -> None:
    _gone(text, *words)


_KEPT = [
    # Routes and doses after a slash, a word after a dash.
    ("Dr Anand reviewed.\nParacetamol 1 g IV/po\n", ("IV", "po")),
    ("Dr Anand reviewed.\nAllergies:\n- nil\n", ("nil",)),
    # A list after a comma is no initial: the line goes on.
    ("Dr Smith saw him.\nSmith, A and E follow-up booked.\n", ("E", "follow")),
    # A clinical word shaped as a found name's case.
    ("Dr Rose saw the rash.\nRosea was the working diagnosis.\n", ("Rosea",)),
    # A word opening a sentence before a comma and a found given name.
    ("Also, Ellen visited in the afternoon.\n", ("Also",)),
    # A service's word after a role in another language.
    ("Hoitaja Päivystys soitti klo 22.\n", ("Päivystys",)),
    ("Enfermera Urgencias avisada.\n", ("Urgencias",)),
    # Found on the development halves: an English role's next word, a sentence after a role, a
    # title after a role, an abbreviation or a greeting before a comma and a found name.
    ("Resident transfer form: Resident Transfer completed by staff.\n", ("Transfer",)),
    ("Glasses sent with the resident. Hearing aids both ears.\n", ("Hearing",)),
    ("Oberärztin Dr. med. Ulrike Brandner, Tel. 2231\n", ("Dr",)),
    ("Sedation: MAC, Owen Greatorex, CRNA\n", ("MAC",)),
    ("Dr Price: Afternoon, Evelyn. How is the knee?\n", ("Afternoon",)),
    # An eponym or an organism beside a found name it opens with, a found name cut short.
    ("Dr Hendry saw him on the farm.\nHendra virus PCR not detected.\n", ("Hendra",)),
    ("Dr Mila Novak reviewed.\nWithin Milan criteria for transplant.\n", ("Milan",)),
    ("Seen by Dr Vandana Gardai. Garda vetting is up to date.\n", ("Garda",)),
]


@pytest.mark.parametrize(("text", "words"), _KEPT)
def test_routes_words_and_services_beside_a_name_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


def test_the_readings_are_linear() -> None:
    def variants(n: int) -> list[Redaction]:
        text = "Dr Lehtonen; Lehtoselle; Lehtonen, A\nLehtonen/ab\nJS/lm\n" * n
        found = [Redaction("name", 3, 11, "Lehtonen", "[NAME]")]
        return list(name_variant_spans(text, found, lexicon()))

    def roles(n: int) -> list[Redaction]:
        text = "hoitaja Heikkinen, infermiera Di Stefano, piel. Zielińska A. " * n
        return list(role_abroad_spans(text, lexicon()))

    assert_linear(variants, 400)
    assert_linear(roles, 400)


# The blind half dev82: 42 notes, 451 identifiers (PERSON 266, PATIENT 60), 81 clinical terms.
# Blind (main 740d7d5): 405/451 found (PERSON 235, PATIENT 53), 21 damaged; deid62b 428
# (PERSON 253, PATIENT 58), 21 damaged.
def test_dev82_parses_and_stays_at_its_figures() -> None:
    from fixtures.deid_corpus import load, redactor_spans, score

    notes = load("dev82")
    assert len(notes) == 42
    assert sum(len(n.identifiers) for n in notes) == 451
    assert sum(len(n.clinical) for n in notes) == 81

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 428
    assert result.clinical_damaged <= 21
