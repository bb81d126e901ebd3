"""Is a message written in a language the bot does not read?

The reply contract: a message in another language is screened for danger all the same,
and when unsure between an emergency and anything else, the emergency. The bot reads
English (its word lists and examples are English, with a few words of the commonest
emergencies in other languages). A message it cannot read could say anything, so, when
no safety rule settled it, it gets the emergency guidance, whose numbers need no
translation.

Two signs, read from the words as written (before typo correction turns "mein vater"
into "mean water"):

- fewer than half of the words are English words (the spell checker's English list),
  and the rest are not keyboard mash: they carry letters outside ASCII (another script,
  or accents) or a function word of another language ("el", "und", "nie");
- or function words of one other language outnumber the English ones, at least three
  of them, or two when there is no English function word at all ("me tome el doble de
  baclofeno por error y estoy muy mareada": most of its words are also in the English
  list, yet it is Spanish).

Function words carry little meaning but say which language a sentence is in; the lists
below leave out words that are common English words too ("a", "no", "me", "die", "was").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping

from .normalize import clean

#: Below this share of English words, a message may be in another language.
ENGLISH_SHARE = 0.5
#: ...and with this many function words of one other language (and more than English
#: ones), it is, whatever its share of words the English list happens to hold.
FOREIGN_FUNCTION_WORDS = 3

_WORD = re.compile(r"[^\W\d_]+")

#: Function words of other languages, leaving out those that are English words as well.
FUNCTION_WORDS: Mapping[str, frozenset[str]] = {
    "es": frozenset(
        """el la los las de del que y en un una unos unas por con para mi mis tu su sus se
        lo al nos es muy pero como ella ellos esta este esto estoy estaba tiene tengo
        hace cuando hay
        donde porque pues también mucho muchas muchos sobre qué cómo cuánto cuanto cuantas
        cuantos hijo hija mamá papá esposo esposa tomó tomo tome tomé quiero quiere puedo
        puede debo hago tomar dejar morir vivir pastillas pastilla tabletas ayuda despierta
        respira
        q k ke pa xq pq porq tb tmb tmbn""".split()  # and as typed in a chat: "pa q sirve"
    ),
    "fr": frozenset(
        """le la les de des du et est un une je il elle ils nous vous pas pour que qui dans
        mon mes ton ta ses ce cette avec sur mais ou où très aussi j ai suis était sont
        avait fait rien combien mortel mortelle dangereux comprimés avalé fils fille mère
        père peut""".split()
    ),
    "pt": frozenset(
        """os de dos das que e em um uma uns umas por com para meu minha meus minhas
        seu sua ele ela eles não está estou tem tenho foi muito como já também quando
        onde porque quantos quantas perigoso comprimidos tomou engoliu filho filha mãe pai
        pode""".split()
    ),
    # ("che" left out: Rioplatense Spanish writes it too)
    "it": frozenset(
        """il lo la gli le di del della e è un una con mio mia miei sua suo non sono era
        molto già anche quando dove perché quanto quanti quante mortale letale pericoloso
        compresse ingerito figlio figlia può""".split()
    ),
    "de": frozenset(
        """der das und ist nicht ich sie wir ihr ein eine einen einem mit mein meine meinen
        habe haben zu auf dem des von für bei nach jetzt sehr aber auch noch schon wenn wie
        warum kein keine wieviel wieviele tödlich gefährlich tabletten genommen geschluckt
        sohn tochter mutter vater kann viel""".split()
    ),
    "nl": frozenset(
        """de het een en niet ik hij zij wij mijn voor naar bij maar ook nog heeft heb zijn
        waarom geen hoeveel hoe wat welke dodelijk gevaarlijk pillen tabletten veel zoon
        dochter moeder vader genomen ingenomen geslikt kan""".split()
    ),
    "pl": frozenset(
        """nie jest się że z mój moja moje mi już jak czy bardzo tak jej jego mnie""".split()
    ),
    # Catalan: its own words, and the ones it shares with Spanish (so that those count for
    # neither when a message taken for Spanish is weighed)
    "ca": frozenset(
        """meu meva meus meves teu teva seva amb però perquè molt molta molts moltes també
        avui ahir aquest aquesta aquests això és són estic tinc filla nen nena gos gossa
        àvia pastilles menjat begut doncs gaire massa fins vaig els dels pels el la les de
        una un que en se pastilla""".split()
    ),
    "tl": frozenset(
        """ang ng mga sa ko mo niya siya ako ikaw kami tayo sila hindi ay kung ilan po ba
        lang din rin kasi yung iyong nang anak lola lolo""".split()
    ),
    "hi": frozenset(
        """hai hoon hain mera meri mere kya nahi nahin kitni kitna kitne ki ke aur bahut mujhe
        mein tha thi raha rahi gaya gayi karo chahta chahti jaana lagengi lagega dawai goli
        goliyan beta beti""".split()
    ),
    "vi": frozenset(
        """tôi của không và là có bị uống thuốc nhầm bà ông mẹ bố chị quá rồi được cho này
        tao mày""".split()
    ),
}
#: Words of dying and suicide in the languages above that the bot does not read: a message
#: with one ("combien de baclofène faut-il pour mourir") is a crisis as well as unread, so
#: the conversation keeps the crisis flag (the reply names the crisis line either way)
DEATH_WORDS = frozenset(
    """mourir meurs mort suicide suicider suicidaire tuer sterben tot töten umbringen
    selbstmord suizid morrer morra morte suicídio matar mata morire morto suicidio uccidere
    uccidermi ammazzarmi dood doodgaan zelfmoord umrzeć zabić samobójstwo mamatay""".split()
)
#: English function words, to weigh against them.
ENGLISH_FUNCTION_WORDS = frozenset(
    """the a an and or but of to in on at for with from by is are was were be been am do
    does did have has had i me my he she it we you they his her their this that what how
    why when can could should would will not no""".split()
)
#: English function words that are also common words of another language ("no me he
#: tomado"): in telling English from that language, they count for neither.
SHARED_FUNCTION_WORDS: Mapping[str, frozenset[str]] = {
    "es": frozenset({"a", "no", "me", "he"}),
    "it": frozenset({"a", "no"}),
    "pt": frozenset({"a", "no"}),
}
_LANGUAGES_OF: Mapping[str, tuple[str, ...]] = {
    w: tuple(lang for lang, words in FUNCTION_WORDS.items() if w in words)
    for words in FUNCTION_WORDS.values()
    for w in words
}


def words_as_written(text: str) -> list[str]:
    """The message's words, case-folded, before any correction."""
    return _WORD.findall(clean(text))


