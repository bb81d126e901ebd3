"""What a dose amount, schedule, maximum or price looks like in text.

Nothing the bot says may match: answers and fixed messages are refused at load
(E030), and the tests scan every reply for it.
"""

from __future__ import annotations

import re

DOSE_PATTERN = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|micrograms?|milligrams?|ml|millilit(?:er|re)s?|g\b|grams?"
    r"|tablets?|tabs?|pills?|capsules?|doses?|times?|x)\b"
    r"|\b(?:once|twice|thrice|one|two|three|four|five|six|\d+)\s+(?:times?\s+)?(?:a|per|each)\s+day\b"
    r"|\bevery\s+(?:\d+|one|two|three|four|five|six|eight|twelve)\s+hours?\b"
    r"|\b(?:up\s+to|maximum\s+of|max(?:imum)?\s+)\s*\d+"
    r"|[$£€]\s*\d|\b\d+\s*(?:dollars|pounds|euros|cents)\b"
    # Spanish: "10 mg", "dos pastillas", "tres veces al día", "cada 8 horas", "hasta 80"
    r"|\b\d+(?:[.,]\d+)?\s*(?:miligramos?|mililitros?|gramos?|pastillas?|tabletas?"
    r"|comprimidos?|cápsulas?|capsulas?|dosis|veces)\b"
    r"|\b(?:una|dos|tres|cuatro|cinco|seis|\d+)\s+(?:veces|pastillas?|tabletas?|comprimidos?)"
    r"\s+(?:al|por|cada)\s+d[ií]a\b"
    r"|\b(?:dos|tres|cuatro|cinco|seis)\s+(?:pastillas|tabletas|comprimidos|cápsulas)\b"
    r"|\bcada\s+(?:\d+|una|dos|tres|cuatro|seis|ocho|doce)\s+horas?\b"
    r"|\b(?:hasta|máximo\s+de|maximo\s+de)\s+\d+",
    re.IGNORECASE,
)
