"""Unicode TrueType fonts for the test typesetters: the DejaVu family that matplotlib ships (a dev
dependency), so the renderings print æøå, dashes and every other character of the corpus."""

from __future__ import annotations

from pathlib import Path


def font_path(name: str) -> Path:
    import matplotlib

    return Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf" / name