def unread_language(
    text: str,
    english: frozenset[str],
    is_medicine: Callable[[str], bool],
    reads: str = "en",
) -> str | None:
    """Why `text` looks written in a language the bot does not read, or None.
    `english`: the commonest English words; `is_medicine`: a word is a medicine's name
    (in any spelling: "baclofène", "baklofenu"), which is no language's. `reads`: another
    language the message was taken for ("es"): then it is unread only when another
    language's function words outnumber that language's, or two of its words have
    letters that language does not write (a Vietnamese message is not Spanish for its
    accents, nor a Portuguese one for its words)."""
    if reads != "en":
        return _not_really(text, is_medicine, reads)
    words = words_as_written(text)
    if len(words) < 2 or all(w in english and w not in _LANGUAGES_OF for w in words[:4]):
        return None  # it starts as English does (most messages): no need to look further
    words = [w for w in words if not is_medicine(w)]
    if len(words) < 2:
        return None
    foreign = Counter(lang for w in words for lang in _LANGUAGES_OF.get(w, ()))
    english_function = sum(w in ENGLISH_FUNCTION_WORDS for w in words)
    if foreign:
        lang, count = foreign.most_common(1)[0]
        if (count >= FOREIGN_FUNCTION_WORDS and count > english_function) or (
            count >= 2 and not english_function
        ):
            return f"{count} function words of another language ({lang})"
    unknown = [w for w in words if w not in english]
    if len(words) - len(unknown) >= ENGLISH_SHARE * len(words):
        return None
    if any(not w.isascii() for w in unknown):
        return "most words are not English, in another script or with accents"
    if foreign:
        return "most words are not English, with function words of another language"
    return None  # keyboard mash or made-up words: not a language


#: The letters each language the bot reads writes (beyond a-z).
_ALPHABETS: Mapping[str, frozenset[str]] = {"es": frozenset("abcdefghijklmnopqrstuvwxyzáéíóúüñ")}


def _not_really(text: str, is_medicine: Callable[[str], bool], reads: str) -> str | None:
    """Taken for `reads`, but written in another language?"""
    words = [w for w in words_as_written(text) if not is_medicine(w)]
    own = FUNCTION_WORDS.get(reads, frozenset())
    foreign = Counter(
        lang for w in words if w not in own for lang in _LANGUAGES_OF.get(w, ()) if lang != reads
    )
    if foreign:
        lang, count = foreign.most_common(1)[0]
        # the taken language's own words, leaving out those the rival writes too ("el", "de")
        own_count = sum(w in own and lang not in _LANGUAGES_OF.get(w, ()) for w in words)
        if count >= 2 and count > own_count:
            return f"{count} function words of another language ({lang}), more than its own"
    alphabet = _ALPHABETS.get(reads)
    if alphabet and sum(any(ch not in alphabet for ch in w) for w in words) >= 2:
        return f"words with letters that {reads} does not write"
    return None


