"""Benchmark (issue #9): medspaCy's ConText in place of our own context modifiers.

Everything but the modifier step stays ours: the same normalised tokens, the same concept
matches (found by our `Vocabulary`, handed to ConText as target spans), the same rules in
`chatbot/safety.py` deciding the kind. Only *which modifiers each concept carries* comes from
medspaCy: our modifier cues, pseudo cues and terminators (intents/safety/*.yaml) become
`ConTextRule`s (direction and window kept, terminators and the clause mark "," as TERMINATE,
pseudo cues as PSEUDO), the sentence mark "." splits sentences (spaCy's sentencizer), and
our `entities` are ConText's `excluded_types`.

Prints, side by side: recall on tests/data/safety_cases.yaml (as tests/test_safety.py
counts it), alarms on its near misses, invariance on the metamorphic suite
(tests/test_metamorphic.py), how often the two give a concept a different set of
modifiers (with examples), start-up time and per-message time. Never reads
tests/data/sealed/. Figures only; not a test.

    .venv/bin/pip install -e '.[context-bench]'
    .venv/bin/python bench/context_library.py [--terminators words|phrases]
                                              [--patch-overlap] [--examples 15]

--terminators: our code splits each terminator into words ("right now" -> "right", "now");
"words" gives ConText the same words (the default: only the algorithm differs), "phrases"
gives it the phrases as the content writes them.
--patch-overlap: medspaCy 1.3.1's span-overlap test is one-sided (see `patch_overlap`);
this measures ConText as it would be with that fixed. Without it, medspaCy as shipped.

The two implementations differ by design where (a) the same words are a cue of two
categories or directions: ours applies both, medspaCy's pruning keeps one match; (b) a
concept lies partly inside a cue's scope: ours does not modify it, ConText does; (c) a cue
shares the category of a later cue: ConText ends the first one's scope there; (d) cues
overlap: ours keeps the leftmost (longest at that start), medspaCy the longest; (e) a cue
word has a typo: ours forgives one in a longer phrase, spaCy's Matcher matches exactly.
"""

from __future__ import annotations

import argparse
import copy
import importlib
import os
import re
import statistics
import subprocess
import sys
import time
import warnings
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402
from chatbot.concepts import (  # noqa: E402
    CLAUSE,
    Cue,
    Found,
    PhraseIndex,
    Reading,
    Vocabulary,
    build_vocabulary,
    compile_phrase,
    number,
)
from chatbot.safety import SafetyScreen  # noqa: E402

SAFETY_DIR = ROOT / "intents" / "safety"
DIRECTION = {"forward": "FORWARD", "backward": "BACKWARD", "both": "BIDIRECTIONAL"}
GROUP = "safety_concepts"  # the span group ConText reads its targets from
NUM = "safety_number"  # Token._ extension: the value of a number token, else -1

Modifiers = dict[str, tuple[str, int, list[str], str]]  # name -> direction, window, cues, category


