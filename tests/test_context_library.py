"""Our context modifiers (chatbot/concepts.py) against medspaCy's ConText (issue #9), as
RapidFuzz checks its C++ against its pure-Python twin: on sentences where ConText's meaning
is not in doubt, both must give every concept the same modifiers. The ConText side is
bench/context_library.py (our concepts as targets, our cues converted to ConTextRules).

Skipped unless the optional extra is installed: pip install -e '.[context-bench]'."""

from __future__ import annotations

import importlib.util
import sys
import warnings
from types import ModuleType

import pytest

from .conftest import ROOT

with warnings.catch_warnings():  # spaCy 3.7 imports a deprecated click helper
    warnings.simplefilter("ignore")
    pytest.importorskip(
        "medspacy", reason="medspaCy is optional: pip install -e '.[context-bench]'"
    )


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "context_library", ROOT / "bench" / "context_library.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def readers(bot):
    bench = _bench()
    norm = bot.kb.normalizer
    ours = bot.kb.screen.vocabulary
    theirs = bench.ConTextReader(ours, bench.SafetyContent.read(), norm.normalize)
    return norm, ours, theirs


#: (message, concept, its words, the modifiers it must carry)
CASES = [
    # a negation cue's scope runs forward over the words after it
    ("she did not swallow any of my tablets", "ate_drank_now", "swallow", {"negation"}),
    ("my son has never had a seizure", "severe_sign", "had a seizure", {"negation"}),
    # ...for so many words only ("did not" reaches 6: "know that my little boy had")
    ("i did not know that my little boy had swallowed one", "ingested", "swallowed", set()),
    # a pseudo cue holds a cue's words without being one
    ("no doubt he swallowed them", "ingested", "swallowed", set()),
    # a terminator ends the scope
    ("she did not eat but she swallowed ten", "ingested", "swallowed", set()),
    # so do a clause mark and a sentence end
    ("no, she swallowed five", "ingested", "swallowed", set()),
    ("i did not. he swallowed five pills.", "ingested", "swallowed", set()),
    # a backward cue modifies what comes before it
    ("she has a seizure disorder", "withdrawal_sign", "seizure", {"hypothetical"}),
    # a cue of both directions, before and after
    ("he had a seizure years ago", "severe_sign", "had a seizure", {"historical"}),
    ("years ago he had a seizure", "severe_sign", "had a seizure", {"historical"}),
    # a concept holding its own cue is not modified by it
    ("he is not breathing", "severe_sign", "not breathing", set()),
    # an entity is never modified
    ("i dont have a pump", "pump", "pump", set()),
]


def _modifiers(reading, concept: str, words: str) -> set[str]:
    hits = [f for f in reading.found if f.concept == concept and reading.text(f) == words]
    assert len(hits) == 1, (concept, words, reading.describe())
    return set(hits[0].modifiers)


@pytest.mark.parametrize("text, concept, words, want", CASES)
def test_both_implementations_agree(readers, text, concept, words, want):
    norm, ours, theirs = readers
    tokens = norm.marked_tokens(text)
    a, b = ours.read(tokens), theirs.read(tokens)
    assert _modifiers(a, concept, words) == want, a.describe()
    assert _modifiers(b, concept, words) == want, b.describe()
    # every other concept of the message too
    assert {(f.concept, f.start, f.end, f.modifiers) for f in a.found} == {
        (f.concept, f.start, f.end, f.modifiers) for f in b.found
    }


@pytest.mark.xfail(
    reason="medspaCy 1.3.1: tuple_overlaps(a, b) is one-sided (False when b contains a), so "
    "a terminator, whose scope is the whole sentence, never ends a cue's window that stops "
    "short of both sentence ends: 'swallowed' is read as negated by 'did not'. When this "
    "passes, medspaCy has fixed it: drop this mark.",
    strict=True,
)
def test_a_terminator_inside_a_long_sentence(readers):
    norm, ours, theirs = readers
    tokens = norm.marked_tokens("she did not eat dinner but she swallowed ten of my pills")
    assert _modifiers(ours.read(tokens), "ingested", "swallowed") == set()
    assert _modifiers(theirs.read(tokens), "ingested", "swallowed") == set()
