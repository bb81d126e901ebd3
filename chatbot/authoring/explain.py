"""Show, step by step, how the bot routes one question, and why it answers as it does.

    chatbot explain "can i drink on baclofen"
    chatbot explain "my son swallowed my pills" --region UK
    chatbot explain --format json "ibuprofen side effects?"

It prints the question as the bot reads it (normalised: lower case, brand names
and misspellings replaced), every safety rule that fires with the file and line
where the rule is written, the words used for matching, the five best-matching
intents with their scores and the example phrasing that matched best (with its
file and line), the thresholds and the decision, any other medicine named, and
the reply: its kind, topic and first line. The question is asked as the first
message of a new conversation.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from ..bot import FIGURATIVE, settled_for_the_reader
from ..concepts import Reading
from ..learned import CRISIS, NONE, REFUSAL

if TYPE_CHECKING:
    from ..bot import Chatbot, Trace
    from ..content import KnowledgeBase


def configure(parser: argparse.ArgumentParser) -> None:
    from ..cli import add_content_options, add_format_option

    parser.add_argument("question", nargs="+", help="the question, in quotes")
    add_format_option(parser)
    add_content_options(parser)


def run(args: argparse.Namespace) -> int:
    from ..cli import load_bot

    bot = load_bot(args)
    if bot is None:
        return 2
    data = explain(bot, " ".join(args.question))
    if args.format == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(data))
    return 0


# --- gathering ---------------------------------------------------------------------------------


def explain(bot: Chatbot, question: str) -> dict[str, Any]:
    """Everything `chatbot explain` shows, as plain data (also the JSON output)."""
    trace = bot.trace(question, every_rule=True)
    kb = bot.kb
    rules = {r.id: r for r in kb.screen.rules}
    reading = trace.screened.reading if trace.screened else Reading((), (), ())
    tokens = reading.tokens
    safety = []
    for hit in trace.safety:
        rule = rules.get(hit.rule)
        path, line = rule.source if rule else ("", 0)
        safety.append(
            {
                "rule": hit.rule,
                "kind": hit.kind,
                "message": hit.message,
                "file": path,
                "line": line,
                "words": " ".join(tokens[hit.span[0] : hit.span[1]]),
                "concepts": sorted({f.concept for f in hit.found}),
            }
        )
    concepts = [
        {"concept": f.concept, "words": reading.text(f), "modifiers": sorted(f.modifiers)}
        for f in reading.found
    ]
    modifiers = [
        {
            "modifier": c.category,
            "cue": reading.text(c),
            "scope": " ".join(t for t in tokens[c.scope[0] : c.scope[1]]),
        }
        for c in reading.cues
    ]
    screened = trace.screened
    doubt = screened.doubt.rule if screened and screened.doubt else None
    candidates = []
    for c in trace.candidates[:5]:
        path, line, what = example_source(kb, c.intent, c.example)
        candidates.append(
            {
                "intent": c.intent,
                "score": round(c.score, 1),
                "example": c.example,
                "file": path,
                "line": line,
                "example_is": what,
            }
        )
    t = kb.matcher.thresholds
    thresholds = {f.name: getattr(t, f.name) for f in fields(t)}
    decision = None
    if trace.decision is not None:
        decision = {"action": trace.decision.action, "reason": trace.decision.reason}
    reply = trace.reply
    reader = second_reader(
        kb,
        trace.normalized,
        trace.reply.lang,
        trace.decision is not None and trace.decision.action in ("fallback", "clarify"),
    )
    said = (reader or {}).get("verdict") or ""
    situation = said.split(" ", 1)[1] if said.startswith("emergency ") else ""
    if said.startswith("crisis"):
        situation = CRISIS
    return {
        "question": question,
        "second_reader": reader,
        # what the word lists read and the reader cannot ("was fine", "on tuesday")
        "settled_for_the_reader": (
            settled_for_the_reader(
                screened,
                situation,
                bot.names_only_another_medicine(trace.normalized.split()),
                bot.names_ours(trace.normalized.split()),
            )
            if screened and situation
            else ""
        ),
        "normalized": trace.normalized,
        "safety": safety,
        "concepts": concepts,
        "modifiers": modifiers,
        "doubt": doubt,
        "denial": bool(screened and screened.denial),
        "figurative": bool(screened and screened.reading.has(FIGURATIVE)),
        "match_text": trace.match_text,
        "candidates": candidates,
        "thresholds": thresholds,
        "decision": decision,
        "step": trace.step,
        "other_medicine": trace.other_medicine,
        "reply": {
            "kind": reply.kind,
            "topic": reply.topic,
            "rule": reply.rule,
            "region": reply.region,
            "content_version": kb.content_version,
            "first_line": next((s.strip() for s in reply.text.splitlines() if s.strip()), ""),
        },
        "why": why(trace),
    }


def second_reader(
    kb: KnowledgeBase, normalized: str, lang: str = "", unanswered: bool = False
) -> dict[str, Any] | None:
    """What the learned second reader (chatbot/learned.py) makes of the message: the chance
    of each label, its verdict, and the features that pushed the likeliest urgent label up.
    `unanswered`: the matcher found no answer (its threshold is then `unsure`, if lower)."""
    c = kb.classifier
    if c is None:
        return None
    p = c.probabilities(normalized)
    urgent = max((label for label in p if label != NONE), key=lambda label: p[label])
    verdict = c.verdict(normalized, lang, unanswered)
    # the chance of a crisis or an emergency (what the threshold is for): not a refusal
    urgent_chance = 1 - p.get(NONE, 0.0) - p.get(REFUSAL, 0.0)
    return {
        "urgent": round(urgent_chance, 3),
        "threshold": c.threshold_for(lang, unanswered),
        "unanswered": unanswered,
        # reached only through `unsure` (below the language's own threshold)
        "only_unsure": unanswered and urgent_chance < c.threshold_for(lang),
        "chances": {label: round(v, 3) for label, v in sorted(p.items(), key=lambda kv: -kv[1])},
        "verdict": None if verdict is None else f"{verdict.kind} {verdict.situation}".strip(),
        "likeliest_urgent": urgent,
        "reasons": [
            {"feature": f, "weight": round(w, 3)} for f, w in c.reasons(normalized, urgent)
        ],
    }


def example_source(kb: KnowledgeBase, intent_id: str, example: str) -> tuple[str, int, str]:
    """File and line of the phrasing a candidate matched best, and whether it is an
    example of the intent or its answer's title; ("", 0, "example") if neither."""
    intent = kb.intents.get(intent_id)
    place = intent.place(example) if intent is not None else None
    if place is not None:
        return place.path, place.line, "example"
    answer = kb.answers.get(intent_id)
    if answer is not None and example == answer.title:
        return answer.where.path, answer.where.line, "title"
    return "", 0, "example"


