"""Numbers as people write them: digits, or words in the languages the bot reads."""

from __future__ import annotations

import re
from collections.abc import Mapping

NUMBER_WORDS: Mapping[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "hundred": 100, "dozen": 12, "uno": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "doce": 12,  # ("once" is English too)
    "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16, "dieciseis": 16,
    "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "treinta": 30,
    "cuarenta": 40, "cincuenta": 50, "cien": 100, "docena": 12, "due": 2, "tre": 3,
    "quattro": 4, "cinque": 5, "sette": 7, "otto": 8, "dieci": 10, "zwei": 2, "drei": 3,
    "vier": 4, "fünf": 5, "zehn": 10, "dois": 2, "três": 3, "quatro": 4,
}  # fmt: skip
_NUM = re.compile(r"\d+(?:[.,]\d+)?")


def number(token: str) -> float | None:
    """The value of a number token ("12", "2.5", "twelve"), else None."""
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    if _NUM.fullmatch(token):
        return float(token.replace(",", "."))
    return None
