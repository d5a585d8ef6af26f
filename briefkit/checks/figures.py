"""Figures: every number a fact states stands in its evidence, and counts the same thing there.

A figure is read however it is written (digits, or words in any of the six
UN languages: sources/numbers.py). It must be one of the numbers of the
passage the fact cites: "Thirty-eight states" against a source that says
"Forty-two" is an error. And where the fact is written in the evidence's
language, the words the number counts must be those the source has next to
it: "14 member organisations" from "120 organisations in 14 countries" is a
warning that shows both.
"""

from __future__ import annotations

import re

from briefkit.campaign.fields import NEUTRAL_LANGUAGE, is_neutral
from briefkit.campaign.model import Fact
from briefkit.errors import Problem
from briefkit.sources.numbers import numbers, same_thing
from briefkit.sources.textmatch import normalise

_CJK_MONTH = re.compile(r"\d{1,2}(?=月)|[一二三四五六七八九十]{1,3}(?=月)")


def check_figures(fact: Fact, evidence_language: str, main_language: str, rel: str, line: int | None,
                  problems: list[Problem], warnings: list[Problem]) -> None:
    """Each number of the fact's value and label, in each language, against its evidence."""
    evidence = numbers(normalise(fact.evidence), evidence_language)
    in_evidence = set().union(*(n.values for n in evidence)) if evidence else set()
    for lang, text in _texts(fact, main_language).items():
        if lang != main_language:
            text = _CJK_MONTH.sub("", text)  # in a translated date (8月9日) the month is no figure
        for number in numbers(text, lang):
            shown = text[number.start:number.end]
            where = "" if lang == main_language else f" in its {lang} text"
            if not number.values & in_evidence:
                problems.append(Problem(rel, line, f"fact {fact.id!r} states {shown!r}{where}, which its "
                                        "evidence does not contain",
                                        "quote the passage of the source that gives this figure"))
                continue
            if lang != evidence_language:
                continue
            theirs = [n for n in evidence if n.values & number.values]
            if not any(same_thing(number, n) for n in theirs):
                counted = " ".join(theirs[0].counted) or "nothing named"
                warnings.append(Problem(rel, line, f"fact {fact.id!r} counts “{' '.join(number.counted)}” with "
                                        f"{shown!r}, but its evidence counts “{counted}”: “{fact.evidence}”",
                                        "make sure the figure counts what the source counts",
                                        severity="warning"))


def _texts(fact: Fact, main_language: str) -> dict[str, str]:
    """The fact's value and label together, per language (a figure alone reads in every language)."""
    def per_language(value: str | dict[str, str]) -> dict[str, str]:
        if isinstance(value, str):
            return {"*" if is_neutral(value) else main_language: value}
        return {"*" if lang == NEUTRAL_LANGUAGE else lang: text for lang, text in value.items()}

    values, labels = per_language(fact.value), per_language(fact.label)
    languages = [lang for lang in dict.fromkeys([*values, *labels]) if lang != "*"] or [main_language]
    return {lang: f"{values.get(lang, values.get('*', ''))} {labels.get(lang, labels.get('*', ''))}"
            for lang in sorted(languages, key=lambda x: (x != main_language, x))}
