"""review63a (review of deid63a): a Finnish kind with a case ending after a capitalised word is
a facility only where that word is a place's genitive name ("Kallion terveysasemalla"). A
sentence's capitalised first word before a generic kind ("Sydänosastolla sairaalassa",
"Verikokeet terveysasemalla", "Tutkimukset sairaalassa normaalit") is a clinical word, a verb
or an adverb: deid63a removed it with the kind as one facility (main before it kept both)."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_nordic_orgs import nordic_facilities

# Each pair was removed whole as [FACILITY] on main 1fe14473 (deid63a merged).
_GENERIC = [
    ("Sydänosastolla sairaalassa seurattiin rytmiä.\n", ("Sydänosastolla", "sairaalassa")),
    ("Päivystyksessä sairaalassa otettiin EKG.\n", ("Päivystyksessä", "sairaalassa")),
    ("Teho-osastolla sairaalassa hoidettiin 3 vrk.\n", ("Teho-osastolla", "sairaalassa")),
    ("Kontrolli terveysasemalla 2 viikon kuluttua.\n", ("Kontrolli", "terveysasemalla")),
    ("Jatkohoito terveyskeskuksessa.\n", ("Jatkohoito", "terveyskeskuksessa")),
    ("Lääkkeet apteekista.\n", ("Lääkkeet", "apteekista")),
    ("Verikokeet terveysasemalla ensi viikolla.\n", ("Verikokeet", "terveysasemalla")),
    ("Päivystys aluesairaalassa.\n", ("Päivystys", "aluesairaalassa")),
    ("Tutkimukset sairaalassa normaalit.\n", ("Tutkimukset", "sairaalassa")),
    ("Omaiset sairaalalla.\n", ("Omaiset", "sairaalalla")),
    ("Käynti terveysasemalla 3.2.\n", ("Käynti", "terveysasemalla")),
    ("Kunnan terveyskeskuksessa kontrolli.\n", ("Kunnan", "terveyskeskuksessa")),
]


@pytest.mark.parametrize(("text", "words"), _GENERIC)
def test_a_sentences_first_word_and_a_generic_kind_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


@pytest.mark.parametrize(
    "text",
    [
        "Sydänosastolla sairaalassa seurattiin rytmiä.\n",
        "Siirretään sairaalaan.\n",
        "Aiemmin sairaalassa 2019.\n",
        "Tänään terveysasemalla.\n",
        "Päivystykseen sairaalaan.\n",
        "Muutto palvelukotiin keväällä.\n",
        "Tukiasuminen palvelutalossa.\n",
        "Rokotukset neuvolassa ajan tasalla.\n",
        "Kunnan terveyskeskuksessa kontrolli.\n",
        "Kaupungin sairaalassa hoidettu.\n",
        "Oman terveysaseman lääkäri seuraa.\n",
        "Saman sairaalan päivystyksessä.\n",
    ],
)
def test_no_finnish_facility_without_a_genitive_name(text: str) -> None:
    assert nordic_facilities(text, lexicon()) == []


# Must-remove: the genitive name still goes after a clinical word, a verb or an adverb, and
# a name of two genitives goes whole.
_NAMES = [
    ("Tänään Kallion terveysasemalla INR 2.4.\n", ("Kallion", "terveysasemalla")),
    ("Siirretään Valkeakosken aluesairaalaan.\n", ("Valkeakosken",)),
    ("Verikokeet Lielahden terveysasemalla.\n", ("Lielahden", "terveysasemalla")),
    ("Lääkkeet haettu Tampereen Keskustan apteekista.\n", ("Tampereen", "Keskustan")),
    ("Kotiutus Lepolan palvelukotiin.\n", ("Lepolan",)),
    ("Aiemmin hoidettu Meilahden sairaalassa.\n", ("Meilahden",)),
    ("Operated at Tammelan sairaala in 2019.\n", ("Tammelan",)),
]


@pytest.mark.parametrize(("text", "words"), _NAMES)
def test_a_genitive_name_still_goes(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


def test_the_genitive_run_alone() -> None:
    lex = lexicon()
    text = "Kontrolli Tampereen Keskustan apteekissa; Siirretään Hatanpään sairaalaan.\n"
    found = [text[w.start : w.end] for w in nordic_facilities(text, lex)]
    assert found == ["Tampereen Keskustan apteekissa", "Hatanpään sairaalaan"]


# The Finnish kinds deid63a's list lacked: the genitive name stayed in view beside a generic
# word taken as a place ("Asuu Mäntylän [LOCATION]" on 1fe14473).
_MORE_KINDS = [
    ("Asuu Mäntylän hoivakodissa.\n", ("Mäntylän", "hoivakodissa")),
    ("Asuu Koivikon palvelutalossa.\n", ("Koivikon", "palvelutalossa")),
    ("Rokotus Kalevan neuvolassa.\n", ("Kalevan", "neuvolassa")),
    ("Kuntoutus Kankaanpään kuntoutuskeskuksessa.\n", ("Kankaanpään",)),
    ("Lääkkeet Hervannan apteekilta.\n", ("Hervannan", "apteekilta")),
]


@pytest.mark.parametrize(("text", "words"), _MORE_KINDS)
def test_more_finnish_kinds_go_with_their_name(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)
