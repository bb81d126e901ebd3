"""Benchmark (issue #13): which language is a short message in? Our rule
(`chatbot.language.language_of`) beside two well-kept offline libraries, py3langid and
Lingua, on the messages the repository holds: English from the routing dev, real and
hold-out sets; Spanish from the Spanish dev set (and any Spanish set under
tests/data/sealed/ that is already opened: pass it with --also). A message counts as
right when English is taken for English and Spanish for Spanish. The libraries are told
the eight languages our rule knows. Figures only; not a test.

    .venv/bin/pip install py3langid lingua-language-detector   # not project dependencies
    .venv/bin/python bench/language.py [--also tests/data/sealed/spanish.yaml]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chatbot import Chatbot  # noqa: E402
from chatbot.language import language_of  # noqa: E402

ENGLISH = ["real_questions", "dev_questions_a", "dev_questions_b", "holdout_questions"]
SPANISH = ["dev_questions_es"]
CODES = ["en", "es", "fr", "pt", "it", "de", "nl", "pl"]


def texts(path: Path) -> list[str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = [c["text"] for key in ("questions", "cases") for c in data.get(key) or []]
    for conv in data.get("conversations") or []:
        out += [t["text"] for t in conv["turns"]]
    return out


def detectors() -> dict[str, Callable[[str], str]]:
    normalizer = Chatbot.default().kb.normalizer  # the word lists the bot uses
    english, spanish = normalizer.english, normalizer.other_language
    found: dict[str, Callable[[str], str]] = {
        "ours (language_of)": lambda s: language_of(s, ("es",), english, spanish)
    }
    if importlib.util.find_spec("py3langid"):
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
        ident.set_languages(CODES)
        found["py3langid"] = lambda s: str(ident.classify(s)[0])
    if importlib.util.find_spec("lingua"):
        from lingua import IsoCode639_1, LanguageDetectorBuilder

        langs = [IsoCode639_1.from_str(c) for c in CODES]
        for mode in ("high", "low"):
            builder = LanguageDetectorBuilder.from_iso_codes_639_1(*langs)
            det = (builder if mode == "high" else builder.with_low_accuracy_mode()).build()

            def lingua(s: str, det: object = det) -> str:
                got = det.detect_language_of(s)  # type: ignore[attr-defined]
                return got.iso_code_639_1.name.lower() if got else "en"

            found[f"lingua ({mode} accuracy)"] = lingua
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--also", action="append", default=[], help="another Spanish set (opened)")
    args = ap.parse_args()
    data = ROOT / "tests" / "data"
    sets = {
        "en": [t for name in ENGLISH for t in texts(data / f"{name}.yaml")],
        "es": [t for name in SPANISH for t in texts(data / f"{name}.yaml")]
        + [t for p in args.also for t in texts(Path(p))],
    }
    n = sum(len(v) for v in sets.values())
    print(f"{len(sets['en'])} English and {len(sets['es'])} Spanish messages")
    for name, detect in detectors().items():
        start = time.perf_counter()
        right = {lang: sum(detect(s) == lang for s in msgs) for lang, msgs in sets.items()}
        ms = 1000 * (time.perf_counter() - start) / n
        print(
            f"  {name:22} English {right['en']}/{len(sets['en'])}  "
            f"Spanish {right['es']}/{len(sets['es'])}  all {sum(right.values()) / n:.1%}  "
            f"{ms:.2f} ms a message"
        )


if __name__ == "__main__":
    main()
