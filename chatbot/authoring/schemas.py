"""(Re)write the JSON Schemas in schemas/ from the models in chatbot/schema.py.

    python -m chatbot.authoring.schemas            rewrite schemas/*.schema.json
    python -m chatbot.authoring.schemas --check    only say which are out of date (exit 1)

Editors with the YAML extension read them through each content file's first
line, `# yaml-language-server: $schema=../../schemas/answers.schema.json`.
Run this after changing chatbot/schema.py; a test fails while they differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..schema import SCHEMAS, json_schema
from ..settings import PROJECT_ROOT

#: Where the checked-in schemas live.
SCHEMA_DIR = PROJECT_ROOT / "schemas"


def file_name(kind: str) -> str:
    """The schema file of a kind of content file: "answers" -> "answers.schema.json"."""
    return f"{kind}.schema.json"


def render(kind: str) -> str:
    """The exact text of one schema file."""
    return json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"


def stale(out_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Schema files that are missing or differ from what the models generate."""
    out = []
    for kind in SCHEMAS:
        path = out_dir / file_name(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(kind):
            out.append(path)
    return out


def write(out_dir: Path = SCHEMA_DIR) -> list[Path]:
    """Write the schemas that are out of date; returns the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    changed = stale(out_dir)
    for path in changed:
        path.write_text(render(path.name.removesuffix(".schema.json")), encoding="utf-8")
    return changed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m chatbot.authoring.schemas",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    parser.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        default=SCHEMA_DIR,
        help=f"folder to write to (default: {SCHEMA_DIR})",
    )
    args = parser.parse_args(argv)
    if args.check:
        old = stale(args.out)
        for path in old:
            print(f"{path}: out of date; run python -m chatbot.authoring.schemas", file=sys.stderr)
        return 1 if old else 0
    for path in write(args.out):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
