"""The compiled-content cache: a copy that answers exactly like the content it was made
from, and is never used when it is stale, corrupt, foreign or unreadable."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import chatbot.content
from chatbot import Chatbot, Reply, Settings
from chatbot.cache import MAGIC, ContentCache, default_cache_dir
from chatbot.loader import cache_key, content_digest, load_knowledge
from chatbot.pickling import ModelCopy, dumps
from chatbot.schema import Contact

from .conftest import in_region, load_data
from .small import ANSWERS, small_world
from .small import INTENTS as SMALL_INTENTS
from .small import KNOWLEDGE as SMALL_KNOWLEDGE

#: Every kind of reply, typos, a conversation, the safety cases and the dev questions.
MESSAGES = [
    "hello",
    "can i drink on baclofen",
    "tell me more",
    "wat are teh side efects",
    "is it safe",
    "the first one",
    "how much baclofen should i take",
    "my son swallowed some of my pills",
    "i want to kill myself",
    "can i drink on baclofen",
    "what about ibuprofen",
    "what is the capital of france",
    "",
    "!!!",
    *(c["text"] for c in load_data("safety_cases.yaml")["cases"]),
    *(c["text"] for c in load_data("safety_cases.yaml")["near_misses"]),
    *(q["text"] for q in load_data("dev_questions_a.yaml")["questions"]),
]


def conversation(bot: Chatbot, region: str | None = None) -> list[dict]:
    """Every message in turn, in one conversation, as reply dicts plus the state."""
    out, state = [], None
    for text in MESSAGES:
        reply, state = bot.reply(text, state)
        out.append({**reply.to_dict(), "state": repr(state)})
    return out


def region_texts(bot: Chatbot) -> list[str]:
    """Every text a region fills in: each fixed message, each emergency follow-up for each
    situation, and the crisis reminder."""
    c, m = bot.composer, bot.kb.messages
    kinds = ("emergency", "crisis", "refusal", "fallback", "smalltalk")
    out = [c.message(kind, key).text for kind in kinds for key in getattr(m, kind)]
    out += [c.followup(k, s, rule="").text for k in m.emergency_followup for s in m.emergency]
    out.append(c.with_reminder(Reply("answer", "")).text)
    out.append(bot.welcome())
    return out


@pytest.fixture()
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture()
def no_loading(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading the content files fails the test: only the cache may answer."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the content was loaded from its files")

    monkeypatch.setattr(chatbot.content, "load", refuse)


# --- the shipped content: every kind of reply, from a cached copy ------------------------


@pytest.fixture(scope="module")
def shipped_cache(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Chatbot]:
    """The shipped content loaded from its files, which writes a cache of its own."""
    settings = Settings(cache_dir=tmp_path_factory.mktemp("cache"))
    fresh = Chatbot.from_settings(settings)
    assert len(list(settings.cache_dir.glob("kb-*.pickle"))) == 1  # type: ignore[union-attr]
    return settings, fresh


def test_a_cached_load_answers_exactly_like_a_fresh_one(shipped_cache, no_loading):
    settings, fresh = shipped_cache
    cached = Chatbot.from_settings(settings)  # `no_loading`: only the cache may answer
    assert cached.kb is not fresh.kb
    assert cached.kb.content_version == fresh.kb.content_version
    assert conversation(cached) == conversation(fresh)
    assert list(cached.kb.regions) == list(fresh.kb.regions)
    for region in fresh.kb.regions:
        assert region_texts(in_region(cached, region)) == region_texts(in_region(fresh, region))
    assert cached.topics() == fresh.topics()
    assert cached.welcome() == fresh.welcome()
    # where each example and answer is written (`chatbot explain` reads it from the cache)
    assert cached.kb.intents == fresh.kb.intents
    assert cached.kb.answers == fresh.kb.answers
    assert all(len(i.places) == len(i.examples) for i in cached.kb.intents.values())


def test_a_cached_bot_corrects_typos_like_a_fresh_one(shipped_cache, no_loading):
    settings, fresh = shipped_cache
    cached = Chatbot.from_settings(settings)
    for text in ("bacloffen makes me sleepy", "swallowd the whole bottle", "can i dirnk"):
        assert cached.kb.normalizer.tokens(text) == fresh.kb.normalizer.tokens(text)


def test_a_cached_safety_screen_holds_every_phrase_and_reads_alike(shipped_cache, no_loading):
    """The phrase index comes back from the cache packed per first word and unpacked on
    use: every phrase is still there, and messages read the same concepts."""
    settings, fresh = shipped_cache
    cached = Chatbot.from_settings(settings)
    texts = ("i took 10 of my baclofen", "my son swallowed some of my pills", "pump beeping")
    for text in texts:
        tokens = fresh.kb.normalizer.tokens(text)
        assert cached.kb.screen.vocabulary.read(tokens) == fresh.kb.screen.vocabulary.read(tokens)
    phrases = sorted(map(tuple, cached.kb.screen.vocabulary._concepts), key=repr)
    assert phrases == sorted(map(tuple, fresh.kb.screen.vocabulary._concepts), key=repr)
    assert len(phrases) > 10_000


# --- the cache's mechanisms, in the small world (tests/small.py) ------------------------


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: b"not a cache file at all", id="garbage"),
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: data[:-200] + b"\x00" * 200, id="corrupt tail"),
        pytest.param(lambda data: data.replace(MAGIC, MAGIC.upper()), id="another layout"),
        pytest.param(
            lambda data: (
                data.split(b"\n", 2)[0] + b"\n" + b"0" * 64 + b"\n" + data.split(b"\n", 2)[2]
            ),
            id="another key inside",
        ),
        pytest.param(
            lambda data: MAGIC + data[len(MAGIC) : len(MAGIC) + 65] + pickle.dumps(42),
            id="not a knowledge base",
        ),
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(cache_dir: Path, damage, small):
    settings = small.settings.with_(cache_dir=cache_dir)
    Chatbot.from_settings(settings)
    (entry,) = cache_dir.glob("kb-*.pickle")
    good = entry.read_bytes()
    entry.write_bytes(damage(good))
    again = Chatbot.from_settings(settings)  # loads the files, never raises
    question = "can i drink on tizanidine"
    assert again.respond(question).to_dict() == small.respond(question).to_dict()
    assert ContentCache(cache_dir).get(cache_key(settings, content_digest(settings))) is not None
    assert entry.read_bytes() != damage(good)  # written again


def test_the_cache_is_never_trusted_over_the_content(tmp_path: Path, cache_dir: Path):
    world = small_world(tmp_path / "content")
    settings = world.settings(cache_dir=cache_dir)
    before = Chatbot.from_settings(settings)
    Chatbot.from_settings(settings)  # now cached
    text = world.read(ANSWERS)
    world.replace(ANSWERS, "It is best not to drink alcohol", "Please do not drink alcohol")
    after = Chatbot.from_settings(settings)
    assert after.respond("can i drink on baclofen").text.startswith("Please do not drink alcohol")
    assert after.kb.content_version != before.kb.content_version
    # an edit with an error: no bot, whatever the cache holds
    world.write(ANSWERS, text.replace("topic: alcohol", "topic: alcohol\n    exmaples: []"))
    with pytest.raises(chatbot.ContentError):
        Chatbot.from_settings(settings)
    # and back to the first content: the first entry is still good and is used
    world.write(ANSWERS, text)
    assert Chatbot.from_settings(settings).kb.content_version == before.kb.content_version
    assert len(list(cache_dir.glob("kb-*.pickle"))) == 2


def test_the_key_covers_code_version_settings_and_content(cache_dir: Path, small):
    settings = small.settings.with_(cache_dir=cache_dir)
    digest = content_digest(settings)
    key = cache_key(settings, digest)
    assert cache_key(settings, digest) == key
    assert cache_key(settings, "0" * 64) != key
    thresholds = settings.thresholds.__class__(answer=50.0)
    assert cache_key(settings.with_(thresholds=thresholds), digest) != key
    assert cache_key(Settings(cache_dir=cache_dir), digest) != key  # other folders


def test_a_change_of_code_is_a_change_of_key(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, small
):
    """What a cached knowledge base holds (the fields of Intent, say) is the package's code:
    after a change to it, no entry written before is used."""
    import chatbot.loader

    settings = small.settings.with_(cache_dir=cache_dir)
    digest = content_digest(settings)
    key = cache_key(settings, digest)
    monkeypatch.setattr(chatbot.loader, "code_digest", lambda: "another version of the code")
    assert cache_key(settings, digest) != key


def test_a_folder_others_can_write_is_not_used(cache_dir: Path, small):
    if not hasattr(os, "getuid"):
        pytest.skip("POSIX permissions")
    settings = small.settings.with_(cache_dir=cache_dir)
    Chatbot.from_settings(settings)
    cache = ContentCache(cache_dir)
    key = cache_key(settings, content_digest(settings))
    assert cache.get(key) is not None
    cache_dir.chmod(0o777)
    try:
        assert cache.get(key) is None
        assert cache.put(key, "anything") is False
    finally:
        cache_dir.chmod(0o700)


def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path: Path, small):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    cached = Chatbot.from_settings(small.settings.with_(cache_dir=blocked / "cache"))
    assert cached.respond("hello").to_dict() == small.respond("hello").to_dict()


def test_what_cannot_be_pickled_is_not_cached(cache_dir: Path):
    assert ContentCache(cache_dir).put("ab" * 20, lambda: None) is False
    assert not list(cache_dir.glob("kb-*"))


def test_old_entries_are_pruned(cache_dir: Path):
    cache = ContentCache(cache_dir)
    for i in range(12):
        assert cache.put(f"{i:040x}", i)
    assert len(list(cache_dir.glob("kb-*.pickle"))) == 8
    assert cache.get(f"{11:040x}") == 11


def test_validated_models_become_copies_that_read_the_same():
    contact = Contact(
        name="Poison Help", number="1-800-222-1222", sources=["HRSA-poison"], verified="2026-12-04"
    )
    copy = pickle.loads(dumps(contact))
    assert isinstance(copy, ModelCopy)
    assert (copy.name, copy.number) == (contact.name, contact.number)
    assert copy.model_dump() == contact.model_dump()  # anything else asks the real model
    assert copy.real() == contact
    assert copy == pickle.loads(dumps(contact))
    assert "Poison Help" in repr(copy)
    with pytest.raises(AttributeError):
        copy.name = "x"  # type: ignore[misc]


def test_a_cached_start_imports_only_what_ask_needs(cache_dir: Path):
    """No validation models or YAML (the cache has them compiled), no terminal UI, no server."""
    env = {
        **os.environ,
        "CHATBOT_CACHE_DIR": str(cache_dir),
        "CHATBOT_KNOWLEDGE_DIR": str(SMALL_KNOWLEDGE),
        "CHATBOT_INTENTS_DIR": str(SMALL_INTENTS),
    }
    heavy = ("pydantic", "yaml", "prompt_toolkit", "starlette", "uvicorn", "spellchecker")
    script = (
        "import sys; from chatbot.cli import main; main(['ask', 'hello']); "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))"
    )
    run = [sys.executable, "-c", script]
    subprocess.run(run, env=env, check=True, capture_output=True)  # fills the cache
    out = subprocess.run(run, env=env, check=True, capture_output=True, text=True).stdout
    assert out.strip().endswith("[]"), out


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"HOME": "/home/a"}, "linux", "/home/a/.cache/baclofen-chatbot"),
        ({"HOME": "/home/a", "XDG_CACHE_HOME": "/x"}, "linux", "/x/baclofen-chatbot"),
        ({"HOME": "/Users/a"}, "darwin", "/Users/a/Library/Caches/baclofen-chatbot"),
        ({"LOCALAPPDATA": "C:/AppData/Local"}, "win32", "C:/AppData/Local/baclofen-chatbot/Cache"),
        ({"HOME": "/home/a", "CHATBOT_CACHE_DIR": "/c"}, "linux", "/c"),
        ({"HOME": "/home/a", "CHATBOT_NO_CACHE": "1"}, "linux", None),
        ({"HOME": "/home/a", "CHATBOT_NO_CACHE": "0"}, "linux", "/home/a/.cache/baclofen-chatbot"),
        ({}, "linux", None),
    ],
)
def test_the_cache_lives_in_the_users_cache_folder(environ, platform, expected):
    found = default_cache_dir(environ, platform)
    assert (found and found.as_posix()) == expected


def test_settings_and_command_line_switch_the_cache(tmp_path: Path):
    from chatbot.cli import build_parser, settings_from

    env = {"HOME": str(tmp_path)}
    assert Settings.from_env(env).cache_dir == tmp_path / ".cache" / "baclofen-chatbot"
    assert Settings.from_env({**env, "CHATBOT_NO_CACHE": "1"}).cache_dir is None
    assert Settings().cache_dir is None  # the library default: no files written
    args = build_parser(only="ask").parse_args(["ask", "--no-cache", "hi"])
    assert settings_from(args).cache_dir is None


def test_load_knowledge_without_a_cache_stamps_the_version(small):
    kb, problems = load_knowledge(small.settings)
    assert small.settings.cache_dir is None
    assert kb is not None and kb.content_version == content_digest(small.settings)[:12]
    assert not [p for p in problems if p.severity == "error"]
