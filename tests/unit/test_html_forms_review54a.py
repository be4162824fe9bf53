"""review54a: a saved web page's list boxes (b599986 reads only the chosen option). HTML lets an
<option>'s end tag out; on b599986 an unchosen option left open hid every word after it (the
rest of the page was not stored, unsaid), and two chosen options of a multiple list were glued
('WarfarinAspirin')."""

from __future__ import annotations

from medlocal.ingest.extractors.html import html_to_document


def test_options_without_end_tags_do_not_hide_the_rest_of_the_page() -> None:
    page = (
        "<p>Drug: <select><option>Aspirin<option selected>Warfarin<option>Apixaban</select></p>"
        "<p>INR target 2.5. Next review 3 May.</p><p>Allergy: penicillin</p>"
    )
    assert html_to_document(page, "form.html").text.splitlines() == [
        "Drug: Warfarin",
        "",
        "INR target 2.5. Next review 3 May.",
        "",
        "Allergy: penicillin",
    ]


def test_an_open_option_inside_a_group_is_closed_by_the_groups_end() -> None:
    page = (
        "<form><select><optgroup label=Anticoagulants><option>Aspirin<option>Apixaban"
        "</optgroup></select><p>Seen by the ward pharmacist.</p></form>"
    )
    assert "Seen by the ward pharmacist." in html_to_document(page, "form.html").text


def test_the_chosen_options_of_a_multiple_list_stay_apart() -> None:
    page = (
        "<p>Drugs: <select multiple><option selected>Warfarin</option>"
        "<option selected>Aspirin</option><option>Apixaban</option></select></p>"
    )
    assert html_to_document(page, "form.html").text == "Drugs: Warfarin, Aspirin"
