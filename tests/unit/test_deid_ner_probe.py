"""The NER probe (tools/deid_ner_probe.py): what a filter of spaCy's entities would add to the
rules' spans, scored on hand-made readings (no spaCy needed)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from types import ModuleType

import pytest
from fixtures.deid_corpus import Note, Span
from fixtures.tools import load_tool


@pytest.fixture
def probe() -> Iterator[ModuleType]:
    module = load_tool("deid_ner_probe")
    yield module


def _note(text: str, idents: list[tuple[str, str]], clinical: list[str]) -> Note:
    def span(kind: str, words: str) -> Span:
        start = text.index(words)
        return Span(kind, start, start + len(words), words)

    return Note(
        "n1",
        "letter",
        "Ann Vale",
        "123",
        date(1950, 1, 1),
        text,
        [span(k, w) for k, w in idents],
        [span("CLINICAL", w) for w in clinical],
    )


def _entity(text: str, words: str, label: str) -> tuple[int, int, str, str]:
    start = text.index(words)
    return (start, start + len(words), label, words)


def test_a_titled_organisation_is_recovered_and_an_acronym_spared(probe: ModuleType) -> None:
    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.privacy.deid_words import read_tokens

    lex = lexicon()
    text = "Referred to Capital City Orthodontics today. CXR clear.\n"
    note = _note(text, [("FACILITY", "Capital City Orthodontics")], ["CXR"])
    ents = [_entity(text, "Capital City Orthodontics", "ORG"), _entity(text, "CXR", "ORG")]
    tally = probe.probe([note], [([], ents, read_tokens(text, lex))], lex, show=False)
    assert tally.rules_missed["FACILITY"] == 1
    # every ORG entity, whole: the facility recovered, the chest X-ray redacted
    assert tally.recovered["names"]["FACILITY"] == 1
    assert tally.added_damage["names"] == 1
    # capitalised words only, two at least: the facility still, the acronym no longer
    assert tally.recovered["names_titled_two_words"]["FACILITY"] == 1
    assert tally.added_damage["names_titled_two_words"] == 0


def test_a_rule_span_counts_as_found_and_its_terms_as_the_rules_damage(probe: ModuleType) -> None:
    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.privacy.deid_words import read_tokens

    lex = lexicon()
    text = "Seen by Dr Quillane. Bruce protocol stopped.\n"
    note = _note(text, [("PERSON", "Quillane")], ["Bruce protocol"])
    name, eponym = text.index("Quillane"), text.index("Bruce")
    rules = [(name, name + len("Quillane")), (eponym, eponym + len("Bruce"))]
    tally = probe.probe([note], [(rules, [], read_tokens(text, lex))], lex, show=False)
    assert tally.rules_missed["PERSON"] == 0
    assert tally.rules_damaged == 1
    assert sum(tally.added_damage.values()) == 0


def test_trimming_drops_the_words_the_rules_protect(probe: ModuleType) -> None:
    from medlocal.privacy.deid_lexicon import lexicon
    from medlocal.privacy.deid_words import read_tokens

    lex = lexicon()
    text = "Kellgren-Lawrence grade 3 at Harbor Crest Clinic.\n"
    tokens = read_tokens(text, lex)
    ents = [_entity(text, "Kellgren-Lawrence", "PERSON"), _entity(text, "Harbor Crest", "ORG")]
    spans = probe._trimmed(ents, tokens, lex, probe._unprotected, 1)
    covered = {text[a:b] for a, b in spans}
    assert "Kellgren-Lawrence" not in covered  # an eponym with its head: protected
    assert {"Harbor", "Crest"} <= covered
