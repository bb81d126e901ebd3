"""Spanish morphology the normaliser and the matcher share: pronouns written onto a verb,
and the regular endings of a conjugated verb.

Spanish writes object pronouns onto an infinitive or a gerund ("tomarme", "dándoselo",
"juntarlas"). A word list has the verb alone ("tomar"), so the joined word reads as a
typo to the normaliser and as an unknown word to the matcher. Both take them off here.
"""

from __future__ import annotations

import unicodedata

#: Pronouns that are written onto a verb, longest first.
CLITICS = ("nos", "los", "las", "les", "me", "te", "se", "lo", "la", "le")
#: How an infinitive or a gerund ends.
VERB_ENDINGS = ("ar", "er", "ir", "ando", "iendo", "yendo")
#: A gerund's ending -> the infinitives' endings it comes from ("tomando" <- "tomar").
GERUNDS = (("ando", ("ar",)), ("iendo", ("er", "ir")), ("yendo", ("er", "ir")))


def unaccented(word: str) -> str:
    """ "dándo" -> "dando" ("ñ" -> "n" too)."""
    return "".join(
        ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn"
    )


def without_clitics(word: str, depth: int = 2) -> str:
    """ "dándoselo" -> "dándo", "juntarlas" -> "juntar": one or two pronouns off a verb's
    infinitive or gerund; any other word as it is."""
    for clitic in CLITICS:
        rest = word[: -len(clitic)]
        if not word.endswith(clitic) or len(rest) <= 3:
            continue
        if unaccented(rest).endswith(VERB_ENDINGS):
            return rest
        if depth > 1 and (inner := without_clitics(rest, depth - 1)) != rest:
            return inner
    return word


def infinitives(verb: str) -> set[str]:
    """The forms a word list may hold for an infinitive or gerund: itself, unaccented, and
    a gerund's infinitives ("tomando" -> "tomar")."""
    plain = unaccented(verb)
    out = {verb, plain}
    for gerund, endings in GERUNDS:
        if plain.endswith(gerund):
            out.update(plain[: -len(gerund)] + e for e in endings)
    return out


#: Regular endings of conjugated verbs (unaccented), longest first, with the infinitive
#: endings they come from: a word list holds "subir" but seldom "sube" or "llenaran".
_AR = """o as a amos an e aste aron aba abas abamos aban are ara aremos aran aria arian es
emos en ase asen ado ada ados adas""".split()
_ER_IR = """o es e emos imos en i iste io ieron ia ias iamos ian ere era eran eria erian ire
ira iran iria irian a as amos an iera ieran ido ida idos idas""".split()
CONJUGATIONS = tuple(
    sorted(
        {(e, ("ar",)) for e in _AR} | {(e, ("er", "ir")) for e in _ER_IR},
        key=lambda pair: (-len(pair[0]), pair[0]),
    )
)


#: The irregular stems of the future and the conditional ("pondría" is "poner"), with
#: the verbs that end in them ("propondría", "mantendría").
IRREGULAR_FUTURE = {
    "pondr": "poner",
    "tendr": "tener",
    "saldr": "salir",
    "vendr": "venir",
    "valdr": "valer",
    "podr": "poder",
    "querr": "querer",
    "sabr": "saber",
    "cabr": "caber",
    "habr": "haber",
    "dir": "decir",
    "har": "hacer",
}
_FUTURE = "a as e emos eis an ia ias iamos iais ian".split()


def conjugated_from(word: str) -> set[str]:
    """The infinitives a word could be a form of ("sube" -> "subar", "suber", "subir";
    "pondría" -> "poner"): candidates to look up in a word list, not an analysis."""
    plain = unaccented(word)
    out: set[str] = set()
    for ending, infinitive_endings in CONJUGATIONS:
        stem = plain[: -len(ending)]
        if plain.endswith(ending) and len(stem) >= 2:
            out.update(stem + e for e in infinitive_endings)
    for ending in _FUTURE:
        stem = plain[: -len(ending)]
        for irregular, verb in IRREGULAR_FUTURE.items():
            if plain.endswith(ending) and stem.endswith(irregular):
                out.add(stem[: -len(irregular)] + verb)
    return out
