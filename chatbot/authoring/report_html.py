"""`chatbot report`'s page: self-contained HTML (inline styles only, no script, no
external assets), with heat-map tables for the confusion matrices."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..types import KINDS
from .report import CLARIFY, FALLBACK

_TABLE = "border-collapse:collapse;font-size:13px;margin:8px 0 24px 0"
_TD = "border:1px solid #ccc;padding:3px 6px"
_TH = _TD + ";background:#f2f2f2;text-align:left"


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _shade(fraction: float, good: bool) -> str:
    """A background colour: blue for right answers, red for mistakes, paler when rarer."""
    if fraction <= 0:
        return "#ffffff"
    light = round(95 - 55 * min(1.0, fraction))
    hue = 210 if good else 0
    return f"hsl({hue},70%,{light}%)"


def _text_colour(fraction: float) -> str:
    return "#ffffff" if fraction > 0.6 else "#000000"


def labeller(medicines: Sequence[str]) -> Callable[[str], str]:
    """Short labels: with one medicine, its topics without its name ("alcohol"); with
    several, the full name ("tizanidine.alcohol"), so that no two look alike."""
    if len(medicines) != 1:
        return lambda name: name
    prefix = f"{medicines[0]}."
    return lambda name: name.removeprefix(prefix)


def heatmap(
    matrix: dict[str, dict[str, int]],
    rows: Sequence[str],
    cols: Sequence[str],
    title: str,
    label: Callable[[str], str] = str,
) -> str:
    head = "".join(
        f'<th style="{_TH};writing-mode:vertical-rl;transform:rotate(180deg);'
        f'white-space:nowrap;vertical-align:bottom" title="{_e(c)}">{_e(label(c))}</th>'
        for c in cols
    )
    body = []
    for r in rows:
        row = matrix.get(r, {})
        total = sum(row.values())
        cells = []
        for c in cols:
            n = row.get(c, 0)
            frac = n / total if total else 0.0
            style = (
                f"{_TD};text-align:center;min-width:18px;background:{_shade(frac, r == c)};"
                f"color:{_text_colour(frac)}"
            )
            cells.append(f'<td style="{style}" title="{_e(r)} &rarr; {_e(c)}: {n}">{n or ""}</td>')
        body.append(
            f'<tr><th style="{_TH};white-space:nowrap" title="{_e(r)}">'
            f"{_e(label(r))}</th>{''.join(cells)}</tr>"
        )
    return (
        f'<table style="{_TABLE}" aria-label="{_e(title)}">'
        f'<tr><th style="{_TH}">true &darr; / predicted &rarr;</th>{head}</tr>'
        f"{''.join(body)}</table>"
    )


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f'<th style="{_TH}">{_e(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_TD}">{_e(v)}</td>' for v in row) + "</tr>" for row in rows
    )
    return f'<table style="{_TABLE}"><tr>{head}</tr>{body}</table>'


def to_html(data: dict[str, Any]) -> str:
    cv = data["cross_validation"]
    label = labeller(data.get("medicines", []))
    h2 = 'style="font-size:18px;margin:24px 0 4px 0"'
    p = 'style="margin:4px 0;max-width:60em"'
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Chatbot content: intent report</title></head>",
        '<body style="font-family:system-ui,Arial,sans-serif;margin:24px;color:#111">',
        '<h1 style="font-size:22px">How well the examples teach the bot</h1>',
        f"<p {p}>Cross-validation with {cv['folds']} folds (seed {cv['seed']}): each "
        "example is hidden in turn and the bot, built from the other examples, has to find "
        "its intent. A clarify question or a fallback counts as wrong.</p>",
        table(
            ["examples", "right", "accuracy", "macro F1", "clarify", "fallback"],
            [
                [
                    cv["examples"],
                    cv["correct"],
                    f"{cv['accuracy']:.1%}",
                    f"{cv['macro_f1']:.2f}",
                    cv["clarify"],
                    cv["fallback"],
                ]
            ],
        ),
    ]
    langs = data.get("languages", {})
    if len(langs) > 1:
        parts.append(
            table(
                ["language", "examples", "cross-validation", "dev questions", "dev accuracy"],
                [
                    [
                        code,
                        lang["examples"],
                        f"{lang['cv_accuracy']:.1%}",
                        lang["dev_questions"],
                        f"{lang['dev_accuracy']:.1%}" if lang["dev_questions"] else "-",
                    ]
                    for code, lang in langs.items()
                ],
            )
        )
    dev = data["dev"]
    if dev:
        parts.append(
            table(
                ["dev-set questions", "right (kind and topic)", "accuracy", "kind right"],
                [
                    [
                        dev["questions"],
                        dev["correct"],
                        f"{dev['accuracy']:.1%}",
                        f"{dev['kind_accuracy']:.1%}",
                    ]
                ],
            )
        )

    labels = sorted(cv["per_intent"])
    cols = labels + [CLARIFY, FALLBACK]
    parts += [
        f"<h2 {h2}>Confusion matrix</h2>",
        f"<p {p}>One row per intent: where its held-out examples went. Blue on the "
        "diagonal is right; red elsewhere is a mistake. Darker means a larger share of the "
        "row. Hover a cell for its names.</p>",
        heatmap(cv["confusion"], labels, cols, "confusion matrix", label),
        f"<h2 {h2}>The most confused pairs</h2>",
        f"<p {p}>Examples of the first intent that were taken for the second. Add clearer "
        "examples to the first, or move examples that really belong to the second.</p>",
        table(
            ["intent", "taken for", "times", "example", "matched this example of the other"],
            [
                [x["intent"], x["predicted"], x["count"], x["example"], x["matched_example"]]
                for x in cv["confused_pairs"]
            ],
        ),
        f"<h2 {h2}>Per intent (weakest first)</h2>",
        f"<p {p}>Precision: of the examples given this intent, the share that were right. "
        "Recall: of this intent's own examples, the share found. F1 combines the two. "
        "Support: how many examples it has.</p>",
    ]
    per = sorted(cv["per_intent"].items(), key=lambda kv: (kv[1]["f1"], kv[0]))
    head = "".join(
        f'<th style="{_TH}">{h}</th>'
        for h in ("intent", "precision", "recall", "F1", "support", "clarify", "fallback")
    )
    body = []
    for name, v in per:
        f1 = f'<td style="{_TD};background:{_shade(1 - v["f1"], False)}">{v["f1"]:.2f}</td>'
        body.append(
            f'<tr><td style="{_TD}">{_e(name)}</td><td style="{_TD}">{v["precision"]:.2f}</td>'
            f'<td style="{_TD}">{v["recall"]:.2f}</td>{f1}<td style="{_TD}">{v["support"]}</td>'
            f'<td style="{_TD}">{v["clarify"]}</td><td style="{_TD}">{v["fallback"]}</td></tr>'
        )
    parts.append(f'<table style="{_TABLE}"><tr>{head}</tr>{"".join(body)}</table>')
    if cv["unmatchable"]:
        parts += [
            f"<h2 {h2}>Examples that can never match</h2>",
            f"<p {p}>These are made only of common words, so nothing is left to match "
            "on. Reword them or add the topic word.</p>",
            table(["intent", "example"], [[u["intent"], u["example"]] for u in cv["unmatchable"]]),
        ]
    if dev:
        kinds = [k for k in KINDS if k in dev["per_kind"]]
        parts += [
            f"<h2 {h2}>Dev set: reply kinds</h2>",
            f"<p {p}>The dev questions run through the whole bot, safety rules first. Rows: "
            "the kind each question should get; columns: the kind it got.</p>",
            heatmap(dev["kind_confusion"], kinds, kinds, "reply kinds", label),
            f"<h2 {h2}>Dev set: questions that went wrong ({len(dev['misses'])})</h2>",
            table(
                ["question", "should be", "got", "rule"],
                [
                    [
                        m["text"],
                        f"{m['kind']} {m['topic'] or ''}".strip(),
                        f"{m['got_kind']} {label(m['got_topic'] or '')}".strip(),
                        m["rule"] or "",
                    ]
                    for m in dev["misses"]
                ],
            ),
        ]
    parts.append("</body></html>\n")
    return "\n".join(parts)
