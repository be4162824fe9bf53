"""Fixed-form patterns for dates that the date redactor (:mod:`medlocal.privacy.deid_dates`)
does not read: weekdays, ordinals and month names in other forms, and a month and day without a
cue (day and month in other languages: :mod:`medlocal.privacy.deid_foreign_forms`).
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_pattern_context import NOT_DATE_AFTER, UNIT_AFTER

# Fourth round: general forms found by the third development half (dev3).
_WEEKDAY = (
    r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day)?|Tuesday|Wednesday|Thursday|"
    r"Saturday|Weds"
)
_ORDINAL_WORDS = (
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
    r"twenty[ -](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|"
    r"thirty[ -]first"
)
# A year in words ("nineteen seventy-nine", "two thousand and five", "twenty twenty-four").
_YEAR_WORDS = (
    r"(?:nineteen|twenty)[ \t]+(?:hundred|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|o[ -](?:one|two|three|four|"
    r"five|six|seven|eight|nine)))|two[ \t]+thousand(?:[ \t]+(?:and[ \t]+)?(?:one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|twenty(?:[ -](?:one|two|three|four|five))?))?"
)
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)

# The numbers of a date's parts, as every date module writes them (a day and a month that
# may be zero-padded, a year of two or four digits, a month in Roman numerals).
DAY_NUMBER = r"(?:0?[1-9]|[12]\d|3[01])"
MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
YEAR_NUMBER = r"(?:19|20)?\d\d"
YEAR4 = r"(?:19|20)\d\d"
ROMAN_MONTH = r"(?:I{1,3}|IV|VI{0,3}|IX|XI{0,2})"
_DAY = r"(?:[12]?\d|3[01])"
# English months in full and abbreviated, capitalised (shared with deid_world_dates).
MONTH_SHORT = rf"{_MONTH_NAMES}|Sept?|Oct|Nov|Dec|Jan|Feb|Mar|Apr|Jun|Jul|Aug"
# A month and day spaced, either order ("03 14", "14 03").
_SPACED_MD = (
    r"(?:0?[1-9]|1[0-2])[ ](?:0?[1-9]|[12]\d|3[01])|(?:1[3-9]|2\d|3[01])[ ](?:0?[1-9]|1[0-2])"
)
# A month and day without a year, either order ("3/20", "20/3").
_MD = r"(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])"
# The same, but not a grade out of five ("power 4/5") or Snellen acuity in metres ("6/9",
# "6/12"): for the rules whose cue a measurement shares ("(Hip Flexion, 4/5)", "6/9: right
# eye"). A day past the fifth stays ("23/5").
_MD_NOT_GRADE = rf"(?![1-5]/5\b|6/(?:4|5|6|9|12|18|24)\b)(?:{_MD})"
# Nor a score out of ten ("Pain reviewed 7/10"), where the cue is as often a measurement's.
MD_NOT_SCORE = rf"(?!(?:[1-9]|10)/10\b){_MD_NOT_GRADE}"

# Round 15: a range of days before a month, or one day before a month in lower case as chat
# writes it ("16-18 nov", "off work 3 oct"): only the abbreviations that are no English word
# ("mar", "may", "jun" and "jul" stay capitalised only; "dec" may be "decreased").
_LOWER_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|apr(?:il)?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|june|july"
)
_DAY_RANGE_MONTH = re.compile(
    r"\b(?:[12]?\d|3[01])[ \t]*[-–][ \t]*(?:[12]?\d|3[01])[ \t]+"
    rf"(?:{MONTH_SHORT}|(?!dec)(?:{_LOWER_MONTHS}))\b(?![ \t]*[-/.]?\d)"
    rf"|\b(?:[12]?\d|3[01])[ \t]+(?!dec)(?:{_LOWER_MONTHS})\b(?![ \t]*[-/.]?\d|\.\w)"
)

DATE_FORM_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("date", _DAY_RANGE_MONTH),
    # Dates: a weekday before a day ("Tues 14th", "Mon 17/11", "Sat 11/1"), a month named after
    # a preposition ("in June", "since May"), a date written with CJK year, month and day marks.
    (
        "date",
        re.compile(
            # Not a score, a saturation or a dose ("Sat 5/10 pain", "Sat 94/95", "Fri 3/4 tab").
            rf"\b(?P<v>(?:{_WEEKDAY})\.?,?[ \t]+(?:(?:the[ \t]+)?\d{{1,2}}(?:st|nd|rd|th)\b"
            rf"|{_DAY}/{_DAY}\b(?!/|{NOT_DATE_AFTER})))"
        ),
    ),
    (
        "date",
        re.compile(
            r"(?i:\b(?:in|since|until|till|during|by|from|early|mid|late|end[ \t]+of|"
            r"beginning[ \t]+of|start[ \t]+of|last|next|before|after|through)[ \t]+)"
            rf"(?P<v>(?:{_MONTH_NAMES}|Sept?|Oct|Nov|Dec|Jan|Feb|Aug)\b)"
        ),
    ),
    ("date", re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日")),
    # An ISO date with its time ("2025-08-14T09:30"), a holiday that names a day ("Christmas
    # Eve", "Boxing Day", "Anzac Day"), a day in words ("the fourteenth of August", "August the
    # 14th").
    ("date", re.compile(r"\b\d{4}-\d{2}-\d{2}(?=T\d)")),
    (
        "date",
        re.compile(
            r"\b(?:Christmas(?:[ \t]+(?:Day|Eve))?|New[ \t]+Year['’]?s(?:[ \t]+(?:Day|Eve))?|"
            r"Boxing[ \t]+Day|Thanksgiving(?:[ \t]+Day)?|Halloween|Valentine['’]?s[ \t]+Day|"
            r"Independence[ \t]+Day|Canada[ \t]+Day|Australia[ \t]+Day|(?:Anzac|ANZAC)[ \t]+Day|"
            r"Waitangi[ \t]+Day|St\.?[ \t]+Patrick['’]?s[ \t]+Day|Guy[ \t]+Fawkes(?:[ \t]+Night)?|"
            r"Bonfire[ \t]+Night|Remembrance[ \t]+Day|Memorial[ \t]+Day|Labou?r[ \t]+Day|"
            r"Good[ \t]+Friday|Easter(?:[ \t]+(?:Sunday|Monday|Day))?|Bastille[ \t]+Day|"
            # a day the world keeps on one date ("International Women's Day", 8 March)
            r"International[ \t]+(?:Women|Workers|Nurses|Men|Children)['’]?s['’]?[ \t]+Day)\b"
            # "Christmas disease" (haemophilia B) and "Christmas factor" are no day.
            r"(?![ \t]+(?:disease|factor)\b)"
        ),
    ),
    (
        "date",
        re.compile(
            rf"(?i:\b(?:the[ \t]+)?(?:{_ORDINAL_WORDS})(?:[ \t]+of)?[ \t]+)"
            # after a day in words a month may be typed in lower case, but for "may"
            rf"(?:(?-i:{_MONTH_NAMES})|(?i:{_MONTH_NAMES.replace('May|', '')}))\b"
            r"(?:,?[ \t]+(?:19|20)\d\d\b)?"
            rf"|\b(?:{_MONTH_NAMES})[ \t]+the[ \t]+"
            rf"(?:\d{{1,2}}(?:st|nd|rd|th)|(?i:{_ORDINAL_WORDS}))\b"
            # Eleventh round: a month and its day in words, and a year in words after it
            # ("August fifteenth nineteen seventy-nine").
            rf"|\b(?:{_MONTH_NAMES})[ \t]+(?i:{_ORDINAL_WORDS})\b"
            rf"(?:,?[ \t]+(?i:{_YEAR_WORDS}))?"
            # A part of a month ("early November", "end of March"), written with its month.
            rf"|(?i:\b(?:early|late|mid|end[ \t]+of|beginning[ \t]+of|start[ \t]+of)[ \t]+)"
            rf"(?:{_MONTH_NAMES})\b"
            # A named day of Spanish-speaking countries ("Día de la Hispanidad").
            # Round 18: in lower case too, with its article ("día del Pilar").
            r"|\b(?:D[ií]a[ \t]+(?:de(?:l|[ \t]+la|[ \t]+los|[ \t]+las)?)"
            r"|d[ií]a[ \t]+(?:del|de[ \t]+(?:la|los|las)))[ \t]+[A-ZÁÉÍÓÚ]\w+"
        ),
    ),
    # A month and day alone in a field, between field gaps ("Towson, MD   7/4").
    (
        "date",
        re.compile(
            r"(?:(?<=[ \t]{2})|(?<=\t))(?P<g>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))"
            r"(?=[ \t]*$|[ \t]{2}|\t)",
            re.M,
        ),
    ),
    # Holidays and named days that fix a date, of many countries and faiths ("Veterans Day",
    # "Whit Monday", "Chinese New Year", "Diwali", "Hallowe'en", "Ostermontag", "fête
    # nationale").
    (
        "date",
        re.compile(
            r"\b(?:Veterans['’]?|Groundhog|May|Presidents['’]?|Columbus|Victoria|Family|"
            r"Armistice|Mother['’]?s|Father['’]?s|Ascension|Epiphany|Pentecost|Juneteenth|"
            r"Emancipation|Heritage|Reconciliation|Freedom|Republic|National|Constitution|"
            r"Unity|Youth|Women['’]?s|Workers['’]?|Sinterklaas|King['’]?s|Queen['’]?s|Burns|"
            r"All[ \t]+Saints['’]?|All[ \t]+Souls['’]?|"
            r"Martin[ \t]+Luther[ \t]+King(?:[ \t]+Jr\.?)?|"
            r"MLK|St\.?[ \t]+(?:Andrew|David|George|Stephen|Valentine)['’]?s|"
            # Round 17: any saint's day ("St Brigid's Day"), Kenyan and other national days.
            r"St\.?[ \t]+[A-Z][a-z]+['’]s|Saint[ \t]+[A-Z][a-z]+['’]s|Mashujaa|Madaraka|"
            r"Jamhuri|Heroes['’]?|Human[ \t]+Rights|Moi|Utamaduni)[ \t]+Day\b"
            # "St Mary's Day Hospital" is a place, not a day.
            r"(?![ \t]+(?:Hospital|Surgery|Unit|Centre|Center|Care|Case|Services?|Clinic|Ward|"
            r"Procedures?|Treatment|Therapy|Room|Assessment))"
            r"|\b(?:Whit|Easter|Pentecost|Shrove|Ash|Palm|Maundy|Holy|Remembrance|Mothering|"
            r"Trinity)[ \t]+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
            r"|\b(?:Chinese|Lunar|Persian|Jewish|Islamic|Hindu|Thai|Vietnamese|Sikh)[ \t]+New[ \t]+"
            r"Year(?:['’]s(?:[ \t]+(?:Day|Eve))?)?\b"
            r"|\b(?:Whitsun(?:tide)?|Hallowe['’]?en|Hogmanay|Diwali|Deepavali|Hanukk?ah|Chanukah|"
            r"Yom[ \t]+Kippur|Rosh[ \t]+Hashanah|Passover|Pesach|Purim|Eid(?:[ \t-](?:al|ul)[ \t-]"
            r"(?:Fitr|Adha))?|Hari[ \t]+Raya(?:[ \t]+\w+)?|Holi|Pongal|Onam|Vesak|Thaipusam|"
            r"Navratri|Dussehra|Dasara|Vaisakhi|Baisakhi|Raksha[ \t]+Bandhan|Ganesh[ \t]+Chaturthi|"
            r"Makar[ \t]+Sankranti|Songkran|T[eế]t|Kwanzaa|Juneteenth|Mardi[ \t]+Gras|Twelfth[ \t]+"
            r"Night|Candlemas|Michaelmas|Cinco[ \t]+de[ \t]+Mayo|D[ií]a[ \t]+de[ \t]+(?:los[ \t]+)?"
            r"Muertos|Ostermontag|Karfreitag|Pfingstmontag|Heiligabend|Silvester|Koningsdag|"
            r"Bastille|Ramadan|Ramazan|Shavuot|Sukkot|"
            # Round 17: more countries' and faiths' named days and seasons.
            r"Matariki|Nowruz|Norouz|Nowrooz|Chuseok|Seollal|Obon|Golden[ \t]+Week|Qingming|"
            r"Mid-Autumn[ \t]+Festival|Midsommar|Juhannus|Semana[ \t]+Santa|Lohri|Ugadi|"
            r"Janmashtami|Mawlid|L[áa][ \t]+Fh[ée]ile[ \t]+[A-ZÁÉÍÓÚ][\wáéíóú]+|"
            # Round 21: French, German and Finnish named days ("lundi de Pâques", "Tag der
            # Deutschen Einheit", Finnish "juhannusta" as the case of "juhannus").
            r"(?:[Ll]undi[ \t]+de[ \t]+)?(?:P[âa]ques|Pentec[ôo]te)|Toussaint|Fronleichnam|"
            r"Christi[ \t]+Himmelfahrt|Allerheiligen|Tag[ \t]+der[ \t]+Deutschen[ \t]+Einheit|"
            r"[Jj]uhannu\w*|[Vv]appu\w*)\b"
            # Round 17: the name as the first half of a compound adjective ("Ramadan-associated
            # hypoglycaemia", "Christmas-related falls") says when a kind of thing happens, not
            # a date ("Eid-ul-Fitr" keeps its short joining word).
            r"(?![-‐][a-z]{4,})"
            r"|(?i:\bf[eê]te[ \t]+nationale\b|\bjour[ \t]+de[ \t]+l['’]an\b|"
            r"\bno[eë]l\b(?=[ \t]*[,.;)]))"
        ),
    ),
    # A day and a month in other languages ("1er juillet 2025", "3 de mayo", "21. März") are
    # deid_foreign_forms' (FOREIGN_DATE_PATTERNS), with the lower-case English forms.
    # A range of days before or after a month ("3–5 May", "19-23 May", "May 3–5"), a weekday
    # before a day and month ("Tue 2 Sept", "Friday 14 February").
    (
        "date",
        re.compile(
            rf"\b\d{{1,2}}(?:st|nd|rd|th)?[ \t]*[-–—][ \t]*\d{{1,2}}(?:st|nd|rd|th)?[ \t]+"
            rf"(?:of[ \t]+)?(?:{MONTH_SHORT})\b"
            rf"|\b(?:{MONTH_SHORT})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?[ \t]*[-–—][ \t]*"
            r"\d{1,2}(?:st|nd|rd|th)?\b(?![:.]\d)"
            rf"|\b(?:{_WEEKDAY})\.?,?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:[ \t]+of)?[ \t]+"
            rf"(?:{MONTH_SHORT})\b"
            # The first day of two joined by a word ("between 3rd and 5th May"), the word with it
            # (round 12), also where a line break follows ("sessions (2nd and\n3rd Oct)").
            r"|\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:and|to|or|until|till|through|&)(?=\s+"
            rf"\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:{MONTH_SHORT})\b)"
            # Two days of the month at the end of a phrase, after "on" or a word that books
            # them, a few words on ("on the 2nd & 3rd.", "clinics held (14th and 15th)", "held
            # for two nights (3rd and 4th)"), not before a noun ("the 4th and 5th toes") nor
            # without such a cue: anatomy ("Rib fractures (9th and 10th)", "tender over the 4th
            # and 5th.").
            r"|(?i:\b(?:on[ \t]+(?:\([ \t]*)?(?:the[ \t]+)?|(?:held|booked|scheduled|planned|"
            r"arranged|clinics?|sessions?|appointments?|appts?|visits?)(?:[ \t]+[\w-]+){0,3}?"
            r"[ \t]+(?:\([ \t]*|(?:for[ \t]+)?the[ \t]+|for[ \t]+)))"
            r"(?P<v>(?:[12]?\d|3[01])(?:st|nd|rd|th)[ \t]+(?:and|&|or)[ \t]+"
            r"(?:[12]?\d|3[01])(?:st|nd|rd|th)\b)(?=[ \t]*(?:[.;)?!]|$))",
            re.M,
        ),
    ),
    # A day of the month in words after a preposition, at the end of a phrase ("discharged on
    # the fifth.", "until the twenty-first,").
    (
        "date",
        re.compile(
            r"(?i:\b(?:on|by|from|until|till|since|before|after)[ \t]+the[ \t]+)"
            rf"(?P<v>(?i:{_ORDINAL_WORDS}))(?=[ \t]*(?:[.,;)]|$))",
            re.M,
        ),
    ),
    # A month after "mid-", "early-", "late-" ("mid-March"); a day and month after "w/c", "week
    # commencing" ("w/c 10/3").
    (
        "date",
        re.compile(
            rf"(?P<v>(?i:\b(?:mid|early|late|end)-)(?:{MONTH_SHORT})\b)"
            # "wb" and "wc" in lower case only: "WB 4/10" is a western blot's bands, "WC" a
            # waist circumference.
            r"|(?i:\b(?:w/[cbe]|(?-i:w[cb])|(?:week|wk)[ \t]+(?:commencing|beginning|ending|of))"
            r"[ \t:]+)"
            r"(?P<w>\d{1,2}/\d{1,2})(?![/\d]|\.\d)"
        ),
    ),
    # A day of the month on its own, with its "the" ("review on the 22nd.", "disclosed on the
    # 19th that", "since the 12th)", "the 10th of December") or after any word at the end of a
    # phrase ("hemiarthroplasty 8th.", "next Wed (26th)"): one that is no noun's ordinal ("the
    # 5th toe", "her 3rd", "50th centile").
    (
        "date",
        re.compile(
            r"(?<![\w'’/.-])(?<!her[ \t])(?<!his[ \t])(?<!its[ \t])(?<!our[ \t])(?<!my[ \t])"
            r"(?<!their[ \t])(?<!every[ \t])(?<!each[ \t])"
            # a centile after a measure ("121 cm (25th)", "Weight 25th,")
            r"(?<!\d[ \t]\()(?<!\d\()(?<!cm[ \t]\()(?<!kg[ \t]\()(?<!g[ \t]\()"
            r"(?<!(?i:weight)[ \t])(?<!(?i:height)[ \t])(?<!(?i:length)[ \t])(?<!HC[ \t])"
            r"(?<!BMI[ \t])(?<!OFC[ \t])"
            # the last of a list of ordinals ("the 9th, 10th and 11th.", "the 3rd & 4th.")
            r"(?<!th[ \t]and[ \t])(?<!st[ \t]and[ \t])(?<!nd[ \t]and[ \t])(?<!rd[ \t]and[ \t])"
            r"(?<!th[ \t]&[ \t])(?<!st[ \t]&[ \t])(?<!nd[ \t]&[ \t])(?<!rd[ \t]&[ \t])"
            r"(?<!th,[ \t])(?<!st,[ \t])(?<!nd,[ \t])(?<!rd,[ \t])"
            r"(?P<v>(?i:the[ \t]+)(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
            rf"(?:[ \t]+(?i:of)[ \t]+(?:{MONTH_SHORT})\b"
            r"|(?![ \t]*,[ \t]*(?:and[ \t]+)?\d{1,2}(?:st|nd|rd|th))(?=[ \t]*(?:[.,;:)?!]|$)"
            # or before a word that cannot take an ordinal as its noun ("was on the 15th
            # last time", "the 19th that her"), not another ordinal ("the 9th and 10th ribs")
            # Round 19: or before a clause's subject ("my K was 6.1 on the 18th the nurse said").
            r"|[ \t]+(?:last|next|this|at|and|or|in|when|so|but|then|again|as|instead|that|"
            r"to|until|till|onwards?|the|she|he|they|we|I|my|it|[-–(])(?![\w-])"
            r"(?![ \t]*(?:the[ \t]+)?\d)"
            # Round 18: or before a bracket's words ("on the 16th (the eve of her birthday)")
            # or, after "on", a verb in the past ("X-ray on the 27th showed").
            r"|[ \t]+\((?=(?:the|a|an|her|his|their|day|when|after|before)\b)"
            r"|(?:(?<=\b[Oo]n[ \t]the[ \t]\d\d..)|(?<=\b[Oo]n[ \t]the[ \t]\d..))"
            r"(?=[ \t]+[a-z]{2,}ed\b)))"
            # Without "the", only at the end of a phrase ("hemiarthroplasty 8th.", "Wed (26th)";
            # "finished 1st in her race" is a place in a race).
            r"|(?:[12]?\d|3[01])(?:st|nd|rd|th)\b"
            r"(?![ \t]*,[ \t]*(?:and[ \t]+)?\d{1,2}(?:st|nd|rd|th))(?=[ \t]*(?:[.;)?!]|$))"
            # or after a date's preposition ("urgent care on 5th and they gave")
            r"|(?:(?<=\bon[ \t])|(?<=\bby[ \t])|(?<=\bsince[ \t])|(?<=\buntil[ \t]))"
            r"(?:[12]?\d|3[01])(?:st|nd|rd|th)\b(?![ \t]+(?:and|or|to)[ \t]+\d)"
            r"(?=[ \t]*(?:[.,;:)?!]|$)|[ \t]+(?:and|or|at|in|when|so|but|then|to|until)\b))",
            re.M,
        ),
    ),
    # Sixth round: general forms (dev5a). A weekday is a date element wherever it is written
    # in full, or in the plural ("Tuesdays and Thursdays"); abbreviated ("Wed", "Thurs.") only
    # where what follows cannot be prose (a stop, a number, a part of the day). A month and day
    # in either order, whatever follows ("Jan 29 14:20", "Wednesday April 30 09:15", "6th Oct");
    # a year and month in ISO order ("exp 2027-04").
    (
        "date",
        re.compile(
            r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?\b"
            # "O2 Sat 92%", "Sat 94/95", "Sat 5/10 pain": a saturation and a score, not a day.
            r"|\b(?:Mon|Tues?|Weds?|Thu|Thur|Thurs|Fri|Sat|Sun)\b(?=\.?[ \t]*(?:[,;:)?!]|$|"
            rf"{_DAY}(?!\d)(?![/.\d]*{NOT_DATE_AFTER})|"
            r"(?:morning|afternoon|evening|night|am|pm|and|or)\b|\.[ \t]*[a-z\d]))"
            rf"|\b(?:{MONTH_SHORT})(?:\.?[ \t]+|-)(?:[12]?\d|3[01])(?:st|nd|rd|th)?\b"
            rf"(?![/.:]?\d|{UNIT_AFTER})"
            # Round 18: an ordinal day with its "the" ("on the 3rd Feb"), as "the 3rd of Feb".
            r"|\b(?:(?i:the)[ \t]+(?=\d{1,2}(?:st|nd|rd|th)\b))?"
            rf"(?:[12]?\d|3[01])(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?:{MONTH_SHORT})\b"
            r"|\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])\b(?![-/]\d)",
            re.M,
        ),
    ),
    # Numeric dates in other layouts (sixth round): spaced ("30 08 2025"; with a two-digit
    # year only a few words after a date word: "typed by Bev 1 9 25"), a month name between
    # slashes or dashes ("28/Feb/2025"), a month and a four-digit year ("8/2025"), and a day
    # and month before a time of day ("5/5 19:40": a grade or a ratio has no clock after it).
    (
        "date",
        re.compile(
            r"\b(?:0?[1-9]|[12]\d|3[01])[ ](?:0?[1-9]|1[0-2])[ ](?:19|20)\d\d\b(?![ ]?\d)"
            r"|(?i:\b(?:date|dated|typed|dictated|signed|seen|on)\b:?(?:[ \t]+[^\W\d]+){0,3}[ \t]+)"
            r"(?P<v>(?:0?[1-9]|[12]\d|3[01])[ ](?:0?[1-9]|1[0-2])[ ]\d\d)\b(?![ ]?\d)"
            rf"|\b\d{{1,2}}[/.-](?i:{MONTH_SHORT})[/.-]\d{{2,4}}\b"
            r"|(?<![\d/.])(?:0?[1-9]|1[0-2])/(?:19|20)\d\d\b(?![/\d])"
            r"|(?<![\d/.])(?P<w>\d{1,2}/\d{1,2})(?=[ \t]+(?:[01]?\d|2[0-3])[:h.]?[0-5]\d\b)"
            # Session 39: "at" or "@" before the clock ("Fall 3/12 at 21:00", "seen 4/12 @
            # 09:15"), only a day and month that can be one (a score out of ten or five, a
            # saturation or a GCS out of 15 is none).
            rf"|(?<![\d/.])(?P<u>{MD_NOT_SCORE})(?![/\d])(?=[ \t]+(?:(?i:at)[ \t]+|@[ \t]*)"
            r"(?:[01]?\d|2[0-3])[:h.][0-5]\d\b)"
        ),
    ),
    # Month/day without a year, only with a cue or written with two digits each ("on 3/20",
    # "started 10/21", "03/14"): bare "5/5" or "3/6" is a motor grade or a murmur.
    (
        "date",
        re.compile(
            r"(?i:\b(?:on|since|from|started|starting|until|till|through|by|dated|seen|due|after|"
            r"before|admitted|discharged|stopped|restarted|held|booked|scheduled|review|visit|"
            r"appointment|appt|given|done|collected|received|sent|performed|planned|next|last|"
            r"taken|drawn|changed|removed|inserted|placed|commenced|ceased|completed|expires|"
            r"expiry|onset|edd|edc|lmp|dod|doa|dos|doi|dop|due[ \t]+date|"
            # Round 15: "from", "to" and "since" of other languages ("fr.o.m. 7/2", "desde
            # 5/2", "seit 3/4", "t.o.m. 9/2").
            r"fr\.o\.m\.|t\.o\.m\.|desde|hasta|depuis|seit|vom|bis|fra|från|sedan|"
            # Round 18: the date words of Indonesian, Malay and Swahili ("tgl 2/3").
            r"tgl\.?|tanggal|tarikh|tarehe)"
            # Session 44: or the line wrapped between the cue and its date ("nobody came
            # until\n5/10."): a hard-wrapped letter breaks where the width ends, not at a date.
            r"(?:[ \t:]+|[ \t:]*\n[ \t]*))"
            r"(?P<v>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])"
            r"|(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2]))(?![/\d]|\.\d)"
            # A score after the cue ("given 5/10 pain", "last 7/10 NRS") is no date; the cue
            # stays for a true date ("on 3/10").
            # fix51c: nor a count of a course or a British frequency ("completed 3/5 fractions",
            # "review 3/7 days").
            r"(?![ \t]*(?i:pain|score|severity|intensity|nrs|vas|for[ \t]+pain|fractions?\b|"
            r"fx\b|cycles\b|doses\b|sessions\b|courses\b|days\b|nights\b|weeks\b|"
            r"months\b|times\b))"
            r"|(?<![\d/.])(?P<w>(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01]))(?![/\d]|\.\d)"
        ),
    ),
    # Round 18: a day and month in a laboratory's brackets, after its name, before the results
    # ("Lab (CWZ-lab, 5/10): BSE 42", "Lab (SHL, 16-11): CRP 31"): the day the blood was taken.
    (
        "date",
        re.compile(
            # Session 39: the bracket may hold the day alone ("Labs (2/12): Hb 11.2", "Bloods
            # (3/12): CRP 40"); a result's heading has no count or score in brackets before its
            # colon.
            r"\b(?i:lab(?:s|o|or|oratory|oratorium)?|bloods)[ \t]*\((?:[^()\n]{1,24},[ \t]*)?"
            r"(?P<v>(?:0?[1-9]|[12]\d|3[01])[/-](?:0?[1-9]|1[0-2]))\)[ \t]*:"
        ),
    ),
    # Session 39: a day and month after a verb that dates an event or a result ("noted 6/9",
    # "released 8/12 to the funeral home", "Surgery 7/7: screws x 3"); not a British count of
    # days, weeks or months ("fell 2/7 ago", "noted 3/12 of"), a score or a count of things.
    (
        "date",
        re.compile(
            r"(?i:\b(?:noted|released|occurred|happened|injured|operated|delivered|vaccinated|"
            r"immuni[sz]ed|swabbed|biopsied|x-?rayed|surgery)[ \t:]+)"
            rf"(?P<v>{MD_NOT_SCORE})(?![/\d]|\.\d|{NOT_DATE_AFTER}|[ \t]+(?i:ago|days?|weeks?|"
            r"wks?|months?|of|tabs?|tablets?|times|hourly|daily)\b)"
        ),
    ),
    # Session 39: a day and month in brackets after "yesterday", "today" or "tomorrow"
    # ("transferred yesterday (3/12)"): a date, even where "(3/12)" alone may be three months.
    (
        "date",
        re.compile(
            r"\b(?i:yesterday|today|tomorrow|tonight|last[ \t]+night|this[ \t]+(?:morning|"
            rf"afternoon|evening))[ \t]*\([ \t]*(?P<v>{_MD})[ \t]*\)"
        ),
    ),
    # Round 12: a month and day with other cues. A past participle that dates a task ("trained
    # 4/9", "signed 12/3"), not "2/7 ago" (two days).
    (
        "date",
        re.compile(
            r"(?i:\b(?:trained|issued|signed|certified|referred)[ \t:]+)"
            rf"(?P<v>{_MD})(?![/\d]|\.\d|{NOT_DATE_AFTER}|[ \t]+(?i:ago|days?|weeks?|wks?)\b)"
        ),
    ),
    # "Checked", "reviewed" and "updated" also introduce a measurement ("Power checked 4/5",
    # "Pain reviewed 7/10", "VA checked 6/9"): no grade, score or acuity, nor after a measure's
    # name ("GCS checked 3/4"); a plan's date stays ("Care plan updated 3/11").
    (
        "date",
        re.compile(
            r"(?<!(?i:power)[ \t])(?<!(?i:pain)[ \t])(?<!(?i:score)[ \t])(?<!(?i:va)[ \t])"
            r"(?<!(?i:acuity)[ \t])(?<!(?i:vision)[ \t])(?<!(?i:mrc)[ \t])(?<!(?i:gcs)[ \t])"
            r"(?i:\b(?:reviewed|updated|checked)[ \t:]+)"
            rf"(?P<v>{MD_NOT_SCORE})"
            rf"(?![/\d]|\.\d|{NOT_DATE_AFTER}|[ \t]+(?i:ago|days?|weeks?|wks?)\b)"
        ),
    ),
    # A log line that opens with its date and a colon ("4/12: repeat bloods normal"), at a line's
    # or a sentence's start; not an acuity, a grade or a score ("6/9: right eye after pinhole",
    # "7/10: pain on walking"; "1/10: bloods sent" is a date).
    (
        "date",
        re.compile(
            rf"(?:^|(?<=[.;][ \t])|(?<=[.;][ \t]{{2}}))[ \t]*(?P<v>{_MD_NOT_GRADE})"
            rf"(?=:[ \t]+[A-Za-z])(?!:{NOT_DATE_AFTER})",
            re.M,
        ),
    ),
    # Round 19: a study's date after its name, before its findings and a colon
    # ("Ecocardiograma 5/2: aneurisma apical", "swallow study (1/20): penetration", "INR 11/24:
    # 3.4"); not a count out of a total ("nodes 2/14: positive", "cores 3/12:"), a fraction, a
    # murmur's grade, a score out of ten, a grade out of five or a duration.
    (
        "date",
        re.compile(
            # Speed: a blank after a letter first (most positions fail there; a run of blanks
            # is read from its first only).
            r"(?=[ \t])(?<=[A-Za-zÀ-ÿ])"
            + "".join(
                f"(?<!(?i:{word}))"
                for word in (
                    "nodes",
                    "node",
                    "cores",
                    "core",
                    "sites",
                    "items",
                    "teeth",
                    "power",
                    "score",
                    "grade",
                    "ratio",
                    "murmur",
                    "pain",
                    "gcs",
                    "mrc",
                    "\\bva",
                )
            )
            + r"[ \t]+\(?"
            # Nor a British duration in days or months ("symptoms 3/12: worse" is three months).
            r"(?!(?:1/[234]|2/3|3/4|[1-6]/6|\d\d?/(?:7|12))\b)"
            rf"(?P<v>{MD_NOT_SCORE})\)?(?=:[ \t]+[A-Za-z])(?!:{NOT_DATE_AFTER})"
        ),
    ),
    # A date before a part of the day in capitals ("bloods 4/12 AM"); halves, thirds and
    # quarters of a tablet ("1/2 AM") are doses.
    (
        "date",
        re.compile(
            rf"(?<![\w/.])(?P<v>{_MD})(?<!/2)(?<!/3)(?<!/4)(?=[ \t]+(?:AM|PM|A\.M\.|P\.M\.)\b)"
        ),
    ),
    # A date after a named source in brackets ("(Westside Imaging, 4/12)", "(Dr Okafor, 9/3)"):
    # two capitalised words or more, none a scale, a side, a movement or sight ("(Oxford Scale,
    # 4/5)", "(Right Hand, 4/5)", "(Knee Extension, 4/5)", "(Visual Acuity, 6/9)" are grades),
    # and no grade or acuity ("(Bay Imaging, 2/10)" is a date). Whole words: "(Eastgate
    # Pharmacy, 3/12)" has no "arm" in it.
    (
        "date",
        re.compile(
            r"\((?![^()\n]*\b(?i:scale|score|grade|power|strength|mrc|right|left|upper|lower|"
            r"hands?|arms?|legs?|motor|sensory|grip|reflex(?:es)?|acuity|vision|visual|"
            r"(?:dorsi|plantar)?flex\w*|extens\w*|abduct\w*|adduct\w*|pain|nrs|vas)\b)"
            r"(?:[A-Z][\w&'’.-]*[ \t]+){1,5}[A-Z][\w&'’.-]*,[ \t]*"
            rf"(?P<v>{_MD_NOT_GRADE})(?=\))"
        ),
    ),
    # A date after a clinician's name or credential, at the end of a phrase ("certificate
    # signed (Dr Okafor-Lane 4/9)", "education with Halima RN 12/3;").
    (
        "date",
        re.compile(
            r"(?:\b(?:Dr|Prof)\.?[ \t]+[A-Z][\w'’-]+|\b[A-Z][a-z]+[ \t]+"
            r"(?:RN|RGN|RM|NP|PharmD|RPh|CNS|HCA|MSW|LCSW|SLT|OT|RD))[ \t]+"
            rf"(?P<v>{_MD})(?=[ \t]*(?:[),;]|\.(?!\d)|$))",
            re.M,
        ),
    ),
    # A line sited on a date that can only be one ("PICC 14/3", "CVC 11/28"); "ETT 7/22" is a
    # tube's size and depth, so tubes are not cues.
    (
        "date",
        re.compile(
            r"\b(?:CVC|CVAD|PICC|IDC|PIV|Hickman|Foley|cannula|midline|port)[ \t]+"
            r"(?:(?i:inserted|placed|sited|changed|removed)[ \t]+)?"
            r"(?P<v>(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])|(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01]))"
            r"(?![/\d]|\.\d)"
        ),
    ),
    # A claim form's dates of service, spaced with a two-digit year, either order ("DOS FROM
    # 03 14 26 TO 03 14 26"): after "DOS" (and "FROM"), or after a capital "TO" that follows a
    # number spaced as a year ("4 26 TO"); prose writes "to" ("reps 1 2 10 to 12 20 30").
    (
        "date",
        re.compile(
            r"\b(?:(?i:dos)\b[ \t:]*(?:(?i:from)[ \t]+)?|"
            r"(?:(?<=\d[ ]\d\d[ ])|(?<=\d[ ]\d\d[ ]{2}))(?:TO|THRU)[ \t]+)"
            rf"(?P<v>(?:{_SPACED_MD})[ ]\d\d)\b(?![ ]?\d)"
        ),
    ),
    # A month and day that can only be a date, day/month ("23/4") or month/day ("7/19"); a score
    # or a ratio is excluded in pattern_candidates (_UNCUED_DAY_MONTH).
    (
        "date",
        re.compile(
            r"(?<![\w/.])(?P<u>(?:1[3-9]|2\d|3[01])/(?:0?[1-9]|1[0-2])"
            r"|(?:0?[1-9]|1[0-2])/(?:1[3-9]|2\d|3[01]))(?![/\d]|\.\d)"
        ),
    ),
]
