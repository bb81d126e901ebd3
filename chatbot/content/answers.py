"""knowledge/<medicine>/answers.yaml and sources.yaml: the answers, with their sources."""

from __future__ import annotations

from pathlib import Path

from .. import schema
from ..dose import DOSE_PATTERN
from ..types import Source
from ..yamlio import Doc
from .model import Answer
from .reader import Reader


def read_answers(
    ld: Reader, kdir: Path, lang: str = ""
) -> tuple[dict[str, str], dict[str, Answer], dict[str, tuple[str, ...]]]:
    """Medicines (id -> display name), answers (qualified topic -> Answer) and each
    medicine's required topics (local ids). With `lang` ("es"), the answers in that
    language (answers.es.yaml), where a medicine has them."""
    medicines: dict[str, str] = {}
    required: dict[str, tuple[str, ...]] = {}
    answers: dict[str, Answer] = {}
    placed: dict[str, tuple[Doc, int]] = {}
    name = f"answers.{lang}.yaml" if lang else "answers.yaml"
    for mdir in sorted(p for p in kdir.iterdir() if p.is_dir()):
        if lang and not (mdir / name).exists():
            continue
        a_doc, afile = ld.read(mdir / name, schema.AnswersFile)
        _s_doc, sfile = ld.read(mdir / "sources.yaml", schema.SourcesFile)
        if afile is None or a_doc is None:
            continue
        med = afile.medicine
        if med != mdir.name:
            ld.error(a_doc, ("medicine",), "E020", medicine=med, folder=mdir.name)
        medicines[med] = afile.name or med.capitalize()
        required[med] = tuple(afile.required_topics)
        known_sources = sfile.sources if sfile else {}
        for i, entry in enumerate(afile.answers):
            topic = f"{med}.{entry.topic}"
            if topic in answers:
                ld.error(
                    a_doc,
                    ("answers", i, "topic"),
                    "E021",
                    topic=entry.topic,
                    first=answers[topic].where.line,
                )
                continue
            srcs = []
            for j, key in enumerate(entry.sources):
                if key not in known_sources:
                    ld.error(
                        a_doc,
                        ("answers", i, "sources", j),
                        "E022",
                        topic=entry.topic,
                        key=key,
                        sources=ld.show(mdir / "sources.yaml"),
                    )
                else:
                    s = known_sources[key]
                    srcs.append(Source(s.title, s.url))
            for field in ("title", "short", "more"):
                m = DOSE_PATTERN.search(getattr(entry, field) or "")
                if m:
                    ld.error(
                        a_doc,
                        ("answers", i, field),
                        "E030",
                        message=f"answer '{entry.topic}' {field} states a dose amount, "
                        f"schedule or price: '{m.group(0)}'",
                        hint="the bot never gives amounts; send people to their prescriber",
                    )
            answers[topic] = Answer(
                topic,
                med,
                entry.title,
                entry.short,
                entry.more,
                tuple(srcs),
                entry.reviewed,
                tuple(f"{med}.{s}" for s in entry.suggestions),
                a_doc.place(("answers", i)),
                entry.names_other_medicines,
                entry.untranslated,
            )
            placed[topic] = (a_doc, i)
    for topic, (a_doc, i) in placed.items():
        for j, s in enumerate(answers[topic].suggestions):
            if s not in answers:
                ld.error(
                    a_doc,
                    ("answers", i, "suggestions", j),
                    "E023",
                    topic=topic.split(".", 1)[1],
                    suggested=s.split(".", 1)[1],
                )
    return medicines, answers, required
