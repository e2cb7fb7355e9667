"""What a page holds besides text, read from its page objects with pypdfium2 (cheap, no pdfminer):
pictures (a page of pictures and no text is a scan without a text layer; a page with nothing at all
is blank) and rulings (the lines of a ruled table grid).

A page goes through pdfplumber's table finder (slow) only when its rulings enclose words in a grid of
at least two columns and two rows: a framed box encloses its text in one cell, and a chart's axes
and ticks enclose none of its labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hdir_extract.readers.pdf.layout import Word

THIN = 2.0  # points: a path (or a filled rectangle) this thin is a ruling
MIN_LENGTH = 10.0
MAX_DEPTH = 4  # form XObjects nest; a scan is often a picture inside one
TOLERANCE = 2.0  # points: a word's cell is bounded by rulings this close to meeting it


@dataclass(slots=True)
class PageObjects:
    objects: int = 0
    pictures: int = 0
    horizontal: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1), top-down
    vertical: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)

    @property
    def blank(self) -> bool:
        """Nothing printed at all, or only rules and shapes: a deliberately blank page."""
        return self.pictures == 0


def _add_rule(out: PageObjects, x0: float, y0: float, x1: float, y1: float, height: float) -> None:
    """A straight edge from (x0, y0) to (x1, y1) in PDF space (y up), if it is a ruling."""
    w, h = abs(x1 - x0), abs(y1 - y0)
    top, bottom = height - max(y0, y1), height - min(y0, y1)
    if h <= THIN and w >= MIN_LENGTH:
        out.horizontal.append(((top + bottom) / 2, min(x0, x1), max(x0, x1)))
    elif w <= THIN and h >= MIN_LENGTH:
        out.vertical.append(((x0 + x1) / 2, top, bottom))


def _path_rules(obj, out: PageObjects, height: float) -> None:  # obj: FPDF_PAGEOBJECT of a path
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (pdfium_c.FS_FLOAT() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return
    w, h = right.value - left.value, top.value - bottom.value
    if w < MIN_LENGTH and h < MIN_LENGTH:
        return  # a dot, a glyph-like shape
    if h <= THIN or w <= THIN:
        # a line, or a thin filled rectangle used as one
        _add_rule(out, left.value, bottom.value, right.value, top.value, height)
        return
    # a rectangle or a drawn grid: its straight segments (in the object's own space)
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return
    x, y = pdfium_c.FS_FLOAT(), pdfium_c.FS_FLOAT()
    start = prev = None
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        px = matrix.a * x.value + matrix.c * y.value + matrix.e
        py = matrix.b * x.value + matrix.d * y.value + matrix.f
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = prev = (px, py)
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            _add_rule(out, prev[0], prev[1], px, py, height)
        prev = (px, py)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            _add_rule(out, px, py, start[0], start[1], height)
            prev = start


def _scan(get_count, get_object, out: PageObjects, height: float, depth: int) -> None:
    import pypdfium2.raw as pdfium_c

    for i in range(get_count()):
        obj = get_object(i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        out.objects += 1
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            out.pictures += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_rules(obj, out, height)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < MAX_DEPTH:
            _scan(
                lambda o=obj: pdfium_c.FPDFFormObj_CountObjects(o),
                lambda j, o=obj: pdfium_c.FPDFFormObj_GetObject(o, j),
                out,
                height,
                depth + 1,
            )


def page_objects(page, height: float) -> PageObjects:  # page: pypdfium2.PdfPage
    import pypdfium2.raw as pdfium_c

    out = PageObjects()
    raw = page.raw
    _scan(
        lambda: pdfium_c.FPDFPage_CountObjects(raw),
        lambda i: pdfium_c.FPDFPage_GetObject(raw, i),
        out,
        height,
        0,
    )
    return out


def _nearest(values: list[tuple[float, float, float]], at: float, along: float, below: bool) -> float | None:
    """The nearest ruling before (or after, `below`) position `at` that spans `along`."""
    best = None
    for pos, lo, hi in values:
        spans = lo - TOLERANCE <= along <= hi + TOLERANCE and (pos > at if below else pos < at)
        if spans and (best is None or abs(pos - at) < abs(best - at)):
            best = pos
    return best


def ruled_grid(objs: PageObjects, words: list[Word]) -> bool:
    """The page's rulings enclose words in a grid: two rows of cells that share two columns (four
    cells, each bounded by rulings on all four sides, each holding a word). A framed box holds its
    words in one cell; a figure's frame and axes do not line up into rows and columns."""
    if len(objs.horizontal) < 2 or len(objs.vertical) < 2:
        return False
    columns_by_row: dict[int, set[int]] = {}
    for w in words:
        cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
        left = _nearest(objs.vertical, cx, cy, below=False)
        if left is None or _nearest(objs.vertical, cx, cy, below=True) is None:
            continue
        up = _nearest(objs.horizontal, cy, cx, below=False)
        if up is None or _nearest(objs.horizontal, cy, cx, below=True) is None:
            continue
        columns_by_row.setdefault(round(up), set()).add(round(left))
    rows = [cols for cols in columns_by_row.values() if len(cols) >= 2]
    return any(len(a & b) >= 2 for i, a in enumerate(rows) for b in rows[i + 1 :])