def import_medspacy() -> Any:
    """Import spaCy and medspaCy with warnings silenced, and undo what medspaCy does to the
    process on import (its matcher module calls `warnings.filterwarnings("ignore")`, which
    would switch off every warning of the host program)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy 3.7 imports a deprecated click helper
        importlib.import_module("spacy")
        return importlib.import_module("medspacy.context")


@dataclass(frozen=True)
class SafetyContent:
    """The inputs of `build_vocabulary`, as `chatbot.content.safety_rules` collects them."""

    concepts: dict[str, list[str]]
    modifiers: Modifiers
    pseudo: list[str]
    terminators: list[str]
    entities: list[str]

    @classmethod
    def read(cls, folder: Path = SAFETY_DIR) -> SafetyContent:
        concepts: dict[str, list[str]] = {}
        modifiers: Modifiers = {}
        pseudo: list[str] = []
        terminators: list[str] = []
        entities: list[str] = []
        for path in sorted(folder.glob("*.yaml")):
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for name, phrases in (doc.get("concepts") or {}).items():
                concepts.setdefault(name, list(phrases))
            for name, m in (doc.get("modifiers") or {}).items():
                modifiers.setdefault(
                    name, (m["direction"], m["window"], list(m["cues"]), m.get("category") or name)
                )
            pseudo += doc.get("pseudo") or []
            terminators += doc.get("terminators") or []
            entities += doc.get("entities") or []
        return cls(concepts, modifiers, pseudo, terminators, entities)


def concepts_only(vocabulary: Vocabulary) -> Vocabulary:
    """Our vocabulary with no cues: the same concept matches, no modifiers."""
    bare = copy.copy(vocabulary)
    bare._cues = PhraseIndex(())  # noqa: SLF001 - the bench swaps exactly this step
    return bare


def token_pattern(words: Sequence[str]) -> list[dict[str, Any]]:
    """Our compiled phrase words -> a spaCy Matcher pattern (tokens are already normalised,
    so a literal rule, which spaCy's tokenizer would split differently, is not used)."""
    out: list[dict[str, Any]] = []
    for w in words:
        if w == "#":
            out.append({"_": {NUM: {">=": 0}}})
        elif w.startswith("#"):
            out.append({"_": {NUM: {">=": int(w[1:-1])}}})
        elif w.endswith("*") and len(w) > 1:
            out.append({"LOWER": {"REGEX": "^" + re.escape(w[:-1])}})
        else:
            out.append({"LOWER": w})
    return out


def context_rules(
    content: SafetyContent, normalize: Callable[[str], str], terminators: str = "words"
) -> list[Any]:
    """Our cues as ConTextRules, one per compiled phrase, category and direction."""
    ctx = import_medspacy()
    rule = ctx.ConTextRule
    rules: list[Any] = []
    seen: set[tuple[tuple[str, ...], str, str]] = set()

    def add(words: tuple[str, ...], category: str, direction: str, **kw: Any) -> None:
        # one rule per words, category and direction: where the same words are a cue of two
        # kinds ("cause": hypothetical and generic; "risk": forward and backward), ours
        # applies both, and medspaCy's pruning of overlapping matches keeps one of them
        if (words, category, direction) in seen:
            return
        seen.add((words, category, direction))
        rules.append(
            rule(" ".join(words), category, pattern=token_pattern(words), direction=direction, **kw)
        )

    for name, (direction, window, cues, category) in content.modifiers.items():
        for cue in cues:
            for p in compile_phrase(cue, name, normalize):
                add(
                    p.words,
                    category,
                    DIRECTION[direction],
                    max_scope=window,
                    excluded_types=set(content.entities),
                )
    for cue in content.pseudo:
        for p in compile_phrase(cue, "pseudo", normalize):
            add(p.words, "PSEUDO", "PSEUDO")
    stops = [normalize(t).split() for t in content.terminators]
    if terminators == "words":
        stops = [[w] for ws in stops for w in ws]
    for ws in [*stops, [CLAUSE]]:
        add(tuple(ws), "TERMINATE", "TERMINATE")
    return rules


class ConTextReader:
    """Reads a message as `Vocabulary.read` does, with medspaCy's ConText as the modifier step."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        content: SafetyContent,
        normalize: Callable[[str], str],
        terminators: str = "words",
    ) -> None:
        ctx = import_medspacy()
        import spacy
        from spacy.tokens import Doc, Span, Token

        self._doc, self._span = Doc, Span
        if not Token.has_extension(NUM):
            Token.set_extension(NUM, getter=lambda t: _value(t.text))
        self.concepts = concepts_only(vocabulary)
        self.entities = frozenset(content.entities)
        self.nlp = spacy.blank("en")
        self.sentencizer = self.nlp.add_pipe("sentencizer", config={"punct_chars": ["."]})
        self.context = ctx.ConText(
            self.nlp,
            rules=None,
            span_attrs=None,
            input_span_type="group",
            span_group_name=GROUP,
        )
        self.context.add(context_rules(content, normalize, terminators))

    def read(self, tokens: list[str]) -> Reading:
        found = self.concepts.read(tokens).found
        if not found:  # nothing to modify: ConText need not run
            return Reading(tuple(tokens), (), ())
        doc = self.sentencizer(self._doc(self.nlp.vocab, words=tokens))
        doc.spans[GROUP] = [self._span(doc, f.start, f.end, label=f.concept) for f in found]
        doc = self.context(doc)
        graph = doc._.context_graph
        mods: dict[tuple[str, int, int], set[str]] = defaultdict(set)
        for target, modifier in graph.edges:
            mods[target.label_, target.start, target.end].add(modifier.category.lower())
        out = tuple(
            replace(f, modifiers=frozenset(mods.get((f.concept, f.start, f.end), ())))
            for f in found
        )
        cues = tuple(
            Cue(m.category.lower(), m.modifier_span[0], m.modifier_span[1], m.scope_span)
            for m in graph.modifiers
            if m.direction not in ("TERMINATE", "PSEUDO")
        )
        return Reading(tuple(tokens), out, cues)


def shared_phrases(rules: Iterable[Any]) -> tuple[int, int]:
    """(phrases that are more than one rule, phrases): medspaCy keeps one rule per match."""
    per: Counter[str] = Counter(r.literal for r in rules)
    return sum(n > 1 for n in per.values()), len(per)


def _value(text: str) -> float:
    v = number(text)
    return -1.0 if v is None else v


def patch_overlap() -> None:
    """Make medspaCy's span overlap test symmetric. medspaCy 1.3.1's `tuple_overlaps(a, b)`
    is `a[0] <= b[0] < a[1] or a[0] < b[1] <= a[1]`: False when b strictly contains a. So a
    terminator (whose scope is the whole sentence) never ends a cue's scope that stops short
    of both sentence ends, as every `max_scope` window does, and a cue strictly inside a
    target ("pharmacy didnt have") modifies that target."""

    def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] < b[1] and b[0] < a[1]

    for name in ("medspacy.context.context_graph", "medspacy.context.context_modifier"):
        module: Any = importlib.import_module(name)
        module.tuple_overlaps = overlaps


def with_context(bot: Chatbot, reader: ConTextReader) -> Chatbot:
    """The same bot, whose safety screen reads modifiers with ConText."""
    screen = replace(bot.kb.screen, vocabulary=cast(Vocabulary, reader))
    return Chatbot(replace(bot.kb, screen=screen), bot.settings)


# --- the measurements ---------------------------------------------------------------------


def load_sets() -> tuple[dict[str, Any], list[tuple[str, str, str, str]]]:
    from tests.test_metamorphic import suite

    cases = yaml.safe_load((ROOT / "tests" / "data" / "safety_cases.yaml").read_text())
    return cases, suite()


def safety_figures(bot: Chatbot, cases: dict[str, Any]) -> dict[str, tuple[int, int]]:
    from tests.test_safety import routed_safely

    out = {}
    for kind in ("emergency", "crisis", "refusal"):
        texts = [c["text"] for c in cases["cases"] if c["kind"] == kind]
        out[kind] = (sum(routed_safely(kind, bot.respond(t)) for t in texts), len(texts))
    near = [c["text"] for c in cases["near_misses"]]
    alarms = sum(bot.respond(t).kind in ("crisis", "emergency", "refusal") for t in near)
    out["near-miss alarms"] = (alarms, len(near))
    return out


def invariance(
    bots: Sequence[Chatbot], rows: list[tuple[str, str, str, str]]
) -> list[tuple[Counter[str], Counter[str], list[int]]]:
    """Per bot: variants kept per group, variants per group, and respond() times in ns
    (the bots interleaved message by message)."""
    from tests.test_metamorphic import reaches_help

    out: list[tuple[Counter[str], Counter[str], list[int]]] = [
        (Counter(), Counter(), []) for _ in bots
    ]
    for group, _seed, _tr, text in rows:
        for bot, (kept, total, times) in zip(bots, out, strict=True):
            t = time.perf_counter_ns()
            reply = bot.respond(text)
            times.append(time.perf_counter_ns() - t)
            total[group] += 1
            kept[group] += reaches_help(reply) if group == "urgent" else not reaches_help(reply)
    return out


def screen_times(
    screens: Sequence[SafetyScreen], marked: list[list[str]], rounds: int = 3
) -> list[list[int]]:
    """ns per `screen()` call for each screen, interleaved message by message (the order
    alternating each round) so that a busy machine slows both alike."""
    for tokens in marked[:300]:  # warm-up
        for s in screens:
            s.screen(tokens)
    times: list[list[int]] = [[] for _ in screens]
    order = list(range(len(screens)))
    for _ in range(rounds):
        for tokens in marked:
            for k in order:
                t = time.perf_counter_ns()
                screens[k].screen(tokens)
                times[k].append(time.perf_counter_ns() - t)
        order.reverse()
    return times


def pct(times: list[int], q: float) -> float:
    s = sorted(times)
    return s[min(len(s) - 1, int(q * len(s)))] / 1000  # microseconds


def startup(
    content: SafetyContent, normalize: Callable[[str], str], terminators: str, rounds: int = 5
) -> tuple[float, float, float, float]:
    """Median ms: (ours: whole vocabulary, ours: modifiers only,
    ConText: concepts + pipeline + rules, ConText: pipeline + rules only)."""

    def ours(with_concepts: bool) -> Vocabulary:
        return build_vocabulary(
            content.concepts if with_concepts else {},
            content.modifiers,
            content.pseudo,
            content.terminators,
            normalize,
            content.entities,
        )

    def theirs(with_concepts: bool) -> ConTextReader:
        vocab = build_vocabulary(
            content.concepts if with_concepts else {}, {}, (), (), normalize, content.entities
        )
        return ConTextReader(vocab, content, normalize, terminators)

    def median_ms(build: Callable[[], object]) -> float:
        build()  # warm the normaliser's cache and the imports
        runs = []
        for _ in range(rounds):
            t = time.perf_counter_ns()
            build()
            runs.append(time.perf_counter_ns() - t)
        return statistics.median(runs) / 1e6

    return (
        median_ms(lambda: ours(True)),
        median_ms(lambda: ours(False)),
        median_ms(lambda: theirs(True)),
        median_ms(lambda: theirs(False)),
    )


def import_ms() -> float:
    """Cold import of spaCy + medspaCy's ConText in a fresh interpreter, median of 3."""
    code = (
        "import time,warnings;warnings.simplefilter('ignore');t=time.perf_counter();"
        "import spacy,medspacy.context;spacy.blank('en');print((time.perf_counter()-t)*1000)"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONWARNINGS": "ignore"}).stdout)
        for _ in range(3)
    ]  # fmt: skip
    return statistics.median(runs)


def signature(found: Iterable[Found]) -> frozenset[tuple[str, int, int, frozenset[str]]]:
    return frozenset((f.concept, f.start, f.end, f.modifiers) for f in found)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--terminators", choices=("words", "phrases"), default="words")
    ap.add_argument(
        "--patch-overlap", action="store_true", help="fix medspaCy's one-sided overlap test"
    )
    ap.add_argument("--examples", type=int, default=15)
    args = ap.parse_args(argv)

    bot = Chatbot.default()
    bot.warm_up()
    norm = bot.kb.normalizer
    content = SafetyContent.read()
    import_medspacy()
    if args.patch_overlap:
        patch_overlap()
    reader = ConTextReader(bot.kb.screen.vocabulary, content, norm.normalize, args.terminators)
    ctx_bot = with_context(bot, reader)
    bots = {"ours": bot, "ConText": ctx_bot}
    cases, rows = load_sets()
    texts = list(
        dict.fromkeys(
            [c["text"] for c in cases["cases"]]
            + [c["text"] for c in cases["near_misses"]]
            + [r[3] for r in rows]
        )
    )
    # normalising first also fills the typo corrector's cache, so neither pays for it below
    marked = {t: norm.marked_tokens(t) for t in texts}
    shared, phrases = shared_phrases(reader.context.rules)
    print(
        f"ConText rules: {len(reader.context.rules)} from {phrases} phrases, of which {shared} "
        f"are cues of two categories or directions (medspaCy keeps one per match); "
        f"terminators as {args.terminators}; medspaCy's overlap test "
        f"{'patched' if args.patch_overlap else 'as shipped'}"
    )

    figures = {name: safety_figures(one, cases) for name, one in bots.items()}
    for _g, _s, _t, text in rows[:300]:  # warm-up before timing respond
        for one in bots.values():
            one.respond(text)
    inv = dict(zip(bots, invariance(list(bots.values()), rows), strict=True))

    # agreement: the (concept, span, modifiers) each gives, on every message of both sets
    ours_screen, ctx_screen = bot.kb.screen, ctx_bot.kb.screen
    differ = []
    for text in texts:
        a = ours_screen.vocabulary.read(marked[text])
        b = reader.read(marked[text])
        if signature(a.found) != signature(b.found):
            ka, kb = bot.respond(text).kind, ctx_bot.respond(text).kind
            differ.append((ka != kb, text, a, b, ka, kb))
    outcome = sum(d[0] for d in differ)

    per_message = screen_times([ours_screen, ctx_screen], [marked[r[3]] for r in rows])
    screen = dict(zip(bots, per_message, strict=True))
    up = startup(content, norm.normalize, args.terminators)
    imp = import_ms()

    def frac(k: int, n: int) -> str:
        return f"{k}/{n} = {k / n:.1%}"

    def row(label: str, ours: str, theirs: str) -> None:
        print(f"{label:36} {ours:>20} {theirs:>20}")

    print()
    row("", "ours", "ConText (medspaCy)")
    for key in ("emergency", "crisis", "refusal"):
        row(f"{key} recall", frac(*figures["ours"][key]), frac(*figures["ConText"][key]))
    key = "near-miss alarms"
    row(key, frac(*figures["ours"][key]), frac(*figures["ConText"][key]))
    for group, label in (("urgent", "metamorphic: urgent reach help"),
                         ("near_miss", "metamorphic: near misses calm")):  # fmt: skip
        row(label, *(frac(inv[n][0][group], inv[n][1][group]) for n in bots))
    row("metamorphic: all", *(frac(sum(inv[n][0].values()), sum(inv[n][1].values())) for n in bots))
    row("start-up: concepts + modifiers", f"{up[0]:.1f} ms", f"{up[2]:.1f} ms")
    row("start-up: modifier step only", f"{up[1]:.1f} ms", f"{up[3]:.1f} ms")
    row("  + import spaCy, medspaCy (cold)", "-", f"{imp:.0f} ms")
    for q in (0.5, 0.99):
        row(f"screen step p{q * 100:.0f}", *(f"{pct(screen[n], q):.0f} us" for n in bots))
    for q in (0.5, 0.99):
        row(f"respond p{q * 100:.0f} (metamorphic)", *(f"{pct(inv[n][2], q):.0f} us" for n in bots))

    print(
        f"\ndisagreements (some concept gets another set of modifiers): {len(differ)} of "
        f"{len(texts)} messages; {outcome} of them change the reply's kind"
    )
    cause: Counter[str] = Counter()
    for _o, _t, a, b, _ka, _kb in differ:
        for _concept, _i, _j, mods in signature(a.found) ^ signature(b.found):
            cause.update(mods)
    print("modifier categories in the differing readings: " + ", ".join(
        f"{k} {v}" for k, v in cause.most_common()))  # fmt: skip
    # the most telling first: one example per kind of difference (which categories one
    # side adds), those that change the reply's kind before those that do not; then more
    # that change the kind, one per concept reading (not the typo variants of one message)
    differ.sort(key=lambda d: (not d[0], len(d[1])))
    picked: list[int] = []
    kinds: set[tuple[object, ...]] = set()
    readings: set[str] = set()
    for n, (changed, _text, a, b, _ka, _kb) in enumerate(differ):
        kind_of = (changed, difference(a, b))
        if kind_of not in kinds:
            kinds.add(kind_of)
            picked.append(n)
            readings.add(show(signature(a.found) ^ signature(b.found), a.tokens))
    for n, (changed, _text, a, b, _ka, _kb) in enumerate(differ):
        gist = show(signature(a.found) ^ signature(b.found), a.tokens)
        if changed and n not in picked and gist not in readings:
            readings.add(gist)
            picked.append(n)
    picked.sort(key=lambda n: (not differ[n][0], n))
    for n in picked[: args.examples]:
        changed, text, a, b, ka, kb = differ[n]
        only_a = signature(a.found) - signature(b.found)
        only_b = signature(b.found) - signature(a.found)
        mark = f"  [kind: ours {ka}, ConText {kb}]" if changed else "  [same kind]"
        print(f"\n  {text!r}{mark}")
        print(f"    ours:    {show(only_a, a.tokens)}\n    ConText: {show(only_b, b.tokens)}")


def difference(a: Reading, b: Reading) -> frozenset[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per concept that differs: (categories only ours gives, categories only ConText gives)."""
    theirs = {(f.concept, f.start, f.end): f.modifiers for f in b.found}
    return frozenset(
        (tuple(sorted(f.modifiers - m)), tuple(sorted(m - f.modifiers)))
        for f in a.found
        if (m := theirs.get((f.concept, f.start, f.end), frozenset())) != f.modifiers
    )


def show(items: frozenset[tuple[str, int, int, frozenset[str]]], tokens: Sequence[str]) -> str:
    return "; ".join(
        f"{c} '{' '.join(tokens[i:j])}' [{', '.join(sorted(m)) or 'no modifier'}]"
        for c, i, j, m in sorted(items, key=lambda x: (x[1], x[0]))
    )


if __name__ == "__main__":
    main()
