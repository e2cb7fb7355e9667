"""Inline Markdown (markdown-it's inline tokens) -> plain text, one string per source line.

What is removed and why:
- emphasis markers (`**`, `*`, `_`, `<b>`, `<i>` …): the text stays, and whether it was emphasised is
  kept per piece, because converters print headings as bold runs;
- images (alt text too): a figure is not text;
- footnote references (`<sup>1</sup>`, `[^1]`, `[[33]](#footnote-33)`): the digits would otherwise glue
  onto the word or amount before them ("42,5 mill. kroner1");
- link targets: a link's text stays, its URL goes;
- HTML tags: stripped; `<br>` is a line break inside the same source line, so it becomes a space.
Backslash escapes and entities are already resolved by markdown-it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import regex
from markdown_it.token import Token

_FOOTNOTE_SUP = regex.compile(r"^[\d\s,*†‡]+$")
_FOOTNOTE_LINK_TEXT = regex.compile(r"^\[?\^?\d{1,4}\]?$")
_CARET_REF = regex.compile(r"\[\^[^\]\s]{1,12}\]")
_BACKREF_ANCHOR = regex.compile(r"^(?:footnote|fn)[-_]?ref")
_BACKREF_TEXT = {"↑", "↩", "↩︎", "^"}
_TAG = regex.compile(r"^<\s*(?P<close>/)?\s*(?P<name>[A-Za-z][A-Za-z0-9]*)")
_EMPHASIS_TAGS = {"b", "strong", "i", "em"}
_UNIT_BEFORE_POWER = regex.compile(r"\b(?:k|c|m|d)?m$")  # "m<sup>2</sup>" is square metres
_SPACES = regex.compile(r"[ \t]+")


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    emphasis: bool  # inside **…**, *…*, <b>, <i>: printed bold or italic


@dataclass(slots=True)
class InlineText:
    """An inline run split at its source line breaks: `lines[k]` is printed on the k-th source line."""

    lines: list[list[Piece]] = field(default_factory=lambda: [[]])
    backref: str | None = None  # "[↑](#footnote-ref-3)" found: this text is footnote 3's own text

    def texts(self) -> list[str]:
        return [clean("".join(p.text for p in line)) for line in self.lines]

    def text(self) -> str:
        return " ".join(t for t in self.texts() if t)

    def wholly_emphasised(self) -> bool:
        """Every printed character is inside bold/italic markup."""
        pieces = [p for line in self.lines for p in line if p.text.strip()]
        return bool(pieces) and all(p.emphasis for p in pieces)

    def leading_emphasis(self) -> tuple[str, InlineText] | None:
        """("TB 2026-67 Utfasing …", rest) when the first line opens with a bold/italic run followed by
        plain text on the same line; None otherwise. Blank pieces between two bold runs belong to the run.
        """
        first = self.lines[0]
        head: list[Piece] = []
        for i, piece in enumerate(first):
            blank = not piece.text.strip()
            if piece.emphasis or (blank and head):
                head.append(piece)
                continue
            if blank:
                continue  # leading blank before the run
            if not any(p.emphasis and p.text.strip() for p in head):
                return None  # the line does not open with an emphasised run
            rest = InlineText([first[i:], *self.lines[1:]], self.backref)
            return clean("".join(p.text for p in head)), rest
        return None


def clean(text: str) -> str:
    """Collapse runs of spaces/tabs and drop caret footnote references left as literal text."""
    return _SPACES.sub(" ", _CARET_REF.sub("", text)).strip()


def render(children: Sequence[Token] | None) -> InlineText:
    """Plain pieces of an inline token's children, split at soft and hard line breaks."""
    out = InlineText()
    depth = 0  # emphasis nesting
    tokens = list(children or [])
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
        if kind in ("softbreak", "hardbreak"):
            out.lines.append([])
        elif kind in ("text", "code_inline"):
            _add(out, tok.content, depth)
        elif kind in ("strong_open", "em_open"):
            depth += 1
        elif kind in ("strong_close", "em_close"):
            depth = max(depth - 1, 0)
        elif kind == "image":
            pass  # a figure is not text
        elif kind == "link_open":
            i = _link(tokens, i, out, depth)
        elif kind == "html_inline":
            i, depth = _html(tokens, i, out, depth)
        i += 1
    return out


def _add(out: InlineText, text: str, depth: int) -> None:
    if text:
        out.lines[-1].append(Piece(text, depth > 0))


def _link(tokens: list[Token], i: int, out: InlineText, depth: int) -> int:
    """A footnote reference or back-reference link is dropped; any other link keeps its text.
    Returns the index of the token to continue after."""
    end = next((j for j in range(i + 1, len(tokens)) if tokens[j].type == "link_close"), len(tokens))
    href = str(tokens[i].attrs.get("href", ""))
    label = "".join(t.content for t in tokens[i + 1 : end] if t.type in ("text", "code_inline")).strip()
    if href.startswith("#"):
        anchor = href[1:].lower()
        if label in _BACKREF_TEXT or _BACKREF_ANCHOR.match(anchor):
            digits = regex.search(r"\d+", anchor)
            out.backref = digits.group(0) if digits else ""
            return end
        if _FOOTNOTE_LINK_TEXT.match(label) or anchor.startswith(("footnote", "fn")):
            return end
    if _FOOTNOTE_LINK_TEXT.match(label) and label.startswith(("[", "^")):
        return end  # "[^1]" resolved through a reference definition
    return i  # keep the link's text: continue with the tokens inside it


def _html(tokens: list[Token], i: int, out: InlineText, depth: int) -> tuple[int, int]:
    m = _TAG.match(tokens[i].content)
    if not m:
        return i, depth  # a comment or a processing instruction
    name, closing = m.group("name").lower(), bool(m.group("close"))
    if name == "br":
        _add(out, " ", depth)
    elif name in _EMPHASIS_TAGS:
        depth = max(depth - 1, 0) if closing else depth + 1
    elif name == "sup" and not closing:
        return _superscript(tokens, i, out, depth), depth
    return i, depth


def _superscript(tokens: list[Token], i: int, out: InlineText, depth: int) -> int:
    """`<sup>1</sup>` after a word is a footnote reference; after "m"/"km" a power of a unit."""
    end = i + 1
    while end < len(tokens) and not (tokens[end].type == "html_inline" and "sup" in tokens[end].content):
        end += 1
    inner = "".join(t.content for t in tokens[i + 1 : end] if t.type == "text")
    before = "".join(p.text for p in out.lines[-1])
    if inner.strip() in ("2", "3") and _UNIT_BEFORE_POWER.search(before):
        _add(out, "²" if inner.strip() == "2" else "³", depth)
    elif not _FOOTNOTE_SUP.match(inner):
        _add(out, inner, depth)
    return end
