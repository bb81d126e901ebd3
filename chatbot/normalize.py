"""Text normalisation: the first stage of every reply, and of every example at load.

`Normalizer.normalize(text)` gives the words a person meant: Unicode NFKC,
case-folded, control characters and terminal escapes removed, brand names and
misspellings mapped to one canonical word (from intents/synonyms.yaml), and
unknown words corrected to the nearest known word when one is close.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .numbers import NUMBER_WORDS
from .spanish import conjugated_from, infinitives, unaccented, without_clitics

_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
# a word: letters/digits with inner apostrophes or decimal points ("didn't", "2.5")
_WORD = re.compile(r"\d+(?:[.,]\d+)?|[^\W_]+(?:'[^\W_]+)*")


#: Characters that are not text: deleted without splitting the word they hide in
#: ("k\u200bill" is "kill"). Real separators (tabs, newlines, line and paragraph
#: separators) become spaces.
_INVISIBLE = ("Cf", "Co", "Cs")
_SEPARATORS = ("Cc", "Zl", "Zp")


def clean(text: str) -> str:
    """NFKC, casefold, strip escapes and invisible characters, collapse whitespace."""
    text = _ANSI.sub("", text)
    text = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    if not (text.isascii() and text.isprintable()):  # plain text needs no character scan
        text = "".join(
            "" if (cat := unicodedata.category(ch)) in _INVISIBLE
            else " " if cat in _SEPARATORS and not ch.isspace()
            else ch
            for ch in text
        )  # fmt: skip
    return " ".join(text.split())


#: Punctuation said aloud to a phone's dictation ("... the same box question mark"): the
#: mark it names, so that it ends a sentence or a clause instead of standing as words.
#: Not "period" (a woman's period), "coma" (a coma) or "punto" ("a punto de").
_SPOKEN_MARKS = re.compile(
    r"\b(?:(question mark|signo de (?:interrogaci[oó]n|pregunta))"
    r"|(exclamation (?:mark|point)|signo de exclamaci[oó]n)"
    r"|(full stop|new line|new paragraph|punto y aparte|nueva l[ií]nea|nuevo p[aá]rrafo)"
    r"|(comma))\b",
    re.IGNORECASE,
)


def spoken_marks(text: str) -> str:
    """Dictated punctuation ("question mark", "full stop", "comma") as the marks."""
    return _SPOKEN_MARKS.sub(
        lambda m: "?" if m.group(1) else "!" if m.group(2) else "." if m.group(3) else ",", text
    )


#: Where a sentence ends (a full stop, ?, !, ; or a new line) and where a clause does
#: (a comma, a colon, a dash between words), for the safety screen's scopes.
_SENTENCE_END = re.compile(r"(?:[.!?;]+|\n|\r|\u2029)(?=\s|$|[^\d])")
_CLAUSE_END = re.compile(r",|:(?=\s)|\s[-\u2013\u2014]+\s|\u2026")


def printable(text: str, limit: int = 80) -> str:
    """`text` safe to print back to a terminal: escape sequences and control and
    format characters removed, at most `limit` characters (an ellipsis marks a cut)."""
    text = _ANSI.sub("", text)
    if not (text.isascii() and text.isprintable()):
        text = "".join(ch for ch in text if unicodedata.category(ch) not in _UNPRINTABLE)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def words(text: str) -> list[str]:
    return _WORD.findall(text)


#: How many of the commonest English words tell English from another language: enough
#: for plain and misspelt English messages to be mostly "English", few enough that the
#: words other languages share with English's long tail ("de", "mi", "con") are not.
ENGLISH_WORDS = 40_000
#: How many of the commonest Spanish words typo correction leaves alone.
FOREIGN_WORDS = 30_000


@dataclass(frozen=True)
class Normalizer:
    """Built once from the content; immutable and safe to share across threads."""

    #: variant word sequence -> canonical words, e.g. ("side", "affects") -> ("side", "effects")
    synonyms: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    #: every word the content knows; unknown words are corrected towards these
    vocabulary: frozenset[str] = frozenset()
    #: real English words and how common they are: a common word is never "corrected",
    #: a rare one only towards a known word that is far more common ("seep" -> "sleep")
    #: (loaded on first need: most messages use only words the content knows)
    lexicon_source: Callable[[], Mapping[str, int]] = dict
    #: words a typo is corrected towards first when several are equally close
    #: (the safety rules' words: when in doubt, read the message as the dangerous one)
    priority: frozenset[str] = frozenset()
    #: guessed forms of the content's words ("beeping" from "beep*"): known, but the least
    #: likely correction unless English knows them
    guesses: frozenset[str] = frozenset()
    #: the commonest English words, to tell a message in another language (language.py);
    #: taken from the lexicon when the content is built, so a cached start needs no lexicon
    english: frozenset[str] = frozenset()
    #: the commonest words of the other languages the bot reads (Spanish): never "corrected"
    #: into an English or content word ("cita" is not a typo of "pita")
    foreign: frozenset[str] = frozenset()
    #: the content's words that only another language has ("destete", "realidad"): a typo is
    #: corrected towards them only in a message with a word of that language, so an English
    #: word the lexicon lacks ("dosette", "realised") is never read as Spanish
    foreign_only: frozenset[str] = frozenset()
    #: synonyms only for a message in another language ("q" -> "que", "pa" -> "para": in
    #: English, "q" may be a question and "pa" a father)
    foreign_synonyms: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    #: the other languages' safety words: preferred, like `priority`, only in their messages
    #: (Spanish "dime" is no reason to read "dise" as "dime" rather than "dose")
    foreign_priority: frozenset[str] = frozenset()
    _vocab_list: tuple[str, ...] = field(init=False, repr=False, default=())
    _vocab_native: tuple[str, ...] = field(init=False, repr=False, default=())
    #: `foreign` and `foreign_only` together: the words that say a message is not English
    other_language: frozenset[str] = field(init=False, repr=False, default=frozenset())
    #: (table, longest key, first words of keys of two words or more: only there is a
    #: longer one tried), for a message in English and for one in another language
    _native_synonyms: _Synonyms = field(init=False, repr=False, default=({}, 1, frozenset()))
    _all_synonyms: _Synonyms = field(init=False, repr=False, default=({}, 1, frozenset()))
    #: `priority` and `foreign_priority` together (a message in another language)
    _all_priority: frozenset[str] = field(init=False, repr=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_vocab_list", tuple(sorted(self.vocabulary)))
        native = tuple(w for w in self._vocab_list if w not in self.foreign_only)
        object.__setattr__(self, "_vocab_native", native)
        object.__setattr__(self, "other_language", self.foreign | self.foreign_only)
        object.__setattr__(self, "_native_synonyms", _indexed(self.synonyms))
        both = {**self.synonyms, **self.foreign_synonyms}
        object.__setattr__(self, "_all_synonyms", _indexed(both))
        object.__setattr__(self, "_all_priority", self.priority | self.foreign_priority)
        object.__setattr__(self, "_correct", lru_cache(maxsize=8192)(self._correct_uncached))

    @classmethod
    def build(
        cls,
        synonyms: Mapping[str, Iterable[str]],
        known_texts: Iterable[str],
        lexicon: Callable[[], Mapping[str, int]] = dict,
        priority: Iterable[str] = (),
        guesses: Iterable[str] = (),
        foreign_texts: Iterable[str] = (),
        foreign_synonyms: Mapping[str, Iterable[str]] | None = None,
        foreign_names: Iterable[str] = (),
        foreign_priority: Iterable[str] = (),
    ) -> Normalizer:
        """`known_texts` in the content's own language; `foreign_texts` in the others it
        reads (their words are known too, but a typo goes to them only in their language);
        `foreign_names`: the medicines' names in those languages ("baclofeno"), which say
        that a message is in one of them."""
        table = _table(synonyms)
        foreign_table = _table(foreign_synonyms or {})
        vocab: set[str] = set()
        for text in known_texts:
            vocab.update(_strip(w) for w in words(clean(text)))
        native = set(vocab)
        for text in [*foreign_texts, *(foreign_synonyms or {})]:
            vocab.update(_strip(w) for w in words(clean(text)))
        for canonical in synonyms:
            vocab.update(words(clean(canonical)))
        # one-word variants are known words too: a typo of one is corrected to it, then
        # rewritten ("bacloffen"); parts of longer variants ("side efects") are not
        vocab.update(_strip(key[0]) for key in table if len(key) == 1)
        guesses = frozenset(guesses)
        guessed = guesses - vocab
        vocabulary = frozenset(w for w in vocab | guessed if w and "'" not in w)

        def safety_words(texts: Iterable[str]) -> frozenset[str]:
            found = (w for text in texts for w in words(clean(text)))
            return frozenset(w for w in found if len(w) >= 4 and w not in FUNCTION_WORDS)

        first = (safety_words(priority) & vocabulary) | frozenset(w for w in guesses if len(w) >= 4)
        other_first = (safety_words(foreign_priority) & vocabulary) - first
        english = lexicon()
        foreign_only = frozenset(w for w in vocabulary - native if w not in english) | {
            w for name in foreign_names for w in words(clean(name))
        }
        return cls(
            table,
            vocabulary,
            lexicon,
            first,
            guessed,
            commonest(lexicon),
            foreign_words(),
            foreign_only,
            foreign_table,
            other_first,
        )

    def tokens(self, text: str) -> list[str]:
        """Cleaned, synonym-mapped, typo-corrected words (dictated punctuation dropped)."""
        return self._tokens(spoken_marks(text))

    def _tokens(self, text: str, foreign: bool | None = None) -> list[str]:
        """`tokens` of a text whose dictated punctuation is already marks. `foreign`: whether
        the message has words of another language the content knows (worked out from `text`
        if None)."""
        raw = words(clean(text))
        if foreign is None:
            foreign = self.reads_foreign(raw)
        mapped = self._map_synonyms([_strip(w) for w in self._map_synonyms(raw, foreign)], foreign)
        corrected = [self._correct(w, foreign) for w in mapped]  # type: ignore[attr-defined]
        # a correction can land on a synonym's variant ("bacloffen" -> ...): map again
        return self._map_synonyms(corrected, foreign) if corrected != mapped else mapped

    def normalize(self, text: str) -> str:
        return " ".join(self.tokens(text))

    def two_names(self, text: str, tokens: Sequence[str], medicine_words: Container[str]) -> bool:
        """Does the text name a covered medicine by two of its names, as written ("is
        lioresal the same as baclofen?")? Two of them ask, most often, about the names. The
        medicine named twice in `tokens` first (most texts stop at that count); then each
        written word a name or a synonym's variant (no typo correction: cheap)."""
        if sum(t in medicine_words for t in tokens) < 2:
            return False
        table = self._all_synonyms[0]
        written = {
            w
            for w in words(clean(text))
            if w in medicine_words or (t := table.get((w,))) is not None and t[0] in medicine_words
        }
        return len(written) >= 2

    def reads_foreign(self, raw: list[str]) -> bool:
        """Whether a message has a word of another language the content knows (one that is
        not also a common English word: "once", "home")."""
        return any(w in self.other_language and w not in self.english for w in raw)

    def marked_tokens(self, text: str) -> list[str]:
        """`tokens`, with "." between sentences and "," between clauses."""
        text = spoken_marks(_ANSI.sub("", text))
        foreign = self.reads_foreign(words(clean(text)))
        out: list[str] = []
        for sentence in _SENTENCE_END.split(text):
            start = len(out)
            for clause in _CLAUSE_END.split(sentence):
                toks = self._tokens(clause, foreign)
                if toks:
                    if len(out) > start:
                        out.append(",")
                    out.extend(toks)
            if len(out) > start:
                out.append(".")
        return out

    def _map_synonyms(self, toks: list[str], foreign: bool = False) -> list[str]:
        table, longest_key, starts = self._all_synonyms if foreign else self._native_synonyms
        if not table:
            return toks
        out: list[str] = []
        i = 0
        n = len(toks)
        while i < n:
            longest = min(longest_key, n - i) if toks[i] in starts else 1
            for size in range(longest, 0, -1):
                target = table.get(tuple(toks[i : i + size]))
                if target is not None:
                    out.extend(target)
                    i += size
                    break
            else:
                out.append(toks[i])
                i += 1
        return out

    def _correct_uncached(self, word: str, foreign: bool = True) -> str:
        """A word as the content knows it: a Spanish word texted with "k" ("kiero" is
        "quiero", two edits away) in a message with Spanish in it, or in any message where
        no typo correction reads it; else the typo-corrected word."""
        texted = "k" in word and word not in self.vocabulary and word.isalpha()
        respelled = spanish_respelled(word) if texted else word
        if respelled not in self.vocabulary and respelled not in self.foreign:
            respelled = word
        if foreign and respelled != word:
            return respelled
        fixed = self._typo_corrected(word, foreign)
        if respelled != word and fixed == word and word not in self.lexicon_source():
            return respelled
        return fixed

    def _typo_corrected(self, word: str, foreign: bool) -> str:
        if (
            len(word) < 3
            or word in self.vocabulary
            or (word,) in self.synonyms
            or not word.isalpha()
            or not self._vocab_list
        ):
            return word
        if word in self.foreign:
            return word  # a common word of another language the bot reads
        if word in CALENDAR:
            return word  # "june" is rarer in the word list than "tune", but it is a month
        if LAUGHTER.fullmatch(word):
            return word  # "jaja", "jeje", "hahaha": laughter, not "caja" or "jefe"
        if foreign and spanish_with_clitics(word):
            return word  # "preocuparme": a Spanish verb and its pronoun, not a typo
        lexicon = self.lexicon_source()
        seen = max((lexicon.get(w, 0) for w in _spellings(word)), default=0)
        if foreign:  # a Spanish word typed without its accents is a word ("conduccion")
            spanish = foreign_lexicon()
            seen = max(seen, *(spanish.get(w, 0) for w in spanish_forms(word)))
        if seen >= COMMON_WORD:
            return word
        max_edits = 2 if len(word) >= 7 and not seen else 1
        known = self._vocab_list if foreign else self._vocab_native
        found = process.extract(word, known, scorer=OSA.distance, score_cutoff=max_edits, limit=12)
        if not found:
            return word

        # the closest known word; among equally close ones, the most common
        # in a message with another language in it, how much that language uses a word
        # settles what is still a tie ("hije" is "hijo", not "hice")
        other = foreign_lexicon() if foreign else {}
        priority = self._all_priority if foreign else self.priority

        def weight(known: str) -> int:
            # a real word weighs what English uses it; the content's own words, a fixed amount
            return lexicon.get(known) or (1 if known in self.guesses else KNOWN_WORD_WEIGHT)

        # closest first; then one that keeps the first letter (typos rarely change it);
        # then one with the same letters (a swap); then a safety word; then the most common
        best = min(
            found,
            key=lambda f: (
                f[1],
                f[0][0] != word[0],
                sorted(f[0]) != sorted(word),  # a swap of two letters keeps the letters
                f[0] not in priority,
                -weight(f[0]),
                -other.get(f[0], 0),
                f[0],
            ),
        )[0]
        if foreign and spanish_conjugated(word):
            if best not in self.other_language:
                return word  # "sube" is a form of "subir", not a typo of English "sure"
            if not spanish_verbs(word) & spanish_verbs(best):
                return word  # "pondría" is "poner", not "podría"; "enferme" not "enfermera"
        if seen and weight(best) < (PRIORITY_RARER_BY if best in priority else RARER_BY) * seen:
            return word  # a real word, and the known one is not much more likely
        if best in NUMBER_WORDS and (best[0] != word[0] or OSA.distance(word, best) > 1):
            return word  # an amount only from a near miss of it ("fiv"; "brinque" is no "cinque")
        return str(best)


#: Spanish as people text it: "k" for "qu" before e and i, for "c" before a, o and u.
_TEXTED_K = ((re.compile(r"k(?=[eiéí])"), "qu"), (re.compile(r"k"), "c"))


def spanish_respelled(word: str) -> str:
    """A texted Spanish spelling written out: "kiero" -> "quiero", "komo" -> "como"."""
    for pattern, letters in _TEXTED_K:
        word = pattern.sub(letters, word)
    return word


#: How often a Spanish infinitive is seen for its regular forms to count as words.
SPANISH_VERB_SEEN = 200


def spanish_conjugated(word: str) -> bool:
    """Whether a word is a form of a verb the Spanish word list has often enough ("sube"
    of "subir", "aparece" of "aparecer", "pondría" of "poner"): a real word the list lacks."""
    return bool(spanish_verbs(word, itself=False))


def spanish_verbs(word: str, itself: bool = True) -> set[str]:
    """The common Spanish verbs a word may be a form of ("recargaran" -> {"recargar"}),
    and the word itself when it is one (`itself`)."""
    lexicon = foreign_lexicon()
    forms = conjugated_from(word) | ({word} if itself else set())
    return {v for v in forms if lexicon.get(v, 0) >= SPANISH_VERB_SEEN}


def spanish_with_clitics(word: str) -> bool:
    """Whether a word is a Spanish gerund ("bailando"), or an infinitive or gerund with one
    or two pronouns after it ("preocuparme", "dándoselo"), of a verb in the Spanish word
    list: a real word that the list lacks, not a typo."""
    verb = without_clitics(word)
    if verb == word and not unaccented(word).endswith(("ando", "iendo", "yendo")):
        return False
    lexicon = foreign_lexicon()
    return any(v in lexicon for v in infinitives(verb))


#: Months and days: names the word list counts low (it is lower-cased), so never corrected.
CALENDAR = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)

