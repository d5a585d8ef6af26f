"""Numbers in prose, written in digits or in words, in the six UN languages, with what they count.

A fact states a figure ("Thirty-eight states", "150+ organisations", "3
million", "70%"); `briefkit check` reads it as a number, however written,
and looks for the same number in the passage of the source it cites, then
compares the words it counts. No library reads number words in Russian,
Arabic and Chinese as well as the Western European languages, so this is a
small parser per language, for the shapes figures take in advocacy texts:
cardinal numbers up to the billions, ranges, "150+", percentages and years.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_DIGITS = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d{3})*(?:[.,]\d+)?|\d+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

# Number words by language: units and teens, tens, and multipliers.
_SMALL = {
    "en": {"zero": 0, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
           "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12},
    "fr": {"zéro": 0, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
           "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
           "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
           "septante": 70, "huitante": 80, "octante": 80, "nonante": 90},
    "es": {"cero": 0, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
           "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
           "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
           "veintiún": 21, "veintiuno": 21, "veintiuna": 21, "veintidós": 22, "veintitrés": 23,
           "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27, "veintiocho": 28,
           "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
           "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200,
           "trescientos": 300, "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400,
           "quinientos": 500, "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
           "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900},
    "ru": {"ноль": 0, "два": 2, "две": 2, "двух": 2, "три": 3, "трёх": 3, "трех": 3, "четыре": 4, "четырёх": 4,
           "пять": 5, "пяти": 5, "шесть": 6, "шести": 6, "семь": 7, "семи": 7, "восемь": 8, "восьми": 8,
           "девять": 9, "девяти": 9, "десять": 10, "десяти": 10, "одиннадцать": 11, "двенадцать": 12,
           "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15, "шестнадцать": 16, "семнадцать": 17,
           "восемнадцать": 18, "девятнадцать": 19, "двадцать": 20, "двадцати": 20, "тридцать": 30,
           "тридцати": 30, "сорок": 40, "сорока": 40, "пятьдесят": 50, "шестьдесят": 60, "семьдесят": 70,
           "восемьдесят": 80, "девяносто": 90, "сто": 100, "ста": 100, "двести": 200, "триста": 300,
           "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
           "девятьсот": 900},
    "ar": {"صفر": 0, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4,
           "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8,
           "ثمان": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30,
           "ثلاثين": 30, "أربعون": 40, "أربعين": 40, "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60,
           "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90, "مائة": 100,
           "مئة": 100, "مائتان": 200, "مائتين": 200, "مئتان": 200, "مئتين": 200},
}
# "one" alone is seldom a figure ("one of the…"): a unit word only counts inside a number.
_ONE = {"en": {"one"}, "fr": {"un", "une"}, "es": {"un", "uno", "una"}, "ru": {"один", "одна", "одно", "одного"},
        "ar": {"واحد", "واحدة"}}
_HUNDRED = {"en": {"hundred"}, "fr": {"cent", "cents"}, "es": set(), "ru": set(), "ar": set()}
_SCALES = {
    "en": {"thousand": 10**3, "million": 10**6, "millions": 10**6, "billion": 10**9, "billions": 10**9},
    "fr": {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9, "milliards": 10**9},
    "es": {"mil": 10**3, "millón": 10**6, "millones": 10**6, "millardo": 10**9, "millardos": 10**9},
    "ru": {"тысяча": 10**3, "тысячи": 10**3, "тысяч": 10**3, "миллион": 10**6, "миллиона": 10**6,
           "миллионов": 10**6, "миллиард": 10**9, "миллиарда": 10**9, "миллиардов": 10**9},
    "ar": {"ألف": 10**3, "آلاف": 10**3, "مليون": 10**6, "ملايين": 10**6, "مليار": 10**9},
}
_JOINERS = {"en": {"and"}, "fr": {"et"}, "es": {"y"}, "ru": set(), "ar": {"و"}}
_CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
               "九": 9}
_CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
_CJK_SCALES = {"万": 10**4, "亿": 10**8}
_CJK_NUMBER = re.compile("[零〇一二两三四五六七八九十百千万亿]+")
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre", "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "января", "февраля", "марта",
    "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря", "يناير",
    "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
}
_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "oct", "nov", "dec", "fév", "déc",
                        "ene", "dic"}
# Words next to a number that are part of how it is written, not what it counts.
_NOT_COUNTED = {"per", "cent", "percent", "pour", "por", "ciento", "more", "than", "over", "about", "nearly",
                "almost", "some", "around", "of", "the", "a", "an", "and", "or", "to", "up", "at", "least",
                "plus", "de", "des", "du", "la", "le", "les", "el", "los", "las", "y", "et", "más", "plus"}


@dataclass(frozen=True)
class Number:
    """A number as a text writes it: its value(s), where it stands, and the words that follow it."""

    values: frozenset[float]  # "1,200" may be 1200 or 1.2; a range gives both ends separately
    start: int
    end: int
    counted: tuple[str, ...]  # the first words after it: what it counts ("organisations")
    date: bool = False  # a day or a year beside a month ("Feb. 8", "8 février"): it counts no thing


def numbers(text: str, language: str) -> list[Number]:
    """Every number in `text`, in digits (any script) or in words of `language`, in order."""
    text = text.translate(_ARABIC_INDIC)
    found = [_digits(m, text) for m in _DIGITS.finditer(text)]
    found += _words(text, language.split("_")[0])
    if language.startswith("zh"):
        found += [_cjk(m, text) for m in _CJK_NUMBER.finditer(text)
                  if m.group() not in ("一",) and not text[max(0, m.start() - 1):m.start()] == "第"]  # 第三: third
    found = [_dated(n, text) for n in found if n is not None]
    return sorted(found, key=lambda n: n.start)


def _dated(number: Number, text: str) -> Number:
    """The number, marked as part of a date when a month is named right before or after it."""
    before = re.findall(r"[^\W\d_]+", text[max(0, number.start - 14):number.start])
    after = re.findall(r"[^\W\d_]+", text[number.end:number.end + 14])
    near = [w.lower() for w in (before[-1:] + after[:1])]
    if any(w in _MONTHS or w[:3] in _MONTH_ABBREVIATIONS for w in near) or "月" in text[number.end:number.end + 1]:
        return Number(number.values, number.start, number.end, number.counted, True)
    return number


def counted_words(text: str, end: int, count: int = 3, language: str = "") -> tuple[str, ...]:
    """The first few words after `end`, in its clause, that say what a number counts, folded."""
    clause = re.split(r"[,;.:!?()\d،。，；：]", text[end:end + 120], maxsplit=1)[0]
    if re.match(r"\s*[\u4e00-\u9fff]", clause):  # Chinese: the characters after a measure word
        return (clause.strip().lstrip("个名项家位条份种余多")[:2],) if clause.strip() else ()
    words = []
    for match in _WORD.finditer(clause):
        word = _fold(match.group())
        if word in _NOT_COUNTED or len(word) < 2 or (language and _is_number_word(match.group().lower(), language)):
            continue
        words.append(word)
        if len(words) == count:
            break
    return tuple(words)


def same_thing(ours: Number, theirs: Number) -> bool:
    """Whether two numbers count the same thing: a word in common, singular or plural, British or
    American spelling; a date counts no thing."""
    if ours.date or theirs.date or not ours.counted or not theirs.counted:
        return True
    # The first two words: the thing counted and its modifier ("member organisations"); a verb
    # further on ("followed") says nothing of what is counted.
    return bool({_stem(w) for w in ours.counted[:2]} & {_stem(w) for w in theirs.counted[:2]})


def _digits(match: re.Match, text: str) -> Number:
    values = _digit_values(match.group())
    end = match.end()
    scale = re.match(r"\s*(million|millions|billion|milliards?|millones|миллион\w*|миллиард\w*|مليون)\b",
                     text[end:], re.I)
    if scale:
        factor = 10**9 if re.match(r"\s*(billion|milliard|миллиард)", scale.group(), re.I) else 10**6
        values |= {v * factor for v in values}
        end += scale.end()
    return Number(frozenset(values), match.start(), match.end(), counted_words(text, end))  # any language


def _digit_values(raw: str) -> set[float]:
    """What a figure in digits may mean: "1,200" is 1200 (or, in French, 1.2); "3,5" is 3.5."""
    grouped = re.fullmatch(r"\d{1,3}([.,\u00a0\u202f ])\d{3}(?:\1\d{3})*", raw)
    if grouped:
        values = {float(re.sub(r"\D", "", raw))}
        if grouped.group(1) in ".," and raw.count(grouped.group(1)) == 1:
            values.add(float(raw.replace(",", ".")))
        return values
    plain = re.sub(r"[\u00a0\u202f ]", "", raw)
    separators = [c for c in plain if c in ".,"]
    if not separators:
        return {float(plain)}
    decimal = separators[-1]
    whole, _, fraction = plain.rpartition(decimal)
    return {float(re.sub(r"\D", "", whole) + "." + fraction)}


def _words(text: str, language: str) -> list[Number]:
    """Runs of number words ("forty-two", "one hundred and ten", "vingt-deux", "двадцать пять")."""
    small, scales = _SMALL.get(language, {}), _SCALES.get(language, {})
    if not small:
        return []
    ones, hundreds, joiners = _ONE.get(language, set()), _HUNDRED.get(language, set()), _JOINERS.get(language, set())
    tokens = [(m.start(), m.end(), _fold_keep(m.group())) for m in re.finditer(r"[^\W\d_]+", text)]
    found: list[Number] = []
    i = 0
    while i < len(tokens):
        total, current, j, used = 0, 0, i, 0
        while j < len(tokens):
            word = tokens[j][2]
            if language == "ar" and word.startswith("و") and _is_number_word(word[1:], language) and used:
                word = word[1:]  # "وعشرون": and twenty
            if language == "fr" and word in ("vingt", "vingts") and current % 100 == 4:
                current += 76  # quatre-vingt(s): eighty
            elif word in small:
                current += small[word]
            elif word in ones and (used or (j + 1 < len(tokens) and (tokens[j + 1][2] in scales
                                                                    or tokens[j + 1][2] in hundreds))):
                current += 1
            elif word in hundreds:
                current = max(current, 1) * 100
            elif word in scales and used:
                total += max(current, 1) * scales[word]
                current = 0
            elif word in joiners and used and j + 1 < len(tokens) and _is_number_word(tokens[j + 1][2], language):
                pass
            else:
                break
            used += 1
            j += 1
        if used:
            value = total + current
            found.append(Number(frozenset({float(value)}), tokens[i][0], tokens[j - 1][1],
                                counted_words(text, tokens[j - 1][1], language=language)))
            i = j
        else:
            i += 1
    return found


def _is_number_word(word: str, language: str) -> bool:
    return (word in _SMALL.get(language, {}) or word in _SCALES.get(language, {})
            or word in _HUNDRED.get(language, set()) or word in _ONE.get(language, set()))


def _cjk(match: re.Match, text: str) -> Number | None:
    total, section, digit = 0, 0, 0
    for char in match.group():
        if char in _CJK_DIGITS:
            digit = _CJK_DIGITS[char]
        elif char in _CJK_UNITS:
            section += (digit or 1) * _CJK_UNITS[char]
            digit = 0
        else:
            total += (section + digit) * _CJK_SCALES[char]
            section = digit = 0
    value = total + section + digit
    return Number(frozenset({float(value)}), match.start(), match.end(), counted_words(text, match.end()))


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word.lower()).encode("ascii", "ignore").decode() or word.lower()


def _fold_keep(word: str) -> str:
    """A word in lower case, letters kept as they are (number words compare in their own script)."""
    return word.lower().replace("ё", "ё")


def _stem(word: str) -> str:
    word = word.replace("z", "s")  # organization, organisation
    for ending in ("ies", "es", "s"):
        if len(word) > len(ending) + 2 and word.endswith(ending):
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word
