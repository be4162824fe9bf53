"""Fixed-form patterns for contact details: telephone, fax, pager and extension numbers,
e-mail addresses, URLs and IP addresses (see :mod:`medlocal.privacy.deid_patterns`).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_pattern_context import NOT_A_VALUE_AFTER

_TLDS = r"com|org|net|edu|gov|io|us|uk|ca|au|nz|ie|info|health|biz|co|nhs|me|app|care"

# An extension word and its number, in English and other languages ("ext. 4", "poste 234",
# "anexo 12", "ramal 301", "Durchwahl 17").
_EXTENSION = r"(?i:ext\.?|extension|poste|anexo|ramal|interno|durchwahl|wewn\.?)[ \t]*\d{1,6}"

# Where a user name follows: a platform, or a word for one ("Strava handle vuvu_runs").
_PLATFORMS = (
    r"instagram|insta|tiktok|snapchat|twitter|facebook|discord|grindr|tinder|hinge|bumble|"
    r"strava|telegram|reddit|twitch|youtube|threads|bluesky|linkedin|xbox|psn|steam|roblox|"
    r"kik|wechat|line[ \t]+id"
)
_USER_WORDS = r"handle|user[ \t]?name|username|login|log-in|user[ \t]+id|gamertag|screen[ \t]?name"
# A platform, perhaps with "profile", "as" or a bracket ("on Instagram as kiki_d09", "Snapchat
# (jj_smith)"), or a username word alone ("Glycaemic profile: HbA1c" has no platform).
HANDLE_CUE = re.compile(
    rf"(?i:\b(?:{_PLATFORMS})(?:[ \t]+(?:{_USER_WORDS}|profile|account))?(?!\w)"
    rf"(?:[ \t]+as\b|[ \t]*\()?|\b(?:{_USER_WORDS})(?!\w))"
    r"(?:[ \t]+(?:is|was))?[ \t]*[:=]?[ \t]*"
)
# A user name: letters, digits, "_" and inner dots, with a digit, "_" or an inner dot in it
# (a plain word after "profile" or "Facebook" is no user name: "Her profile is stable").
_HANDLE = r"(?=\w*(?:[\d_]|\.\w))[A-Za-z_][\w.]*\w"

CONTACT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")),
    ("url", re.compile(r"\b(?:https?://|ftp://|www\.)[^\s<>\"'\])]+", re.I)),
    (
        "ip_address",
        re.compile(r"\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b"),
    ),
    (
        "ip_address",
        re.compile(
            r"(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![\w:])"
            r"|(?<![\w:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?"
            r"(?![\w:])"
        ),
    ),
    (
        "phone",
        re.compile(
            r"(?<![\w-])(?:\+?1[ \t.-]?)?(?:\(\d{3}\)[ \t]?|\d{3}[ \t.-])\d{3}[ \t.-]\d{4}(?![\w-])"
            # "+CC ...": 7 digits at least, so a signed value ("fluid balance +400 mL") is not
            # a telephone number.
            r"|(?<![\w+])\+(?=(?:[ \t.-]?\d){7})\d{1,3}(?:[ \t.-]?\d{1,4}){2,5}(?![\w-])"
        ),
    ),
    # After a phone cue any run of 7-15 digits is a number, whatever its national layout
    # ("Phone: 123-4567", "ph 020 7946 0958", "Mob: 07700 900123"). "pH" is a lab, not a cue.
    (
        "phone",
        re.compile(
            r"(?:\b(?i:phone|tel|telephone|mob|mobile|cell|pager|fax)\b|\b(?:ph|Ph|PH)\b)\.?"
            r"(?i:[ \t]+(?:no\.?|number))?[ \t]*[:#]?[ \t]*"
            r"(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-])"
        ),
    ),
    # Telephone numbers in national layouts: an area code in brackets ("(07) 3555 0142", "(02)
    # 8555-1234"), a trunk code and a dash ("040-2355 1234"), Australian 1300/1800 numbers, two
    # groups of four digits ("6555 0123", not a year: 3-9 first).
    (
        "phone",
        re.compile(
            r"(?<![\w)])\(0?\d{1,4}\)[ \t]?\d{3,4}[ \t.-]?\d{3,4}(?![\w-])"
            r"|(?<![\w+.-])0\d{1,4}-\d{3,4}[ \t-]?\d{3,4}(?![\w-])"
            r"|\b1[38]00[ \t]?\d{3}[ \t]?\d{3}\b"
            rf"|(?<![\w.,/+-])[3-9]\d{{3}}[ \t-]\d{{4}}(?![\w,/-]|\.\d){NOT_A_VALUE_AFTER}"
        ),
    ),
    # A handle with no dot after the @ ("arjun.iyer1931@abdm", an ABHA address).
    ("email", re.compile(r"(?<![\w.@])[A-Za-z0-9._%+-]+@[A-Za-z][A-Za-z0-9-]+(?![\w@.])")),
    # A domain with a path, or a two-level country domain, whatever the top-level domain
    # ("knh.or.ke/tele", "clinic.co.za").
    (
        "url",
        re.compile(
            r"(?<![\w@/.-])(?:(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]+\.)+[A-Za-z]{2,6}/[^\s<>\"'\])]*"
            r"|(?<![\w@/.-])(?:[A-Za-z0-9-]{2,}\.)+(?:co|or|ac|go|gov|org|com|net|edu|ne|nhs|"
            r"med)\.[a-z]{2}\b"
        ),
    ),
    # Telephone labels of one letter ("M: 0412 345 678", "T: 02 9555 0123", "F: ..." a fax),
    # and a country code before a bracketed trunk zero ("+44 (0)20 7946 0958").
    (
        "phone",
        re.compile(
            r"(?:\b[MTHW][ \t]*:[ \t]*)(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-])"
            r"|(?<![\w+])\+\d{1,3}[ \t]?\(0\)[ \t]?\d{1,4}(?:[ \t.-]?\d{2,4}){1,3}(?![\w-])"
        ),
    ),
    ("fax", re.compile(r"\bF[ \t]*:[ \t]*(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-])")),
    # A local number of seven digits ("555-0147").
    ("phone", re.compile(rf"(?<![\w./-])\d{{3}}-\d{{4}}(?![\w/-]|\.\d){NOT_A_VALUE_AFTER}")),
    # A telephone number after a verb of calling ("ring on 555 0147", "text 07700900123",
    # "call him on 0412 345 678"), or after a country code in brackets ("(+353) 1 555 0123").
    (
        "phone",
        re.compile(
            r"(?i:\b(?:ring|call|text|rang|phoned?|contact(?:able)?|sms|whatsapp|landline|"
            r"reach(?:able)?)(?:[ \t]+(?:him|her|them|me|us))?(?:[ \t]+(?:on|at))?)[ \t]*:?[ \t]*"
            r"(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-]|[.,]\d)"
            r"|\(\+\d{1,3}\)[ \t]?\d{1,4}(?:[ \t.-]?\d{2,4}){1,4}(?![\w-])"
        ),
    ),
    # A hospital bleep, pager or extension: 3-6 digits ("bleep 4471", "ext. 2204").
    (
        "phone",
        re.compile(
            r"(?i:\b(?:bleep|pager|page|ext|extension|dect|vocera|ascom|beeper|lrp|"
            r"air[ \t]*call)\b)\.?[ \t]*[:#]?[ \t]*(?P<v>\d{3,6})\b"
        ),
    ),
    # An extension after a telephone number ("(608) 555-0119 ext. 4"; after the pairs of
    # digits of a French number, "01 23 45 67 89 poste 234").
    (
        "phone",
        re.compile(
            r"(?:(?<=[ .-]\d{4})|(?<=[ .-]\d{3}))[ \t]*,?[ \t]*"
            rf"(?P<v>{_EXTENSION}|x[ \t]?\d{{1,6}})(?![\w^]|\.\d)"
            rf"|(?<=\d\d[ .-]\d\d[ .-]\d\d)[ \t]*,?[ \t]*(?P<v2>{_EXTENSION})(?![\w^]|\.\d)"
        ),
    ),
    # A two-digit area code in brackets, as Brazil writes it: "(51) 99824-3170".
    ("phone", re.compile(r"(?<!\w)\(\d{2}\)[ \t]?\d{4,5}-\d{4}\b(?!-)")),
    (
        "url",
        re.compile(rf"(?<![\w@.-])(?:[A-Za-z0-9-]+\.)+(?:{_TLDS})\b(?:/[^\s<>\"'\])]*)?(?![\w@-])"),
    ),
    ("phone", re.compile(r"(?<![\w+.])0\d{2,4}[ \t]\d{3,4}[ \t]\d{3,4}(?![\w-])")),
    # Social-media handles and usernames (eleventh round): after "@" with a digit, "_" or an
    # inner "." in them ("@kiki.d_09"; "@night", "@ 5 mL/h" stay), or such a name after a
    # platform or a username word ("TikTok oisinfb_1", "username shivnb90", "Discord oisin#4471").
    (
        "id_number",
        re.compile(
            rf"(?<![\w@.])@{_HANDLE}"
            rf"|{HANDLE_CUE.pattern}(?P<v>@[A-Za-z_][\w.]*\w|(?:{_HANDLE}|[A-Za-z_]\w*#\d{{4}}))"
            r"(?![\w@#])"
        ),
    ),
    # National numbers with a trunk zero in any grouping, nine to eleven digits ("0800 83 83 83",
    # "07700 900412", "01 555 0123", the UK's six-digit area codes, "016977 41234"), and
    # international numbers after 00 ("00 44 20 7946 0958").
    (
        "phone",
        re.compile(
            r"(?<![\w+.])(?=0(?:[ \t-]?\d){8,10}(?![ \t-]?\d))0\d{1,5}(?:[ \t-]\d{2,6}){1,4}"
            r"(?![\w-])"
            r"|(?<![\w+.])(?=00(?:[ \t.-]?\d){9,14}(?![ \t.-]?\d))00[ \t]?[1-9]\d{0,2}"
            r"(?:[ \t.-]?\d{1,4}){2,5}(?![\w-])"
        ),
    ),
]