#: Laughter as people type it, in English and Spanish: never a typo ("jaja" is not "caja").
LAUGHTER = re.compile(
    r"(?:ja|je|ji|jo|ha|he|hi|ho|js|xd)+[jh]?|(?:ja|je|ha|he)*(?:jaj|hah|jej|heh)"
)

#: Grammar words: never preferred as a typo's correction ("doe" is "dose", not "does").
FUNCTION_WORDS = frozenset(
    """does done doing did the them then than this that these those there here with from into
    your their what whats when where which have been being were will would could should also
    they were""".split()
)
#: A word this common in English is taken as meant, never corrected.
COMMON_WORD = 2_000
#: A rarer real word is corrected only to a known word this many times more common.
RARER_BY = 40
#: ...or this many times, when the known word is one of the safety rules' words.
PRIORITY_RARER_BY = 20
#: How common the content's own words count as, when English does not know them.
KNOWN_WORD_WEIGHT = 50_000


_Synonyms = tuple[Mapping[tuple[str, ...], tuple[str, ...]], int, frozenset[str]]


def _indexed(table: Mapping[tuple[str, ...], tuple[str, ...]]) -> _Synonyms:
    longest = max((len(k) for k in table), default=1)
    return table, longest, frozenset(k[0] for k in table if len(k) > 1)


