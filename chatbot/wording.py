"""Filling the {placeholders} of the front ends' wording (knowledge/ui.yaml).

Every word a patient reads comes from the content; code only fills in the
values. One pass: a value that itself holds braces is never filled again.
"""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template: str, **values: object) -> str:
    """`template` with each {name} of `values` replaced; other braces are kept."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template
    )
