"""'Take this home': an answer's main official source as a QR code, made offline.

The QR code is an SVG drawn on the server by `segno` (pure Python, no network),
so a patient can open the page on their own phone. Which source: the first of
the answer's sources on a patient-facing official site, in the order of
`OFFICIAL_HOSTS` (plain-language pages before prescribing information).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from ..types import Source

#: Sites whose pages a take-home QR code may point to, most patient-friendly first.
OFFICIAL_HOSTS: tuple[str, ...] = (
    "www.nhs.uk",
    "medlineplus.gov",
    "dailymed.nlm.nih.gov",
)


def take_home(sources: Iterable[Source], hosts: tuple[str, ...] = OFFICIAL_HOSTS) -> Source | None:
    """The source to take home, or None when no source is on an official site."""
    ranked = [
        (hosts.index(host), i, s)
        for i, s in enumerate(sources)
        if (host := (urlsplit(s.url).hostname or "").lower()) in hosts
        and urlsplit(s.url).scheme == "https"
    ]
    return min(ranked)[2] if ranked else None


@lru_cache(maxsize=256)
def qr_svg(url: str, title: str) -> bytes:
    """The QR code of `url` as a standalone SVG that scales to its box (no width or height)."""
    import segno  # imported on first use: `chatbot serve --help` stays fast

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(
        out,
        kind="svg",
        scale=1,
        border=4,  # the quiet zone the standard asks for
        dark="#000",
        light="#fff",
        xmldecl=False,
        omitsize=True,
        title=title,
    )
    return out.getvalue()
