"""All patient-facing wording lives in the content, none in code.

Where it lives: the replies in knowledge/messages.yaml; the front ends' own
words (the banner over an urgent reply, the labels around a reply, the
terminal's help, commands, prompt and notes, every word of the kiosk page, the
kiosk's featured topics) in knowledge/ui.yaml.

The scan: every string literal of chatbot/ (Python, through `ast`; an f-string
with each `{...}` read as one word) and of chatbot/kiosk/static/ (app.js, with a
small tokeniser; index.html, with the standard HTML parser) that reads like
English. For Python and JavaScript that is two or more words starting with a
capital ("Start over", "ACT NOW"), three or more words with a common English
word among them ("the topics I can tell you about"), or two such words in a
piece glued into a sentence (" and more"). A word here is letters only, with
at most a closing punctuation mark, so class names, paths, regexes and media
queries do not count; nor, in code, does a single word ("Send"): too many
identifiers look like one. index.html is held to more: any letter in its text
or in a text attribute (aria-label, placeholder, title, alt, value) is wording.

The line: a string is patient-facing when a front end can show it to a patient
(the terminal chat and its plain-text output, `chatbot ask`, the kiosk page).
Text for developers, operators and content authors is not, and the scan passes
it by where the code's structure says so:

- docstrings (comments are not string literals);
- exceptions: anything inside a `raise`, or in the body of an exception class;
  a front end that shows one (/reload) frames it with ui.yaml wording;
- command-line help: the `help=`, `description=`, `epilog=`, `metavar=`
  arguments of any call (argparse; also pydantic's `Field(description=...)`,
  which editors show to authors), and calls of `add_argument`, `add_parser`,
  `ArgumentParser`;
- diagnostics: `print(..., file=...)` (stderr), `warn(...)`; the problems and
  notes `chatbot check` shows authors (`Problem`, `.error`, `.problem`, `._fail`,
  `._refuse`, `.note`, and each code's `Code` in chatbot/problems.py); the
  matcher's reasons for `chatbot explain` (`Decision`); HTTP plumbing errors
  (`error_response`, `._drop`); JSON error bodies (`{"error": ...}`), which the
  page never shows (it has its own notice);
  and texts assigned to `hint`, `why` or `how`, which go into those calls;
- word lists: a literal split into words (`"a an the".split()`), which the
  matcher and the safety screen read and nobody is shown;
- chatbot/authoring/: the authors' tools (check, explain, report, test).

What the structure cannot tell is in ALLOWED, by module and name, each with its
reason; and ALLOWED_HTML holds the page's one no-JavaScript line. Anything else
that reads like English fails the test: move it into ui.yaml (or messages.yaml)
and read it from the loaded knowledge base (`bot.kb.ui`; the page gets it from
/api/config).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from chatbot.content import load
from chatbot.schema import Banners, KioskText, ReplyLabels
from chatbot.settings import PROJECT_ROOT

from .small import small_world

CODE = PROJECT_ROOT / "chatbot"
STATIC = CODE / "kiosk" / "static"

#: (module, a name it defines: a constant or a function) -> why its strings are not
#: patient-facing. Keep it short: each entry is a judgement a reviewer can check.
ALLOWED: dict[tuple[str, str], str] = {
    ("chatbot/cli.py", "COMMANDS"): "the one-line help of each command, for `chatbot --help`",
    ("chatbot/safety.py", "CANARIES"): "what a patient might type (the safety screen's own "
    "checks): read by the screen, never shown",
    ("chatbot/safety.py", "_CHATTER"): "chatter typed around a canary, as above",
    ("chatbot/bot.py", "_follow_up"): "why a message counts as a follow-up, for `chatbot explain`",
    ("chatbot/bot.py", "ROUTING_STEPS"): "the routing steps' names, for `chatbot explain`",
    ("chatbot/language.py", "unread_language"): "why a message looks written in another "
    "language, for `chatbot explain`",
    ("chatbot/language.py", "_not_really"): "why a message taken for Spanish looks "
    "written in another language, for `chatbot explain`",
    ("chatbot/kiosk/app.py", "http_error"): "the JSON API's error bodies, for developers",
    ("chatbot/kiosk/serve.py", "problems"): "errors in `chatbot serve`'s options, for operators",
    ("chatbot/content/safety_rules.py", "read_classifier"): "why classifier.json cannot be "
    "used (E052), for content authors",
    ("chatbot/learned.py", "from_json"): "why classifier.json cannot be read, for authors",
    ("chatbot/learned.py", "load"): "why classifier.json cannot be read, for authors",
    ("chatbot/problems.py", "INTRO"): "the opening of docs/check-codes.md, for content authors",
}
#: Text index.html may hold, and why.
ALLOWED_HTML: dict[str, str] = {
    "This page needs JavaScript.": "the <noscript> line: without JavaScript the page cannot "
    "fetch its wording, so nothing else could say why it is blank; a kiosk always runs "
    "JavaScript, so only whoever sets one up can see it",
}
SKIPPED_FOLDERS = ("chatbot/authoring/",)

SINK_CALLS = frozenset(
    {
        "add_argument",
        "add_parser",
        "ArgumentParser",
        "warn",
        "Problem",
        "Code",
        "error",
        "problem",
        "_fail",
        "_refuse",
        "note",
        "Decision",
        "error_response",
        "_drop",
    }
)
SINK_KEYWORDS = frozenset({"help", "description", "epilog", "metavar"})
SINK_NAMES = frozenset({"hint", "why", "how"})

#: Common English words: words in a row with one of these read as a sentence.
COMMON = frozenset(
    "a an the to of and or but you your is are it in on for with me my i this that not no "
    "can be what how do if at as by from we our more".split()
)
#: A word: letters only (capitalised, lower case or all capitals), at most one closing mark.
WORD = re.compile(r"^(?:[A-Za-z][a-z']*|[A-Z]+)[,.;:!?]?$")


def sentence_like(text: str) -> bool:
    """Two or more words starting with a capital ("Start over", "ACT NOW"); three or more
    with a common word ("the topics I know"); or, in a piece that starts or ends with a
    space, so it is glued into a sentence, two or more with a common word (" and more")."""
    piece = text[:1].isspace() or text[-1:].isspace()
    run: list[str] = []
    for token in [*text.split(), "\0"]:
        if WORD.match(token):
            run.append(token)
            continue
        common = COMMON.intersection(w.rstrip(",.;:!?").lower() for w in run)
        if len(run) >= 2 and (run[0][0].isupper() or (common and piece)):
            return True
        if len(run) >= 3 and common:
            return True
        run = []
    return False


# --- Python ---------------------------------------------------------------------------------


def _callee(call: ast.Call) -> str | None:
    f = call.func
    if isinstance(f, ast.Attribute):
        return f.attr
    return f.id if isinstance(f, ast.Name) else None


def _is_exception_class(node: ast.AST) -> bool:
    return isinstance(node, ast.ClassDef) and any(
        isinstance(b, ast.Name) and b.id.endswith(("Error", "Exception")) for b in node.bases
    )


def _string(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # f"... {x} ...": each {x} reads as one word
        return "".join(v.value if isinstance(v, ast.Constant) else " x " for v in node.values)
    return None


def python_strings(source: str, allowed: frozenset[str] = frozenset()) -> Iterator[tuple[int, str]]:
    """(line, text) of each sentence-like string literal that is not passed by (above).
    `allowed`: names (constants, functions) whose strings are passed by too."""
    tree = ast.parse(source)
    skip: set[int] = set()

    def skip_all(node: ast.AST) -> None:
        skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and body
            and isinstance(body[0], ast.Expr)
            and _string(body[0].value) is not None
        ):
            skip_all(body[0])  # a docstring
        if isinstance(node, ast.Raise) or _is_exception_class(node):
            skip_all(node)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            if node.name in allowed:
                skip_all(node)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if names & (SINK_NAMES | allowed):
                skip_all(node)
        elif isinstance(node, ast.Call):
            name = _callee(node)
            if name in SINK_CALLS or (
                name == "print" and any(k.arg == "file" for k in node.keywords)
            ):
                skip_all(node)
            elif name == "split" and isinstance(node.func, ast.Attribute):
                skip_all(node.func.value)  # a word list
            for k in node.keywords:
                if k.arg in SINK_KEYWORDS:
                    skip_all(k.value)
        elif isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "error":
                    skip_all(value)
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)  # read whole, not part by part
    found = []
    for node in ast.walk(tree):
        text = _string(node)
        if id(node) not in skip and text is not None and sentence_like(text):
            found.append((getattr(node, "lineno", 0), getattr(node, "col_offset", 0), text))
    for line, _col, text in sorted(found):
        yield line, text


# --- JavaScript -------------------------------------------------------------------------------

#: After one of these (or at the start) a `/` opens a regex, not a division.
_REGEX_BEFORE = set("(,=:[!&|?{};+-*%<>~^") | {""}
_NAME = re.compile(r"[A-Za-z_$][\w$]*|\d[\w.]*")


def js_strings(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every string literal in JavaScript source; a template's `${...}`
    reads as one word. Comments and regex literals are skipped."""
    i, n, last = 0, len(source), ""
    while i < n:
        c = source[i]
        if source.startswith("//", i):
            i = source.find("\n", i)
            i = n if i < 0 else i
        elif source.startswith("/*", i):
            i = source.index("*/", i + 2) + 2
        elif c == "/" and last in _REGEX_BEFORE:
            i += 1
            in_class = False
            while source[i] != "/" or in_class:
                if source[i] == "\\":
                    i += 1
                elif source[i] == "[":
                    in_class = True
                elif source[i] == "]":
                    in_class = False
                i += 1
            i += 1
            last = "/"
        elif c in "\"'`":
            start, i, parts = i, i + 1, []
            while source[i] != c:
                if source[i] == "\\":  # an escape: the character itself will do
                    parts.append(source[i + 1])
                    i += 2
                elif c == "`" and source.startswith("${", i):
                    depth, i = 1, i + 2
                    while depth:
                        depth += {"{": 1, "}": -1}.get(source[i], 0)
                        i += 1
                    parts.append(" x ")
                else:
                    parts.append(source[i])
                    i += 1
            i += 1
            last = c
            yield source.count("\n", 0, start) + 1, "".join(parts)
        elif c.isspace():
            i += 1
        else:
            m = _NAME.match(source, i)
            token = m.group(0) if m else c
            # `return /x/` opens a regex; a name or number before `/` divides
            last = "" if token in ("return", "typeof", "case") else token[-1]
            i += len(token)


