"""left55 (review54a F11): a saved web page's drop-down list with no option marked chosen is
stored as a browser shows it, with its first option ("Route: daily" lost the route), and the
import says so when that option is a real choice; a list of several shows no option then;
several chosen options of a list stay apart with a comma ("Insulin glargine Metformin" read as
one list of three words)."""

from __future__ import annotations

import pytest

from medlocal.ingest.extractors.html import extract_html, html_to_document


def _read(body: str) -> tuple[str, tuple[str, ...]]:
    document = html_to_document(body, "form.html")
    return document.text, document.notes


@pytest.mark.parametrize(
    "options",
    [
        "<option>Oral</option><option>IV</option>",
        "<option value=po>Oral<option value=iv>IV",  # end tags left out
        "<optgroup label=Enteral><option>Oral</option></optgroup><option>IV</option>",
        "<option disabled>Rectal</option><option>Oral</option><option>IV</option>",
    ],
)
def test_a_drop_down_with_none_chosen_shows_its_first_option_and_says_so(options: str) -> None:
    text, notes = _read(f"<p>Route: <select name=route>{options}</select> daily</p><p>Next</p>")
    assert text.splitlines()[0] == "Route: Oral daily"
    assert "Next" in text and "IV" not in text
    assert len(notes) == 1 and "1 list box" in notes[0] and "first option" in notes[0], notes


def test_a_chosen_option_after_the_first_takes_its_place() -> None:
    text, notes = _read(
        "<p>Route: <select><option>Oral<option selected>IV<option>SC</select> daily</p>"
    )
    assert text == "Route: IV daily" and notes == ()


def test_a_placeholder_or_a_single_option_is_stored_without_a_note() -> None:
    text, notes = _read(
        "<p>Route: <select><option value=''>-- choose --<option>IV</select> daily. "
        "Ward: <select><option>Ward 7</select></p>"
    )
    assert text == "Route: -- choose -- daily. Ward: Ward 7" and notes == ()


def test_lists_of_several_show_no_option_when_none_is_chosen() -> None:
    text, notes = _read(
        "<p>Drugs: <select multiple><option>Warfarin<option>Aspirin</select>; "
        "Site: <select size=4><option>Arm<option>Leg</select>.</p>"
    )
    assert text == "Drugs: ; Site: ." and notes == ()


def test_several_chosen_options_of_a_list_are_set_apart_by_commas() -> None:
    text, _ = _read(
        "<p>Drugs: <select multiple><option selected>Insulin glargine<option>Aspirin"
        "<option selected>Metformin</option><option selected>Ramipril</select> daily</p>"
    )
    assert text == "Drugs: Insulin glargine, Metformin, Ramipril daily"


def test_two_unchosen_drop_downs_are_counted_in_one_note_beside_the_charset_note() -> None:
    page = (
        "<html><body><p>Route: <select><option>Oral<option>IV</select>"
        " Freq: <select><option>Daily<option>BD</select> caf\xe9</p></body></html>"
    )
    document = extract_html(page.encode("cp1252"), "form.html")
    assert document.text == "Route: Oral Freq: Daily caf\xe9"
    assert any("2 list boxes" in note for note in document.notes), document.notes
