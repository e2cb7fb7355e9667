"""The YAML front-matter block a converter puts at the top of a Markdown file ("---" … "---").

It is the converter's metadata, not the document: its lines stay in the numbering (so `sed -n` finds
every other line) but get empty text, and its values go to `Document.front_matter` for diagnostics only.
yaml is not a dependency: top-level `key: value` pairs are enough for diagnostics, and a nested value
(a list or a mapping under a key) is kept as its raw, dedented text.
"""

from __future__ import annotations

import regex

_FENCE = regex.compile(r"^---[ \t]*$")
_CLOSE = regex.compile(r"^(?:---|\.\.\.)[ \t]*$")
_KEY = regex.compile(r"^(?P<key>[A-Za-z_][\w\-]*)[ \t]*:(?:[ \t]+(?P<value>.*))?$")
MAX_LINES = 300  # a front-matter block longer than this is not metadata but a thematic break + text


def front_matter_end(raw_lines: list[str]) -> int:
    """Number of lines the front matter takes (its closing fence included), 0 when there is none.

    It must open on the very first line and hold at least one `key:` line, so that a document that
    starts with a thematic break ("---") followed by prose is not swallowed.
    """
    if not raw_lines or not _FENCE.match(raw_lines[0]):
        return 0
    for i in range(1, min(len(raw_lines), MAX_LINES)):
        if _CLOSE.match(raw_lines[i]):
            has_key = any(_KEY.match(raw_lines[j]) for j in range(1, i))
            return i + 1 if has_key else 0
    return 0


def parse_front_matter(lines: list[str]) -> dict[str, str]:
    """Top-level `key: value` pairs of the lines between the fences (quotes stripped)."""
    out: dict[str, str] = {}
    key: str | None = None
    nested: list[str] = []

    def flush() -> None:
        if key is not None and nested:
            out[key] = "\n".join(_dedent(nested))

    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        m = _KEY.match(line)
        if m:  # a new top-level key (only unindented lines match)
            flush()
            key, nested = m.group("key"), []
            value = (m.group("value") or "").strip()
            if value:
                out[key] = _unquote(value)
        elif key is not None:
            nested.append(line)
    flush()
    return out


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _dedent(lines: list[str]) -> list[str]:
    expanded = [ln.expandtabs(2) for ln in lines]
    indent = min(len(ln) - len(ln.lstrip()) for ln in expanded)
    return [ln[indent:].rstrip() for ln in expanded]
