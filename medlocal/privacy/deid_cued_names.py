"""Fixed-form patterns for names after a cue ("Patient:", "Name:", "Attending:", "Signed by:",
titles such as "Dr." and credentials such as "..., MD"); an all-caps name counts in a "Name:"
field only.
"""

from __future__ import annotations

import re

# A name word; header keywords that often follow a name on the same line are not names. Words are
# joined by single spaces: form fields are usually separated by runs of spaces or tabs. A word must
# end at a word boundary, so "HbA1c" is never cut down to the name-like "HbA".
# Session 42 (walk 42d): nor is a title, whose full stop ends the word ("Referring physician:
# Dr. Gérard Thibodeau" took "Dr" as the name where the accented name did not match).
_NAME_WORD_ANY_CASE = (
    r"(?!(?:MRN|DOB|SSN|Age|Sex|Date|Phone|Tel|Fax|Email|Address|MD|RN|DO|NP|PhD|Dr|Mr|Mrs|Ms|"
    r"Miss|Mx|Prof)\b)"
    r"[A-Z][a-zA-Z'’-]+(?!\w)"
)
# Outside a "Name:" field an all-caps word of 2-5 letters is a clinical acronym ("Pt: CHF
# exacerbation", "Mr. Smith BP 132/84"), not a name, and it ends the cued name.
_NAME_WORD = rf"(?![A-Z]{{2,5}}\b){_NAME_WORD_ANY_CASE}"
_INITIAL = r"(?: [A-Z]\.| [A-Z](?!\w))"
_NAME = rf"{_NAME_WORD}{_INITIAL}?(?: {_NAME_WORD}){{0,2}}"
_NAME_LAST_FIRST = rf"{_NAME_WORD}, ?{_NAME_WORD}{_INITIAL}?"
# In a "Name:" or "Patient:" field an all-caps name of two or more words is a name ("JOHN SMITH"),
# while a single all-caps word is still read as an acronym ("Patient: CHF").
_NAME_ANY_CASE = (
    rf"{_NAME_WORD_ANY_CASE}{_INITIAL}?(?: {_NAME_WORD_ANY_CASE}){{1,2}}"
    # A middle initial after the given name on a form ("QUAYLE BERNARD T").
    r"(?: [A-Z](?![\w.]))?"
)
_NAME_LAST_FIRST_ANY_CASE = rf"{_NAME_WORD_ANY_CASE}, ?{_NAME_WORD_ANY_CASE}{_INITIAL}?"
# Bare family relations ("Mother:", "Sister:") are not cues: in a family history they introduce a
# condition ("Mother: Breast Cancer at 50"), far more often than a relative's name.
# A title after the cue stays in view, as everywhere ("cc: Dr [NAME]").
_TITLE_OUTSIDE = r"(?:(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?[ \t]+)?"
_NAME_CUES = (
    r"patient(?:[ \t]+name)?|name|pt|attending|physician|provider|surgeon|nurse|resident|"
    r"referring[ \t]+(?:physician|doctor|provider)|(?:electronically[ \t]+)?signed[ \t]+by|"
    r"dictated[ \t]+by|seen[ \t]+by|cc|contact|emergency[ \t]+contact|next[ \t]+of[ \t]+kin|"
    r"guardian|"
    # Round 19: the family doctor's label in other languages ("Huisarts: Smit", "Hausarzt:
    # Dr. Weber", "Fastlege: Olsen", "Médecin traitant : Dr Diop"), a role beside it perhaps
    # ("Huisarts/SO:").
    r"huisarts(?:/[A-Za-z]{1,4})?|hausärztin|hausarzt|fastlege|husläkare|egen[ \t]+läkare|"
    r"praktiserende[ \t]+læge|omalääkäri|médecin[ \t]+traitant|medico[ \t]+curante|"
    r"médico[ \t]+de[ \t]+(?:cabecera|família|familia)|lekarz[ \t]+rodzinny|"
    # and staff by their role in Dutch, German and the Nordic languages ("Aios: Sander Rinne",
    # "Oberärztin: Dr. Weber", "Sykepleier: Kari Nordmann").
    r"aios|anios|verpleegkundige|behandelaar|oberarzt|oberärztin|assistenzarzt|"
    r"assistenzärztin|stationsarzt|stationsärztin|chefarzt|chefärztin|sjuksköterska|"
    r"sykepleier|läkare"
)

CUED_NAME_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "name",
        re.compile(
            rf"(?i:\b(?:{_NAME_CUES})[ \t]*:)[ \t]*{_TITLE_OUTSIDE}"
            rf"(?P<v>{_NAME_LAST_FIRST}|{_NAME})"
        ),
    ),
    # A "Name:" or "Patient:" field holds a name even in capitals ("Name: DOE, JANE").
    (
        "name",
        re.compile(
            r"(?i:\b(?:patient|(?:patient[ \t]+)?name|insured|subscriber|policy[ \t]?holder|"
            r"guarantor)[ \t]*:)[ \t]*"
            rf"(?P<v>{_NAME_LAST_FIRST_ANY_CASE}|{_NAME_ANY_CASE})"
        ),
    ),
    ("name", re.compile(rf"\b(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof)\.?[ \t]+(?P<v>{_NAME})")),
    (
        "name",
        # Opens at a word's start: tried inside a word, it was quadratic on a long run of letters.
        re.compile(
            rf"(?P<v>(?<![\w'’-]){_NAME}),?[ \t]+(?:MD|M\.D\.|DO|RN|NP|PA-C|PhD|DDS|FNP|APRN)\b"
        ),
    ),
    # A nickname in quotes beside a name ("Travis \"Bubba\" Kowalski", "(\"Toby\")").
    (
        "name",
        re.compile(
            r"(?:(?<=[A-Za-z] )|(?<=\())[\"“'‘](?P<v>[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?)[\"”'’]"
            r"(?=[ \t]+[A-Z]|\))"
        ),
    ),
    # Initials standing for a person ("J.T. reports"); abbreviations of that shape are left.
    (
        "name",
        re.compile(
            r"(?<![\w.])(?!(?:A\.M|P\.M|U\.S|U\.K|N\.B|P\.S|I\.V|I\.M|P\.O|S\.C|O\.D|B\.D|T\.D|"
            r"Q\.D|D\.O|M\.D|R\.N|N\.P|E\.R|O\.R|G\.P|D\.C|U\.N|E\.U|C\.T|M\.R|A\.F|V\.F|V\.T|"
            r"B\.P|H\.R|P\.R|R\.R|S\.L|P\.V|A\.D|B\.C|E\.G|I\.E)\.)(?P<v>[A-Z]\.[A-Z]\.)"
            r"(?=[ \t]*[,)]|[ \t]+(?:reports|reported|said|says|called|visited|is|was|and)\b)"
        ),
    ),
    # Names written in Chinese, Japanese or Korean script in an English note ("佐藤 博"); the marks
    # of a date (年, 月, 日) are the date's.
    (
        "name",
        re.compile(
            r"(?:(?![年月日])[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af])+"
            r"(?:[ \t\u3000](?:(?![年月日])[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af])+)*"
        ),
    ),
]
