"""Fixed-form patterns for contact details: telephone, fax, pager and extension numbers,
e-mail addresses, URLs and IP addresses (see :mod:`medlocal.privacy.deid_patterns`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from medlocal.privacy.deid_first_characters import skipped_finditer
from medlocal.privacy.deid_lexicon import fold, lexicon
from medlocal.privacy.deid_pattern_context import NOT_A_VALUE_AFTER
from medlocal.privacy.deid_spans import Redaction, label

_TLDS = r"com|org|net|edu|gov|io|us|uk|ca|au|nz|ie|info|health|biz|co|nhs|me|app|care"

# An extension word and its number, in English and other languages ("ext. 4", "poste 234",
# "anexo 12", "ramal 301", "Durchwahl 17").
_EXTENSION = r"(?i:ext\.?|extension|poste|anexo|ramal|interno|durchwahl|wewn\.?)[ \t]*\d{1,6}"

# Where a user name follows: a platform, or a word for one ("Strava handle vuvu_runs").
_PLATFORMS = (
    r"instagram|insta|tiktok|snapchat|twitter|facebook|discord|grindr|tinder|hinge|bumble|"
    r"strava|telegram|reddit|twitch|youtube|threads|bluesky|linkedin|xbox|psn|steam|roblox|"
    r"kik|wechat|line[ \t]+id|"
    # Walk 21: calling and messaging services and other sites with a user name ("See skype:
    # margery.dunne31"; "signal" and "teams" are everyday words of a note, left out).
    r"skype|whatsapp|viber|imessage|facetime|messenger|mastodon|github|tumblr|pinterest|"
    r"kakaotalk|kakao|weibo|qq|vk|onlyfans|patreon|soundcloud|flickr|"
    # Round 19: the messaging services of Vietnam and an older one ("Zalo:
    # tam.vo.bv8").
    r"zalo|icq"
)
# Round 15: a patient portal's or an app's login ("Portal ID: kmorrow_77").
_USER_WORDS = (
    r"handle|user[ \t]?name|username|login|log-in|user[ \t]+id|gamertag|screen[ \t]?name|"
    r"(?:portal|app)[ \t]+(?:id|login|user[ \t]?name)"
)
# Round 19: the login words of other languages ("inlogg sten.bjork52", "Benutzername
# k.maier7", "identifiant jdupont44", "usuario mlopez_3", "gebruikersnaam"), read only where
# one of their stems is in the text (see login_candidates).
_FOREIGN_USER_WORDS = (
    r"inlogg|inloggning|anv[äa]ndarnamn|anv[äa]ndar-?id|brukernavn|brugernavn|k[äa]ytt[äa]j[äa]"
    r"tunnus|benutzer(?:name|kennung)?|anmeldename|identifiant|nom[ \t]+d['’]utilisateur|"
    r"usuario|usu[áa]rio|nome[ \t]+(?:de[ \t]+)?(?:usu[áa]rio|utente)|gebruikersnaam|inlognaam|"
    r"nazwa[ \t]+u[żz]ytkownika|t[êe]n[ \t]+đăng[ \t]+nhập|tài[ \t]+khoản"
)
_FOREIGN_STEMS = (
    "inlog",
    "nvändar",
    "nvandar",
    "rukernavn",
    "rugernavn",
    "yttäjä",
    "yttaja",
    "benutzer",
    "anmeldename",
    "identifiant",
    "utilisateur",
    "usuario",
    "usuário",
    "utente",
    "gebruikersnaam",
    "ytkownika",
    "đăng nhập",
    "tài khoản",
)
# A platform, perhaps with "profile", "as" or a bracket ("on Instagram as kiki_d09", "Snapchat
# (jj_smith)"), or a username word alone ("Glycaemic profile: HbA1c" has no platform).
_HANDLE_CUE = (
    rf"(?i:\b(?:{_PLATFORMS})(?:[ \t]+(?:{_USER_WORDS}|profile|account|id))?(?!\w)"
    rf"(?:[ \t]+as\b|[ \t]*\()?|\b(?:{_USER_WORDS})(?!\w))"
    r"(?:[ \t]+(?:is|was))?[ \t]*+(?:[:=][ \t]*+)?"
)
# The verbs of a system's footer before "by" and a login ("Printed by: jo_reyes2"; see _BY_LOGIN).
_SYSTEM_VERBS = (
    r"printed|exported|entered|generated|created|run|released|modified|updated|edited|accessed|"
    r"downloaded|uploaded|scanned|filed|sent|logged|amended|documented|transcribed"
)
# Where a user name keeps its underscores (deid_ocr): after a handle cue, or after a system's
# "Printed by:" or "user" ("user mlee_04").
HANDLE_CUE = re.compile(
    rf"{_HANDLE_CUE}|(?i:\b(?:(?:{_SYSTEM_VERBS})[ \t]+by(?:[ \t]+user)?|user))"
    r"[ \t]*+(?:[:=][ \t]*+)?"
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
    # Five or six digits cut off at a dash are the start of one, still identifying (walk 18: a
    # model's summary wrote "Telephone: 615-555-").
    (
        "phone",
        re.compile(
            r"(?:\b(?i:phone|tel|telephone|mob|mobile|cell|pager|fax)\b|\b(?:ph|Ph|PH)\b)\.?"
            r"(?i:[ \t]+(?:no\.?|number))?[ \t]*+[:#]?[ \t]*+"
            r"(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14}(?![\w-])"
            r"|\+?\(?\d(?:[ \t().-]{0,2}\d){4,5}-(?![\w-]))"
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
            r"reach(?:able)?)(?:[ \t]+(?:him|her|them|me|us))?(?:[ \t]+(?:on|at|to))?)"
            r"[ \t]*+(?::[ \t]*+)?"
            r"(?P<v>\+?\(?\d(?:[ \t().-]{0,2}\d){6,14})(?![\w-]|[.,]\d)"
            r"|\(\+\d{1,3}\)[ \t]?\d{1,4}(?:[ \t.-]?\d{2,4}){1,4}(?![\w-])"
        ),
    ),
    # A hospital bleep, pager or extension: 3-6 digits ("bleep 4471", "ext. 2204").
    (
        "phone",
        re.compile(
            r"(?i:\b(?:bleep|pager|pgr|page|ext|extension|dect|vocera|ascom|beeper|lrp|"
            # Round 19: an extension in other languages alone ("ramal 6618", "anexo 2241").
            r"ramal|anexo|durchwahl|nebenstelle|toestel|wewn|"
            r"air[ \t]*call)\b)\.?[ \t]*+[:#]?[ \t]*+(?P<v>\d{3,6})\b"
        ),
    ),
    # Session 43: an internal line written "x" and its number after a word of reaching ("phoned
    # to the ICU reg on x 55210", "call x4471"): four to six digits and no unit after them, so
    # a count ("on 3 x 500 mg") stays.
    (
        "phone",
        re.compile(
            # The word before read behind the "x" (one space), so the pattern opens with "x".
            r"(?i:(?<=\bon[ ])|(?<=\bcall[ ])|(?<=\bphone[ ])|(?<=\bphoned[ ])|(?<=\btel[ ])|"
            r"(?<=\bring[ ])|(?<=\brang[ ])|(?<=\bbleep[ ])|(?<=\bpage[ ])|(?<=\bpaged[ ]))"
            rf"(?P<v>[xX][ \t]?\d{{4,6}})\b(?![.,:/-]?\d){NOT_A_VALUE_AFTER}"
        ),
    ),
    # Round 19: a pager's short form and a ward's internal line ("Med reg pg 2241", "Contact
    # ward: local 5912"): four or five digits only ("pg 12" is a page) and no unit after them
    # ("local 1000 units" is a dose).
    (
        "phone",
        re.compile(
            r"(?:\b(?:pg|Pg|PG)\.?|\b(?:[Ll]ocal|LOCAL)(?:[ \t]+(?:ext|extension|line|no)\.?)?)"
            r"[ \t]*+[:#]?[ \t]*+(?!(?:19|20)\d\d\b)(?P<v>\d{4,5})\b(?![.,:/-]?\d)"
            rf"{NOT_A_VALUE_AFTER}"
        ),
    ),
    # Round 19: eight digits in four pairs in brackets after a name, as Norway and Denmark
    # write a telephone number ("Ola Nordmann (22 41 87 09)").
    # A capitalised word before it: "readings today (12 14 16 18)" are counts.
    (
        "phone",
        re.compile(r"\b[A-Z][^\W\d_]+[ \t]\((?P<v>\d{2}[ ]\d{2}[ ]\d{2}[ ]\d{2})\)"),
    ),
    # An extension after a telephone number ("(608) 555-0119 ext. 4"; after the pairs of
    # digits of a French number, "01 23 45 67 89 poste 234").
    (
        "phone",
        re.compile(
            r"(?:(?<=[ .-]\d{4})|(?<=[ .-]\d{3}))[ \t]*,?[ \t]*"
            # ... or a menu's option ("1-800-555-0142 opt 3").
            rf"(?P<v>{_EXTENSION}|x[ \t]?\d{{1,6}}|(?i:opt(?:ion)?\.?|press)[ \t]*\d{{1,2}})"
            r"(?![\w^]|\.\d)"
            rf"|(?<=\d\d[ .-]\d\d[ .-]\d\d)[ \t]*,?[ \t]*(?P<v2>{_EXTENSION})(?![\w^]|\.\d)"
        ),
    ),
    # A two-digit area code in brackets, as Brazil writes it: "(51) 99824-3170".
    ("phone", re.compile(r"(?<!\w)\(\d{2}\)[ \t]?\d{4,5}-\d{4}\b(?!-)")),
    # Round 18: an area code in brackets and the number in three, two and two digits, as
    # Poland and Russia write it ("(33) 879-44-10", "(495) 123-45-67").
    ("phone", re.compile(r"(?<!\w)\(\d{2,4}\)[ \t]?\d{3}-\d{2}-\d{2}\b(?![-/])")),
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
            rf"|{_HANDLE_CUE}(?P<v>@[A-Za-z_][\w.]*\w|(?:{_HANDLE}|[A-Za-z_]\w*#\d{{4}}))"
            r"(?![\w@#])"
        ),
    ),
    # National numbers with a trunk zero in any grouping, nine to eleven digits ("0800 83 83 83",
    # "07700 900412", "01 555 0123", the UK's six-digit area codes, "016977 41234"), and
    # international numbers after 00 ("00 44 20 7946 0958").
    (
        "phone",
        re.compile(
            # (a German area code and a seven-digit number, "0234 5558812")
            r"(?<![\w+.])(?=0(?:[ \t-]?\d){8,10}(?![ \t-]?\d))0\d{1,5}(?:[ \t-]\d{2,7}){1,4}"
            r"(?![\w-])"
            r"|(?<![\w+.])(?=00(?:[ \t.-]?\d){9,14}(?![ \t.-]?\d))00[ \t]?[1-9]\d{0,2}"
            r"(?:[ \t.-]?\d{1,4}){2,5}(?![\w-])"
        ),
    ),
]


# Twelfth round: system and portal user names. A login is lower case with "_" or an inner dot
# ("srd_front2", "a.khan", "mlee.rn") or letters then digits ("jdoe4", "tkowal01"); an English
# or clinical word before the digits is no login ("covid19", "day3", "news2").
_LOGIN = r"(?<![\w@.])[a-z][a-z0-9]*(?:[._][a-z0-9]+)+(?![\w@]|\.\w)|(?<![\w@.])[a-z]{3,}\d{1,4}\b"
# Where a system writes who made the page: "Printed by: jdoe4", "Note entered by tkowal01",
# "Printed 03/04 10:12 by a.khan", "user mlee_04 | host", "portal user: pjones77". Speed: the
# literal opens the pattern (the engine skips to it); the verb is looked for before it.
_BY_LOGIN = re.compile(rf"by(?<!\wby)(?:[ \t]+user)?[ \t]*+(?::[ \t]*+)?(?P<v>{_LOGIN})")
_VERB_BEFORE = re.compile(rf"(?i:\b(?:{_SYSTEM_VERBS})\b)(?:[^\n.;|]|\.(?=\S)){{0,40}}?[ \t]*\Z")
_USER_LOGIN = re.compile(rf"(?<![A-Za-z])(?i:user)[ \t]*+(?:[:=][ \t]*+)?(?P<v>{_LOGIN})")
_FOREIGN_LOGIN = re.compile(
    rf"(?i:\b(?:{_FOREIGN_USER_WORDS})(?!\w))(?:[ \t]+(?:is|ist|är|er|é|es))?[ \t]*+"
    rf"(?:[:=][ \t]*+)?(?P<v>@[A-Za-z_][\w.]*\w|{_HANDLE})(?![\w@#])"
)
# Round 19: a message's sender or addressee by login in a portal thread's header ("From:
# mlakeside82 (patient account)", "To: j.okafor"): the field's word with its colon, then a login.
# Speed: the colon first, the field's word read behind it.
_HEADER_LOGIN = re.compile(
    r"(?=:)(?:"
    + "|".join(
        f"(?<=\\b{word})"
        for word in (
            "From",
            "To",
            "Cc",
            "Sender",
            "Recipient",
            "Von",
            "An",
            "De",
            "Para",
            "Van",
            "Aan",
            "Från",
            "Till",
        )
    )
    + rf"):[ \t]*(?P<v>{_LOGIN})"
)
# After a strong cue a login may be letters alone, if no English word: "by user mwhite",
# "user ID: dkerr", "logged in as pnair".
# A practice's EDI address is one too ("edi kowhaimed", "EDI: rivermed01").
_STRONG_CUE = re.compile(
    r"(?i:\bby[ \t]+user|\buser[ \t]*(?:id|name)|\busername|\blog(?:-?in|ged[ \t]+in[ \t]+as)|"
    r"\bedi(?:[ \t]+(?:address|code))?)"
    r"(?![A-Za-z])[ \t]*+(?:[:=][ \t]*+)?(?P<v>(?-i:[a-z]{4,16}\d{0,4}))\b(?![.@-]\w)"
)
# A handle in brackets right after its owner's name, made from it: "From: Dana Reyes
# (dreyes_88)", "mo tran-li (motranli7)". A word of the name (four letters or more) is in it.
# Its underscores are read as spaces before the rules (deid_ocr): "(dreyes 88)".
_BRACKET_HANDLE = re.compile(
    r"(?<=[A-Za-z])[ \t]*\((?P<v>[A-Za-z][A-Za-z0-9]*(?:[._][A-Za-z0-9]+|[ ]\d+)*)\)"
)
# The name before it: up to four words on its line.
# A credential may stand between ("Dana Reyes, RN (dreyes)").
_NAME_BEFORE = re.compile(
    r"(?:[A-Za-z][A-Za-z'-]*[ \t]+){0,3}[A-Za-z][A-Za-z'-]*"
    r"(?:,?[ \t]*(?:RN|RM|MD|NP|PA|DO|LPN|CNA|RPN|PharmD|RPh|MSW|LCSW|HCA))?\Z"
)
# An "@" handle after a word for one's account or a platform, even without a digit: "her
# account (@sunnyloaves)", "Instagram - @mossandfern".
_AT_HANDLE = re.compile(r"@(?<![\w@.]@)(?P<v>[A-Za-z_][\w.]*[A-Za-z0-9_])(?![\w@])")
_AT_CUE_BEFORE = re.compile(
    rf"(?i:\b(?:account|handle|profile|page|channel|username|{_PLATFORMS})\b)[^\n.;@]{{0,20}}\Z"
)


def _no_word_login(value: str) -> bool:
    """A login, not a word with a number ("covid19", "day3") or an abbreviation ("e.g")."""
    if re.fullmatch(r"[a-z](?:\.[a-z])+", value):
        return False  # "e.g", "i.e", "a.m"
    letters = re.fullmatch(r"([a-z]+)\d+", value)
    lex = lexicon()
    word = fold(letters.group(1)) if letters else fold(value)
    return not (lex.clinical(word) or (letters is not None and lex.known(word)))


def _handle_of_name(name: str, handle: str) -> bool:
    """Whether a name's word of four letters or more, a name and no clinical word, is in the
    handle ("Dana Reyes" and "dreyes_88"; "positive for COVID (covid19)" is none)."""
    has_digit_or_mark = any(c.isdigit() or c in "._" for c in handle)
    if not _no_word_login(handle.lower().replace(" ", "_")):
        return False
    if not has_digit_or_mark:
        # Letters alone only as the usual login of the name: an initial and the surname, or
        # the two names joined ("jfairley", "fairleyj", "janellefairley").
        return _login_of_name(name, handle.lower())
    lex = lexicon()
    for word in re.split(r"[ \t'-]+", name):
        lower = fold(word)
        if len(lower) < 4 or word.isupper() or lower not in handle.lower():
            continue
        if not lex.clinical(lower) and (lex.name_like(lower) or not lex.known(lower)):
            return True
    return False


def _login_of_name(name: str, handle: str) -> bool:
    words = [fold(w) for w in re.findall(r"[A-Za-z][A-Za-z'-]*", name) if not w.isupper()]
    for first, last in pairwise(words):
        if len(last) >= 4 and handle in (first[0] + last, last + first[0], first + last):
            lex = lexicon()
            return not lex.clinical(last) and (lex.name_like(last) or not lex.known(last))
    return False


def login_candidates(text: str) -> Iterator[Redaction]:
    """System user names and handles after their cue (see _BY_LOGIN, _USER_LOGIN, _STRONG_CUE,
    _BRACKET_HANDLE and _AT_HANDLE)."""
    found: list[tuple[int, int]] = []
    for match in _BY_LOGIN.finditer(text):
        verb = _VERB_BEFORE.search(text, max(0, match.start() - 60), match.start())
        if verb is not None and _no_word_login(match.group("v")):
            found.append(match.span("v"))
    for match in skipped_finditer(_USER_LOGIN, text):
        if _no_word_login(match.group("v")):
            found.append(match.span("v"))
    lower = text.lower()
    if any(stem in lower for stem in _FOREIGN_STEMS):
        found += [match.span("v") for match in skipped_finditer(_FOREIGN_LOGIN, text)]
    if ":" in text:
        for match in skipped_finditer(_HEADER_LOGIN, text):
            if _no_word_login(match.group("v")):
                found.append(match.span("v"))
    for match in skipped_finditer(_STRONG_CUE, text):
        # No plain word ("by user steroids"); known() would also read a made-up login as a
        # compound of words ("kowhaimed"), so the dictionary itself is asked.
        word = match.group("v").rstrip("0123456789")
        lex = lexicon()
        if not (word in lex.english or lex.inflected(word) or lex.clinical(word)):
            found.append(match.span("v"))
    if "(" in text:
        for match in skipped_finditer(_BRACKET_HANDLE, text):
            name = _NAME_BEFORE.search(text, max(0, match.start() - 60), match.start())
            if name is not None and _handle_of_name(name.group(), match.group("v")):
                found.append(match.span("v"))
    if "@" in text:
        for match in _AT_HANDLE.finditer(text):
            if _AT_CUE_BEFORE.search(text, max(0, match.start() - 40), match.start()):
                found.append((match.start(), match.end()))
    for start, end in found:
        yield Redaction("id_number", start, end, text[start:end], label("id_number"))