def why(trace: Trace) -> str:
    """One sentence on why the reply is what it is."""
    reply, rule = trace.reply, trace.reply.rule or ""
    if trace.safety:
        first = trace.safety[0]
        more = (
            (
                f" ({len(trace.safety) - 1} more rule(s) also fired; the first in the order "
                "crisis, emergency, refusal wins)"
            )
            if len(trace.safety) > 1
            else ""
        )
        return f"the safety rule {first.rule} fired, so matching was skipped{more}"
    if rule in ("emergency.other_language", "crisis.other_language"):
        dying = ", with a word of dying in it (a crisis too)" if rule.startswith("crisis") else ""
        return (
            f"the message looks written in a language the bot cannot read ({trace.language})"
            f"{dying}, so, when unsure, the emergency reply with the crisis line"
        )
    if rule.startswith("emergency.doubt."):
        return (
            "the message carries a sign of an emergency that no rule settled and the matcher "
            "was not confident, so, when unsure, the emergency reply"
        )
    if rule.startswith(("emergency.learned.", "crisis.learned")):
        return (
            "the second reader (trained on the team's labelled messages) found an emergency "
            "or a crisis likely enough, so, when unsure, help first (with a crisis it reads "
            "beside an emergency, the crisis line too)"
        )
    if rule.startswith("emergency.followup"):
        return "an emergency is under way in this conversation, so follow-ups get its guidance"
    if rule == "crisis.denial":
        return "after a crisis reply, a denial gets a short, warm reply with the crisis line"
    if rule == "crisis.followup":
        return (
            "earlier in this conversation there was a crisis reply, so a reply that would "
            "have been small talk or a fallback repeats the crisis line instead"
        )
    if rule == "fallback.other_medicine":
        return f"the question names {trace.other_medicine}, a medicine this bot does not cover"
    if rule in ("fallback.empty", "fallback.gibberish"):
        return "there are no words to match"
    if rule == "fallback.no_match":
        return "no intent scored high enough"
    if rule == "match.which_medicine":
        return "the question fits two medicines equally and names neither, so it asks which"
    if rule == "clarify.chosen":
        return "it picks one of the choices of the previous clarify question"
    if rule == "smalltalk.more":
        return (
            "'tell me more' shows the longer part of the last answer"
            if reply.kind == "answer"
            else "'tell me more' but there was no answer before it"
        )
    if trace.decision is not None and trace.decision.action == "clarify" and reply.kind == "answer":
        if trace.other_medicine:
            return (
                f"the decision was to ask, but the question names {trace.other_medicine}, "
                "so the best topic was answered instead of asking"
            )
        return "the decision was to ask, but there were not two topics to offer"
    if trace.decision is not None:
        return f"the matcher decided to {trace.decision.action}: {trace.decision.reason}"
    return f"rule {rule}"


# --- rendering ---------------------------------------------------------------------------------