def js_wording(source: str) -> list[tuple[int, str]]:
    return [(line, text) for line, text in js_strings(source) if sentence_like(text)]


# --- HTML ---------------------------------------------------------------------------------------

TEXT_ATTRIBUTES = frozenset({"aria-label", "placeholder", "title", "alt", "value"})


class _Wording(HTMLParser):
    """Every text node and text attribute with a letter, outside <script> and <style>."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self._raw = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._raw += 1
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value and re.search(r"[A-Za-z]", value):
                self.found.append((self.getpos()[0], value))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._raw -= 1

    def handle_data(self, data: str) -> None:
        if not self._raw and re.search(r"[A-Za-z]", data):
            self.found.append((self.getpos()[0], " ".join(data.split())))


def html_wording(source: str) -> list[tuple[int, str]]:
    parser = _Wording()
    parser.feed(source)
    parser.close()
    return [(line, text) for line, text in parser.found if text not in ALLOWED_HTML]


# --- the scan of the code ------------------------------------------------------------------------


def code_wording() -> list[str]:
    found = []
    for path in sorted(CODE.rglob("*.py")):
        rel = path.relative_to(PROJECT_ROOT).as_posix()
        if rel.startswith(SKIPPED_FOLDERS):
            continue
        allowed = frozenset(name for (module, name) in ALLOWED if module == rel)
        for line, text in python_strings(path.read_text(encoding="utf-8"), allowed):
            found.append(f"{rel}:{line}: {text!r}")
    for path in sorted(STATIC.glob("*.js")):
        rel = path.relative_to(PROJECT_ROOT).as_posix()
        found += [f"{rel}:{ln}: {t!r}" for ln, t in js_wording(path.read_text(encoding="utf-8"))]
    for path in sorted(STATIC.glob("*.html")):
        rel = path.relative_to(PROJECT_ROOT).as_posix()
        found += [f"{rel}:{ln}: {t!r}" for ln, t in html_wording(path.read_text(encoding="utf-8"))]
    return found


def test_no_patient_facing_wording_in_code() -> None:
    found = code_wording()
    assert not found, (
        "patient-facing English in code; move it to knowledge/ui.yaml (or messages.yaml), "
        "or, if no patient can see it, see this test's docstring:\n" + "\n".join(found)
    )


def test_every_allowed_name_exists() -> None:
    """An entry of ALLOWED that no longer matches anything is dropped, not kept 'just in case'."""
    for module, name in ALLOWED:
        tree = ast.parse((PROJECT_ROOT / module).read_text(encoding="utf-8"))
        defined = {
            n.name
            for n in ast.walk(tree)
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        } | {
            t.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Assign | ast.AnnAssign)
            for t in (n.targets if isinstance(n, ast.Assign) else [n.target])
            if isinstance(t, ast.Name)
        }
        assert name in defined, f"ALLOWED names {module}: {name}, which it no longer defines"
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    for text in ALLOWED_HTML:
        assert text in html, f"ALLOWED_HTML holds {text!r}, which index.html no longer has"


# --- the scanner can fail -------------------------------------------------------------------

PLANTED_PYTHON = '''
"""A docstring is for developers."""
import sys

GOODBYE = "Goodbye. Take care."
LABEL = "Start over"
BANNER = "EMERGENCY - ACT NOW"


def more(titles, n):
    """So is this one."""
    if not titles:
        raise ValueError("there are no titles to list here")
    print("could not read the content files", file=sys.stderr)
    hint = "did you mean the other one?"
    words = "a an the and or".split()
    if n is None:
        return ", ".join(titles) + " and more"
    return titles + f" and {n} more"


def http_error():
    messages = {404: "no such page on this server"}
    return {"error": messages[404], "detail": "the server has no such page"}
'''


def test_the_python_scan_catches_planted_wording() -> None:
    found = [text for _, text in python_strings(PLANTED_PYTHON)]
    assert found == [
        "Goodbye. Take care.",
        "Start over",
        "EMERGENCY - ACT NOW",
        " and more",
        " and  x  more",
        "no such page on this server",
        "the server has no such page",
    ]
    found = [text for _, text in python_strings(PLANTED_PYTHON, frozenset({"http_error"}))]
    assert "no such page on this server" not in found


def test_the_javascript_scan_catches_planted_wording() -> None:
    source = r"""
    // A comment: "Please ignore me, I am a comment."
    const PHONE = /(\+?\d[\d -]{1,14}\d|\b\d{3}\b)/g;
    const half = total / 2; const rest = "msg bot kind-";
    el("p", "who", "You asked");
    addNotice('Sorry, something went wrong. Please try again.');
    const idle = `Still there? Clearing in ${seconds} s`;
    node.className = "print-only url";
    """
    found = [text for _, text in js_wording(source)]
    assert found == [
        "You asked",
        "Sorry, something went wrong. Please try again.",
        "Still there? Clearing in  x  s",
    ]


def test_the_html_scan_catches_planted_wording() -> None:
    source = """<!doctype html><html lang="en"><head><title>Baclofen</title>
    <style>body { font: 1rem sans-serif; }</style><script src="/static/app.js"></script></head>
    <body><!-- a comment is not shown -->
    <button type="button" data-ui="restart"></button>
    <button type="submit">Send</button>
    <input id="text" placeholder="Type here">
    <section aria-label="Conversation"></section>
    <noscript><p>This page needs JavaScript.</p></noscript>
    </body></html>"""
    found = [text for _, text in html_wording(source)]
    assert found == ["Baclofen", "Send", "Type here", "Conversation"]


# --- the page asks only for wording the content has --------------------------------------------


def test_the_page_uses_only_keys_of_ui_yaml() -> None:
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    marks = re.findall(r'data-ui(?:-label|-placeholder)?="([^"]+)"', html)
    assert marks and set(marks) <= set(KioskText.model_fields)
    groups = {"kiosk": KioskText, "reply": ReplyLabels, "banners": Banners}
    used = re.findall(r"\bui\.(kiosk|reply|banners)\.(\w+)", js)
    assert used
    for group, key in used:
        assert key in groups[group].model_fields, f"app.js reads ui.{group}.{key}"


# --- ui.yaml is checked like the other content files -------------------------------------------


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """The knowledge/ of a small world (tests/small.py) to plant a mistake in."""
    return small_world(tmp_path).knowledge


def _line(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_a_missing_label_is_an_error_at_its_section(knowledge: Path) -> None:
    ui = knowledge / "ui.yaml"
    ui.write_text(ui.read_text().replace("  send: Send\n", ""))
    kb, problems = load(knowledge, knowledge.parent / "intents")
    assert kb is None
    [p] = [p for p in problems if p.severity == "error"]
    assert (p.code, p.path, p.line) == ("E012", "knowledge/ui.yaml", _line(ui, "kiosk:"))
    assert "'send'" in p.message and "kiosk" in p.message


def test_unknown_featured_topics_and_placeholders_are_errors_at_their_lines(
    knowledge: Path,
) -> None:
    ui = knowledge / "ui.yaml"
    text = ui.read_text()
    text = text.replace("    - tizanidine.storage\n", "    - storage\n")
    text = text.replace('"QR code for {title}"', '"QR code for {topic}"')
    text = text.replace('"{items} and more"', '"and more"')
    ui.write_text(text)
    kb, problems = load(knowledge, knowledge.parent / "intents")
    assert kb is None
    found = {(p.code, p.line): p for p in problems if p.severity == "error"}
    assert set(found) == {
        ("E039", _line(ui, "    - storage")),
        ("E032", _line(ui, "qr_alt:")),
        ("E032", _line(ui, "  more:")),
    }
    assert all(p.path == "knowledge/ui.yaml" for p in found.values())
    assert "tizanidine.storage" in found["E039", _line(ui, "    - storage")].hint