#: Marks only Spanish writing has: inverted question and exclamation marks, ñ.
_SPANISH_MARKS = re.compile(r"[¿¡ñ]")
#: A letter written three times over ("hellooo"): a drawn-out word, of any language.
_DRAWN_OUT = re.compile(r"(.)\1\1")
#: Letters Spanish writes (French and Portuguese too, but their function words show them).
_SPANISH_ACCENTS = re.compile(r"[áéíóú]")


def _spanish_words_only(
    words: list[str],
    english: frozenset[str],
    spanish: frozenset[str],
    own: Mapping[str, int],
    languages: Collection[str],
) -> bool:
    """Two words or more, none English, the rest common Spanish words (not drawn out) and at
    most one word neither list knows (a medicine's name): "baclofeno convulsiones"."""
    if "es" not in languages or len(words) < 2 or any(w in english for w in words):
        return False
    if any(n for lang, n in own.items() if lang != "es"):
        return False
    unknown = sum(w not in spanish for w in words)
    plain = any(w in spanish and not _DRAWN_OUT.search(w) for w in words)
    return plain and unknown <= 1


def language_of(
    text: str,
    languages: Collection[str],
    english: frozenset[str],
    spanish: frozenset[str] = frozenset(),
    default: str = "en",
    is_medicine: Callable[[str], bool] | None = None,
) -> str:
    """The language to answer `text` in: one of `languages`, "en", or `default`.

    A language scores its function words (Spanish also its marks "¿", "ñ" and, in a
    message mostly of no English words, its accents and its commonest words: `spanish`),
    and wins with two or more that outnumber the English function words. A tie goes to
    the words only one of the tied has, then to one the bot reads. A message no language
    wins is Spanish when it is two words or more of common Spanish and nothing English
    ("baclofeno convulsiones"), English when English function words say so, and otherwise
    ("ok", "baclofen?", "hola") in `default`, the language the person chose. `english`: the
    commonest English words. `is_medicine`: a word that names the medicine in every
    language ("lioresal", "baclofen") says none ("hay generico del lioresal?"); its
    Spanish name ("baclofeno", a `spanish` word) still says Spanish."""
    words = words_as_written(text)
    lowered = text.casefold()
    unknown = [w for w in words if w not in english]
    if is_medicine is not None:  # the medicine's names are no language's words
        unknown = [w for w in unknown if w in spanish or not is_medicine(w)]
    not_english = len(unknown)
    mostly_foreign = not_english > len(words) / 2
    # common Spanish words that are no common English ones ("quien", "deberia")
    spanish_known = sum(w in spanish and w not in english for w in words)
    own = {lang: sum(w in vocabulary for w in words) for lang, vocabulary in FUNCTION_WORDS.items()}
    spanish_content = sum(
        w in spanish and w not in english and w not in _LANGUAGES_OF for w in words
    )
    scores: dict[str, int] = {}
    for lang, count in own.items():  # every language it knows, so French is not Spanish
        shared = SHARED_FUNCTION_WORDS.get(lang, frozenset())  # "no", "me" say nothing
        english_function = sum(w in ENGLISH_FUNCTION_WORDS and w not in shared for w in words)
        rivals = any(n >= 2 for other, n in own.items() if other != lang)
        if lang == "es":
            count += bool(_SPANISH_MARKS.search(lowered))
            count += mostly_foreign and bool(_SPANISH_ACCENTS.search(lowered))  # "cuénteme más"
        if count == 1 and not english_function and mostly_foreign and not rivals:
            count += 1
        if lang == "es" and mostly_foreign and not rivals and 2 * spanish_known >= not_english:
            count = max(count, spanish_known)  # most of what is not English is Spanish
        elif (
            lang == "es"
            and not english_function
            and not rivals
            and spanish_known >= 2
            and 2 * spanish_known >= not_english
        ):
            count = max(count, spanish_known)  # "hay baclofeno generico o solo de marca?"
        elif lang == "es" and rivals:  # "che, le puedo convidar baclofeno a un amigo": the
            count += spanish_content  # Spanish words that are no language's function words
        if count >= 2 and count > english_function:
            scores[lang] = count
    if not scores and _spanish_words_only(words, english, spanish, own, languages):
        return "es"
    if not scores:
        shared = SHARED_FUNCTION_WORDS.get(default, frozenset())
        english_said = any(w in ENGLISH_FUNCTION_WORDS and w not in shared for w in words)
        return "en" if english_said else default
    top = max(scores.values())
    tied = [lang for lang, n in scores.items() if n == top]
    if len(tied) > 1:
        only = {lang: sum(_LANGUAGES_OF.get(w) == (lang,) for w in words) for lang in tied}
        if "es" in only:  # and the common words of the one word list the bot has
            only["es"] += spanish_known
        most = max(only.values())
        tied = [lang for lang in tied if only[lang] == most]
        if len(tied) > 1:
            tied = [lang for lang in tied if lang in languages] or ["en"]
    best = tied[0]
    return best if best in languages else "en"
