"""Sources a patient can open, and contacts that say where each number was checked."""

from __future__ import annotations

import datetime as dt

from chatbot.schema import SourcesFile
from chatbot.settings import PROJECT_ROOT
from chatbot.yamlio import read_yaml


def read_sources(path):
    doc, problems = read_yaml(path)
    assert doc is not None and not problems, problems
    return SourcesFile.model_validate(doc.data).sources


def all_sources(bot):
    """Every source a user can be shown: the answers' and the contacts' (shared) ones."""
    out = {}
    for path in sorted((PROJECT_ROOT / "knowledge").rglob("sources.yaml")):
        for key, entry in read_sources(path).items():
            out[f"{path.parent.name}/{key}"] = entry.url
    for a in bot.kb.answers.values():
        for s in a.sources:
            out[f"{a.topic}: {s.title}"] = s.url
    return out


def test_no_source_is_an_api_a_search_page_or_an_xml_file(bot):
    """Patients must be able to open every source: a page, not data or a search."""
    bad = {}
    for where, url in all_sources(bot).items():
        low = url.lower()
        if (
            "api.fda.gov" in low
            or "/api/" in low
            or low.split("?", 1)[0].endswith((".json", ".xml"))
            or "/search" in low
            or "search=" in low
            or "query=" in low
            or "&version=" in low
        ):
            bad[where] = url
    assert not bad, bad


def test_every_contact_has_a_known_source_and_a_verified_date(bot):
    shared = read_sources(PROJECT_ROOT / "knowledge" / "sources.yaml")
    for code, region in bot.kb.regions.items():
        for at in region.contacts():
            contact = region.contact(at)
            assert contact.sources, (code, at)
            assert all(key in shared for key in contact.sources), (code, at, contact.sources)
            assert isinstance(contact.verified, dt.date), (code, at)
            assert dt.date.today() - contact.verified <= dt.timedelta(days=366), (code, at)
        assert all(key in shared for key in region.sources), (code, region.sources)
