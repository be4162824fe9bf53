"""Postcodes, telephone extensions and document numbers in more written forms (round 13).

* A US ZIP code on the line after its state ("..., MO" then "63127   Ph ..."), as letterheads
  break them.
* An Indian PIN code written in two groups of three after a place ("Tiruchirappalli 620 017",
  "Punjab - 144 411"); the place must be no clinical or English word.
* A European postcode opening the line after a street's house number, before its town
  ("Schwarzwaldstraße 112" then "79117 Freiburg").
* An extension after its word and the words for whose line it is ("bleep ward sister 2461",
  "ramal da enfermaria 6144"), or written "x214" after a name; a Mexican number of two, four
  and four digits after a telephone word ("Cel.: 55 3104 8876").
* A Spanish collegiate number after "col." ("col. 41/09871").
* Latin-American identity and tax numbers in dotted thousands after their document word
  ("C.C. 1.037.588.214", "Número: 1.037.588.214", "NIT 890.901.826-2"), and such a number with
  its check digit anywhere ("890.901.826-2"): an amount has no check digit, and a count or price
  no document word.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_addresses import STATES

_NOT_A_VALUE = r"(?![.,]\d|[ \t]*(?i:mg|mcg|ml|units?|iu|%|°|degrees?|mmol|g/))"

NUMBER_FORM_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("zip_code", re.compile(rf"\b(?:{STATES})[ \t]*\n[ \t]*(?P<v>\d{{5}}(?:-\d{{4}})?)\b(?![.,:/]\d)")),
    (
        "zip_code",
        re.compile(
            r"(?P<p>\b[A-Z][\w'’-]{1,40})[ \t]*[-–,]?[ \t]*(?P<v>[1-8]\d{2}[ ]\d{3})\b"
            r"(?![ \t]*[-/.,:]?[ \t]*\d)"
        ),
    ),
    (
        "zip_code",
        re.compile(
            r"\d{1,4}[a-zA-Z]?[ \t]*\n[ \t]*(?P<v>\d{4,5})[ \t]+"
            r"(?P<p>[A-ZÄÖÜ][\w'’-]+(?:[ \t]+[A-ZÄÖÜ][\w'’-]+)?)[ \t]*$",
            re.M,
        ),
    ),
    (
        "phone",
        re.compile(
            r"\b(?i:bleep|ramal|extension|ext\.?|pager|poste|anexo|interno|durchwahl)"
            r"(?:[ \t]+(?-i:[a-zà-ÿ]+)){1,3}[ \t]*:?[ \t]*(?P<v>\d{3,6})\b"
            rf"{_NOT_A_VALUE}"
        ),
    ),
    ("phone", re.compile(r"(?P<p>\b[A-Z][a-z]+)[ \t]+x(?P<v>\d{3,5})\b(?![.,]\d)")),
    (
        "phone",
        re.compile(
            r"\b(?i:tel|tel[ée]fono|cel|celular|m[óo]vil|mob|mobile|ph|phone|whatsapp)\b"
            r"[^\n\d]{0,40}?(?P<v>\d{2}[ ]\d{4}[ ]\d{4})\b(?![.,]?\d)"
        ),
    ),
    (
        "licence_number",
        re.compile(r"\b(?i:col\.)[ \t]*(?:(?i:n[º°o])\.?[ \t]*)?:?[ \t]*(?P<v>\d{2}/\d{4,6})\b"),
    ),
    (
        "ssn",
        re.compile(
            r"\b(?:(?i:n[úu]mero|c[ée]dula(?:[ \t]+de[ \t]+ciudadan[íi]a)?|documento"
            r"(?:[ \t]+de[ \t]+identidad)?|nuip|nit)|C\.[ \t]?C\.|CC|RUT|RUN|CI|C\.I\.|DNI|TI|"
            r"T\.I\.|CE)"
            r"[ \t]*(?:(?i:n[º°o])\.?[ \t]*)?[:#]?[ \t]*"
            r"(?P<v>\d{1,3}(?:\.\d{3}){2,3}(?:-[\dkK])?)(?![\w.,]?\d|\w)"
            r"|(?<![\w.,-])\d{1,3}(?:\.\d{3}){2,3}-[\dkK]\b(?![-.]\w)"
        ),
    ),
]
