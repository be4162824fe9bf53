"""Object identifiers of imaging and messaging standards (round 21).

A DICOM study, series or image and an HL7 document carry an object identifier: six or more
numbers joined by dots from a root of 0, 1 or 2 ("Study UID: 1.2.840.113619.2.417.4417.2291.26").
The root names the issuer; the numbers after it are the study's own, as identifying as an
accession number. No version number, address, IP or value has six parts, so the shape alone
is read (an IP address found inside it gives way to the longer span).
"""

from __future__ import annotations

import re

OBJECT_ID_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "id_number",
        re.compile(r"(?<![\w.])[012]\.\d{1,6}(?:\.\d{1,40}){4,}(?![\w-]|\.\d)"),
    ),
]
