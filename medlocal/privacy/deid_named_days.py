"""Named days and dates of other calendars (round 19), read by their written form.

A feast, festival or holiday fixes a day of the year as surely as its number does ("born on the
Feast of the Immaculate Conception" is 8 December), and the dates of the Hebrew, Buddhist and
Vietnamese lunar calendars are dates like any other:

* A feast named after its saint or mystery ("Feast of the Assumption", "Feast of St Joseph").
* Japanese named days "<name> no Hi" ("Umi no Hi", "Bunka no Hi"): "no Hi" is "the day of".
* Holy Week in Spanish and Portuguese ("Viernes Santo", "Sexta-feira Santa", "Quarta-feira de
  Cinzas"), Nordic midsummer and Christmas eves in their own spelling ("midsommarafton",
  "julaften"), Islamic nights ("Laylat al-Qadr"), Jewish feasts ("Simchat Torah"), Thai
  Buddhist days ("Makha Bucha"), the Scots "Ne'erday", with "day" or "eve" after a festival.
* A Hebrew date ("14 Nisan 5785", "Elul 5784"), a Buddhist-era year ("21 March B.E. 2568"), a
  Vietnamese lunar day ("rằm tháng Giêng", the full moon of the first month), a Welsh weekday
  and its ordinal day ("Dydd Iau 3ydd"), a part of a Polish month ("w połowie marca").
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_date_forms import MONTH_SHORT

# Festivals of many calendars whose name alone is a day (the English ones are deid_date_forms').
_NAMED_DAYS = (
    r"Feast[ \t]+of[ \t]+(?:the[ \t]+|Saint[ \t]+|St\.?[ \t]+|Our[ \t]+Lady[ \t]+)?"
    r"[A-Z][a-z]+(?:[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?[A-Z][a-z]+){0,3}"
    r"|[A-Z][a-z]{2,12}[ \t]+no[ \t]+Hi"
    r"|(?:Jueves|Viernes|S[áa]bado|Domingo)[ \t]+Santo|Domingo[ \t]+de[ \t]+(?:Ramos|Pascua|"
    r"Resurrecci[óo]n)|Mi[ée]rcoles[ \t]+de[ \t]+Ceniza|(?:Quarta|Quinta|Sexta)-feira[ \t]+"
    r"(?:de[ \t]+Cinzas|Santa|da[ \t]+Paix[ãa]o)|S[áa]bado[ \t]+de[ \t]+Aleluia"
    r"|Ne['’]?erday|Laylat[ \t-]+al[ \t-]+(?:Qadr|Bara['’]?at|Miraj)|Lailat[ \t-]+(?:al|ul)"
    r"[ \t-]+Qadr|Shab[ \t-]+e[ \t-]+(?:Barat|Qadr)|Ashura|Simchat[ \t]+Torah|Tisha[ \t]+B['’]?Av"
    r"|Lag[ \t]+Ba['’]?Omer|Tu[ \t]+Bi['’]?Shvat|Shemini[ \t]+Atzeret|Loy[ \t]+Krathong"
    r"|(?:Makha|Visakha|Asalha|Asarnha)[ \t]+Bucha|Chakri[ \t]+Day|Ferragosto|Pasquetta"
    r"|Hinamatsuri|Tanabata|Setsubun|Shichi-?[ \t]?Go-?[ \t]?San"
    r"|(?i:midsommar(?:afton|dagen)?|julafton|juldagen|ny[åa]rsafton|p[åa]skafton|"
    r"juleaften|julaften|nyt[åa]rsaften|sankthansaften|joulu(?:aatto|p[äa]iv[äa])|"
    r"juhannusaatto)"
)
# A day and month of the Hebrew calendar, or a month and its year (5700 on: 1939 on).
_HEBREW_MONTHS = (
    r"Tishrei|Tishri|Cheshvan|Heshvan|Marcheshvan|Kislev|Tevet|Teves|Shevat|Shvat|"
    r"Adar(?:[ \t]+(?:I{1,2}|Alef|Bet|Sheni))?|Nisan|Iyar|Iyyar|Sivan|Tammuz|Tamuz|Av|Elul"
)
_POLISH_MONTHS = (
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[śs]nia|"
    r"pa[źz]dziernika|listopada|grudnia"
)
# Vietnamese lunar months by their names: the first and last, and the second to the eleventh.
_LUNAR_ENDS = r"Gi[êe]ng|Ch[ạa]p"
_LUNAR_NUMBERED = r"Hai|Ba|T[ưu]|N[ăa]m|S[áa]u|B[ảa]y|T[áa]m|Ch[íi]n|M[ườu][ờo]i(?:[ \t]+M[ộo]t)?"
_VIETNAMESE_LUNAR_MONTH = f"{_LUNAR_ENDS}|{_LUNAR_NUMBERED}"

NAMED_DAY_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "date",
        re.compile(
            # "Songkran day", "midsommarafton", "Feast of St Joseph 2024".
            rf"\b(?:{_NAMED_DAYS}|Songkran|Diwali|Deepavali|Vesak|Holi|Onam|Pongal)"
            r"(?:[ \t]+(?:[Dd]ay|[Ee]ve|[Nn]ight|[Ff]estival))?(?![\w-])"
            r"(?:,?[ \t]+(?:19|20)\d\d\b)?"
        ),
    ),
    (
        "date",
        re.compile(
            # "20 Tishrei 5744", "Elul 5784": a day before the month, or the year after it.
            rf"\b\d{{1,2}}[ \t]+(?:{_HEBREW_MONTHS})\b(?:,?[ \t]+5[67]\d\d\b)?"
            rf"|\b(?:{_HEBREW_MONTHS}),?[ \t]+5[67]\d\d\b"
            # "21 March B.E. 2568", "B.E. 2568", "พ.ศ. 2568".
            rf"|(?:\b\d{{1,2}}[ \t]+(?:{MONTH_SHORT})\.?[ \t]+)?(?:\bB\.E\.|\bBE\b|พ\.ศ\.)"
            r"[ \t]*25\d\d\b"
            # "rằm tháng Giêng", "mùng 5 tháng Năm": a lunar day of a lunar month.
            r"|(?i:\brằm|\bmùng[ \t]+\d{1,2}|\bmồng[ \t]+\d{1,2})[ \t]+tháng[ \t]+"
            rf"(?:{_VIETNAMESE_LUNAR_MONTH}|\d{{1,2}})\b"
            # "Dydd Mercher 19eg": a Welsh weekday and its ordinal day.
            r"|\bDydd[ \t]+(?:Llun|Mawrth|Mercher|Iau|Gwener|Sadwrn|Sul)[ \t]+\d{1,2}"
            r"(?:af|il|ydd|ed|fed|eg|ain)?\b"
            # "w połowie lutego", "na początku marca", "pod koniec maja".
            r"|(?i:\bw[ \t]+po[łl]owie|\bna[ \t]+pocz[ąa]tku|\bpod[ \t]+koniec|\bna[ \t]+ko[ńn]cu)"
            rf"[ \t]+(?:{_POLISH_MONTHS})\b"
        ),
    ),
]
