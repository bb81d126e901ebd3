"""The wheel carries the content: pyproject.toml maps every content folder into the package."""

from __future__ import annotations

import tomllib
from pathlib import Path

import chatbot
from chatbot.resources import SHIPPED, content_files, shipped_dir, shipped_root

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
CONTENT = ("knowledge", "intents", "schemas")


def packaged_folders() -> dict[str, Path]:
    """Package name -> the repository folder it is built from, for the shipped content."""
    mapped = {name: Path(folder) for name, folder in SETUPTOOLS["package-dir"].items()}
    out = {}
    for package in SETUPTOOLS["packages"]:
        for top, folder in mapped.items():
            if package == top or package.startswith(top + "."):
                out[package] = folder.joinpath(*package[len(top) :].split(".")[1:])
    return out


def test_every_content_folder_is_in_the_wheel():
    folders = packaged_folders()
    assert {f"chatbot.{SHIPPED}.{name}" for name in CONTENT} <= set(folders)
    on_disk = {
        p.relative_to(ROOT)
        for name in CONTENT
        for p in [ROOT / name, *(ROOT / name).rglob("*")]
        if p.is_dir() and not any(part.startswith((".", "__")) for part in p.parts)
    }
    listed = set(folders.values())
    assert sorted(map(str, on_disk - listed)) == [], "add these to packages in pyproject.toml"
    for package in folders:
        assert SETUPTOOLS["package-data"].get(package) == ["*"], package


def test_version_is_defined_once():
    assert PYPROJECT["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "chatbot.__version__"}
    assert chatbot.__version__.count(".") == 2


def test_a_checkout_reads_the_content_at_the_top():
    # editable installs and the test run: no chatbot/_shipped/, so the checkout's folders
    assert shipped_root() == ROOT
    assert shipped_dir("knowledge") == ROOT / "knowledge"
    assert content_files(ROOT / "knowledge")


def test_textstat_is_a_main_dependency_pinned_to_the_offline_release():
    assert "textstat==0.7.8" in [
        d.split("#")[0].strip() for d in PYPROJECT["project"]["dependencies"]
    ]