def _table(synonyms: Mapping[str, Iterable[str]]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """canonical -> variants, as variant words -> canonical words."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for canonical, variants in synonyms.items():
        target = tuple(words(clean(canonical)))
        for variant in variants:
            # "od'd" is matched with its apostrophe (without it, it is "odd")
            key = tuple(words(clean(variant)))
            if key and key != target:
                table[key] = target
    return table


#: British spellings -> the American ones the lexicon lists ("realised", "tyres", "colour")
_BRITISH = (
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("our", "or"),
    ("ours", "ors"),
    ("yre", "ire"),
    ("yres", "ires"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ogue", "og"),
    ("ence", "ense"),
    ("lled", "led"),
    ("lling", "ling"),
    ("aemia", "emia"),
    ("oea", "ea"),
)


def _spellings(word: str) -> tuple[str, ...]:
    """The word, and its American spelling if it has a British ending."""
    return (word,) + tuple(word[: -len(uk)] + us for uk, us in _BRITISH if word.endswith(uk))


def _strip(word: str) -> str:
    """Drop apostrophes so "didn't" and "didnt" are one word."""
    return word.replace("'", "")


@lru_cache(maxsize=1)
def english_lexicon() -> Mapping[str, int]:
    """Real English words (pyspellchecker's frequency list), so that typo correction
    only touches words that are not words: "heard" stays "heard", "swallowd" is fixed."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="en").word_frequency.dictionary)


@lru_cache(maxsize=1)
def foreign_lexicon() -> Mapping[str, int]:
    """Spanish words and how common they are (pyspellchecker's list)."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(language="es").word_frequency.dictionary)


_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "úü", "n": "ñ"}


def spanish_spellings(word: str) -> list[str]:
    """The ways a Spanish word typed without its marks may be written with them: one
    accent or ü, an ñ, or both ("conduccion": "conducción", which the Spanish word list
    counts 2,856 times; "anos": "años")."""
    one = [
        word[:i] + mark + word[i + 1 :]
        for i, ch in enumerate(word)
        for mark in _ACCENTED.get(ch, "")
    ]
    two = [
        w[:i] + "ñ" + w[i + 1 :] for w in one if "ñ" not in w for i, ch in enumerate(w) if ch == "n"
    ]
    return [word, *one, *two]


def spanish_forms(word: str) -> list[str]:
    """`spanish_spellings` of a word and of its singular, when it may be a plural: the
    Spanish word list counts singulars only ("condición" 29,618 times, "condiciones" not at
    all), so a plural it lacks is a word, not a typo of a word the content knows
    ("condiciones" is not "condicional")."""
    singulars = []
    if word.endswith("ces"):
        singulars.append(word[:-3] + "z")  # "luces": "luz"
    if word.endswith("es"):
        singulars.append(word[:-2])  # "condiciones": "condicion", "riñones": "riñon"
    if word.endswith("s"):
        singulars.append(word[:-1])  # "pastillas": "pastilla"
    return [form for w in (word, *singulars) for form in spanish_spellings(w)]


def common_counts(words: Iterable[str]) -> dict[str, int]:
    """How common each of these words is in Spanish (pyspellchecker's counts)."""
    lexicon = foreign_lexicon()
    return {w: lexicon[w] for w in words if w in lexicon}


@lru_cache(maxsize=1)
def foreign_words() -> frozenset[str]:
    """The FOREIGN_WORDS commonest Spanish words longer than three letters: short words
    are too easily an English typo ("ver" for "very"), so those may be fixed."""
    return frozenset(w for w in commonest(foreign_lexicon, FOREIGN_WORDS) if len(w) > 3)


@lru_cache(maxsize=4)
def commonest(lexicon: Callable[[], Mapping[str, int]], n: int = ENGLISH_WORDS) -> frozenset[str]:
    """The `n` commonest words of a word list (worked out once per list)."""
    counts = lexicon()
    return frozenset(sorted(counts, key=counts.__getitem__, reverse=True)[:n])