def render(d: dict[str, Any]) -> str:
    out: list[str] = []
    add = out.append
    add(f"Question:    {d['question']}")
    add(f"Normalised:  {d['normalized'] or '(no words)'}")
    add("")
    add("1. Safety screen (always first: crisis, then emergency, then refusal)")
    add("   concepts found (modifiers that change them in brackets):")
    for c in d["concepts"] or [{"concept": "(none)", "words": "", "modifiers": []}]:
        mods = f"  [{', '.join(c['modifiers'])}]" if c["modifiers"] else ""
        words = f' "{c["words"]}"' if c["words"] else ""
        add(f"     {c['concept']}{words}{mods}")
    if d["modifiers"]:
        add("   modifiers and their scope:")
        for m in d["modifiers"]:
            add(f'     {m["modifier"]} "{m["cue"]}" -> "{m["scope"]}"')
    if d["denial"]:
        add("   a crisis concept is negated: a denial, not a disclosure")
    if d["doubt"] and not d["safety"]:
        add(f"   DOUBT  {d['doubt']}: a sign of an emergency that no rule settled; the emergency")
        add("          reply unless the matcher is sure of an answer (step 4), then the answer")
        add("          with the emergency's first line")
    reader = d["second_reader"]
    if reader is not None:
        verdict = reader["verdict"] or "no alarm"
        add(
            f"   second reader: urgent {reader['urgent']:.2f} (threshold {reader['threshold']}"
            f"{', the matcher found no answer' if reader['unanswered'] else ''}),"
            f" likeliest {reader['likeliest_urgent']}: {verdict}"
        )
        reasons = ", ".join(f"{r['feature']!r} {r['weight']:+.2f}" for r in reader["reasons"])
        add(f"     words that weighed most: {reasons}")
        said = (
            "a denial" if d["denial"] else "dying as a figure of speech" if d["figurative"] else ""
        )
        if said and (reader["verdict"] or "").startswith("crisis"):
            add(f"     its crisis is not heard: the word lists read {said}, which it cannot")
        elif said and reader["verdict"] and reader["only_unsure"]:
            add(
                "     its emergency is not heard: only `unsure` reached it, and the word lists"
                f" read {said}"
            )
        if d["settled_for_the_reader"] and (
            not d["safety"] or d["settled_for_the_reader"] == "asked_as_prescribed"
        ):
            what = "crisis" if (reader["verdict"] or "").startswith("crisis") else "emergency"
            add(
                f"     its {what} is not heard: the word lists read what it cannot"
                f" ({d['settled_for_the_reader']} in chatbot/bot.py)"
            )
        elif reader["verdict"] and not d["safety"]:
            add("     it is asked when no rule fired; an answer the matcher is sure of (step 4)")
            add("     keeps its place, the emergency's first line leading")
    if d["safety"]:
        for s in d["safety"]:
            where = f"{s['file']}:{s['line']}" if s["line"] else "(file unknown)"
            add(f"   FIRED  {s['rule']}  (kind {s['kind']}, message '{s['message']}')")
            add(f"          written at {where}")
            concepts = ", ".join(s["concepts"])
            add(f'          matched the words: "{s["words"]}"  (concepts: {concepts})')
        add(
            "   A safety rule fired, so the question is not matched to a topic (steps 2-4 skipped)."
        )
    else:
        add("   none fired")
    add("")
    add("2. Words used for matching (common words and the medicine's name left out)")
    add(f"   {d['match_text'] or '(none)'}")
    add("")
    add("3. Best-matching intents (score 0-100, and the example phrasing that matched best)")
    if d["candidates"]:
        width = max(len(c["intent"]) for c in d["candidates"])
        for n, c in enumerate(d["candidates"], 1):
            label = "title" if c["example_is"] == "title" else "example"
            where = f"  {c['file']}:{c['line']}" if c["line"] else ""
            add(
                f"   {n}. {c['intent']:<{width}}  {c['score']:5.1f}  "
                f'{label} "{c["example"]}"{where}'
            )
    else:
        add("   (none)")
    add("")
    t = d["thresholds"]
    add("4. Decision")
    add(
        f"   thresholds: answer when the best score is {t.get('answer', 0):g} or more and "
        f"leads the next topic by {t.get('margin', 0):g} or more (margin);"
    )
    add(
        f"               otherwise ask which topic is meant (clarify) when the best is "
        f"{t.get('clarify', 0):g} or more;"
    )
    add("               below that, fall back")
    if "sure" in t:
        add(
            f"               an answer is sure from {t['sure']:g}: only then does it keep its place"
        )
        add("               beside a sign of an emergency or inside a crisis")
    others = {k: v for k, v in t.items() if k not in ("answer", "margin", "clarify", "sure")}
    if others:
        add("               other settings: " + ", ".join(f"{k} {v:g}" for k, v in others.items()))
    if d["decision"]:
        add(f"   decision:   {d['decision']['action']}: {d['decision']['reason']}")
    else:
        add("   decision:   (no matching was done)")
    step = d["step"] or "(none: the safety screen decided)"
    add(f"   decided by: routing step '{step}'" if d["step"] else f"   decided by: {step}")
    add("")
    add("5. Other medicine named")
    add(f"   {d['other_medicine'] or 'none'}")
    add("")
    r = d["reply"]
    add("6. Reply")
    add(
        f"   kind: {r['kind']}   topic: {r['topic'] or '-'}   rule: {r['rule'] or '-'}   "
        f"region: {r['region']}   content: {r['content_version'] or '-'}"
    )
    for line in textwrap.wrap(f'"{r["first_line"]}"', 76) or [""]:
        add(f"   {line}")
    add(f"   why: {d['why']}")
    return "\n".join(out) + "\n"
