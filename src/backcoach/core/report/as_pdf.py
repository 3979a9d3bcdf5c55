"""The report as a PDF (A4 or Letter), black on white, through reportlab.

Drawn on reportlab's canvas, not with its Paragraph markup, so user text is drawn as
text and never parsed. reportlab is imported here only, when a PDF is asked for; the
app never imports this module at start-up. Why reportlab and not fpdf2: docs/report.md.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from backcoach.core.report import words
from backcoach.core.report.chart import PainChart, pain_chart
from backcoach.core.report.model import Report
from backcoach.core.report.pdf_fonts import PdfFonts, register_fonts

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

Paper = Literal["a4", "letter"]
MM = 72 / 25.4
MARGIN = 15 * MM
BODY_SIZE = 9.0
TABLE_SIZE = 8.0
LEADING = 1.25
CELL_PAD = 2.5


@dataclass(frozen=True)
class Column:
    title: str
    share: float  # of the text width
    numeric: bool = False


def render_pdf(report: Report, paper: Paper = "a4") -> bytes:
    """The PDF's bytes. Deterministic for the same report (no creation date written)."""
    from reportlab.lib.pagesizes import A4, LETTER
    from reportlab.pdfgen.canvas import Canvas

    size = A4 if paper == "a4" else LETTER
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size, invariant=True, pageCompression=1)
    canvas.setTitle(report.title)
    canvas.setAuthor("backcoach")
    canvas.setSubject(report.about)
    _Layout(canvas, size, register_fonts(), report).draw()
    canvas.save()
    return buffer.getvalue()


class _Layout:
    """A top-down cursor over pages: headings, paragraphs, tables, the chart."""

    def __init__(
        self, canvas: Canvas, size: tuple[float, float], fonts: PdfFonts, report: Report
    ) -> None:
        self.canvas = canvas
        self.page_width, self.page_height = size
        self.fonts = fonts
        self.report = report
        self.width = self.page_width - 2 * MARGIN
        self.y = self.page_height - MARGIN
        self.page = 1

    # -- the report, in order ---------------------------------------------------------

    def draw(self) -> None:
        report = self.report
        self.text(report.title, 13, bold=True)
        self.text(report.about, BODY_SIZE, bold=True)
        self.text(report.source, TABLE_SIZE)
        self.text(report.disclaimer, TABLE_SIZE)
        self.text(words.made_line(report), TABLE_SIZE)
        if report.empty:
            self.gap(4)
            self.text(words.EMPTY_PERIOD, 11, bold=True)
        self.heading(words.SECTION_SUMMARY)
        for line in words.summary_lines(report):
            self.text(f"• {line}", BODY_SIZE)
        self.heading(words.SECTION_DOSAGE)
        self.table(
            [Column(c, s) for c, s in zip(words.ROUTINE_COLUMNS, (0.45, 0.3, 0.25), strict=True)],
            words.routine_rows(report),
        )
        self.gap(4)
        self.table(
            [Column(c, s) for c, s in zip(words.DOSAGE_COLUMNS, (0.22, 0.43, 0.35), strict=True)],
            words.dosage_rows(report),
        )
        if report.dosages:
            self.text(report.dosage_legend, 7)
        self.heading(words.SECTION_WEEKS)
        shares: tuple[float, ...] = (0.2, 0.15, 0.13, 0.1, 0.14, 0.14, 0.14)
        self.table(
            [
                Column(c, s, numeric=i > 0)
                for i, (c, s) in enumerate(zip(words.WEEK_COLUMNS, shares, strict=True))
            ],
            [words.week_row(w) for w in report.weeks],
        )
        self.heading(words.SECTION_EXERCISES)
        shares = (0.36, 0.16, 0.16, 0.16, 0.16)
        self.table(
            [
                Column(c, s, numeric=i > 0)
                for i, (c, s) in enumerate(zip(words.EXERCISE_COLUMNS, shares, strict=True))
            ],
            words.exercise_rows(report),
        )
        self.heading(words.SECTION_PAIN)
        self.chart(pain_chart(report.pain, report.period, width=self.width, height=150))
        self.heading(words.SECTION_FLAGS)
        self.text(words.FLAGS_RULE, TABLE_SIZE)
        shares = (0.12, 0.16, 0.28, 0.08, 0.18, 0.18)
        self.table(
            [Column(c, s) for c, s in zip(words.FLAG_COLUMNS, shares, strict=True)],
            words.flag_rows(report),
        )
        self.heading(words.SECTION_NOTICES)
        self.text(words.NOTICES_RULE, TABLE_SIZE)
        for group in words.notice_groups(report):
            self.text(group.title, BODY_SIZE, bold=True)
            self.text(group.rule, 7)
            self.text(group.shown_on(), TABLE_SIZE)
            self.gap(2)
        self.heading(words.SECTION_REST)
        self.text(words.rest_days_text(report), TABLE_SIZE)
        self.footer()

    # -- pieces -------------------------------------------------------------------------

    def gap(self, points: float) -> None:
        self.y -= points

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` still fits on this one."""
        if self.y - height < MARGIN + 12:
            self.footer()
            self.canvas.showPage()
            self.page += 1
            self.y = self.page_height - MARGIN

    def footer(self) -> None:
        self.canvas.setFont(self.fonts.regular, 7)
        self.canvas.drawString(
            MARGIN, MARGIN / 2, self.fonts.printable(f"{self.report.title} · page {self.page}")
        )

    def wrap(self, text: str, size: float, width: float, *, bold: bool = False) -> list[str]:
        """Lines of ``text`` no wider than ``width``; a word too long is cut, not spilled."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        font = self.fonts.bold if bold else self.fonts.regular
        lines: list[str] = []
        for paragraph in self.fonts.printable(text).splitlines() or [""]:
            line = ""
            for word in paragraph.split(" "):
                candidate = f"{line} {word}" if line else word
                if stringWidth(candidate, font, size) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                line = word
                while stringWidth(line, font, size) > width and len(line) > 1:
                    cut = len(line) - 1
                    while cut > 1 and stringWidth(line[:cut], font, size) > width:
                        cut -= 1
                    lines.append(line[:cut])
                    line = line[cut:]
            lines.append(line)
        return lines

    def text(self, text: str, size: float, *, bold: bool = False) -> None:
        lines = self.wrap(text, size, self.width, bold=bold)
        step = size * LEADING
        for line in lines:
            self.room(step)
            self.canvas.setFont(self.fonts.bold if bold else self.fonts.regular, size)
            self.y -= step
            self.canvas.drawString(MARGIN, self.y + size * 0.25, line)

    def heading(self, title: str) -> None:
        self.room(40)  # a heading never ends a page alone
        self.gap(6)
        self.text(title, 11, bold=True)
        self.canvas.setLineWidth(0.6)
        self.canvas.line(MARGIN, self.y, MARGIN + self.width, self.y)
        self.gap(3)

    def table(self, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
        if not rows:
            self.text(words.NONE, TABLE_SIZE)
            return
        self.row(columns, [c.title for c in columns], header=True)
        for cells in rows:
            if self.row(columns, cells, header=False):
                self.row(columns, [c.title for c in columns], header=True, fits=True)
                self.row(columns, cells, header=False)

    def row(
        self, columns: Sequence[Column], cells: Sequence[str], *, header: bool, fits: bool = False
    ) -> bool:
        """Draw one row; True (and nothing drawn) if it had to go to a new page first."""
        widths = [c.share * self.width for c in columns]
        wrapped = [
            self.wrap(cell, TABLE_SIZE, w - 2 * CELL_PAD, bold=header)
            for cell, w in zip(cells, widths, strict=True)
        ]
        step = TABLE_SIZE * LEADING
        height = max(len(lines) for lines in wrapped) * step + 2 * CELL_PAD
        if not fits and self.y - height < MARGIN + 12:
            self.room(height + 100)
            return not header
        canvas = self.canvas
        top = self.y
        x = MARGIN
        if header:
            canvas.setFillGray(0.9)
            canvas.rect(MARGIN, top - height, self.width, height, stroke=0, fill=1)
            canvas.setFillGray(0)
        canvas.setLineWidth(0.4)
        for column, width, lines in zip(columns, widths, wrapped, strict=True):
            canvas.rect(x, top - height, width, height, stroke=1, fill=0)
            canvas.setFont(self.fonts.bold if header else self.fonts.regular, TABLE_SIZE)
            y = top - CELL_PAD - TABLE_SIZE
            for line in lines:
                if column.numeric and not header:
                    canvas.drawRightString(x + width - CELL_PAD, y + 1, line)
                else:
                    canvas.drawString(x + CELL_PAD, y + 1, line)
                y -= step
            x += width
        self.y = top - height
        return False

    def chart(self, chart: PainChart) -> None:
        canvas = self.canvas
        self.room(chart.height + 30)
        origin_x, top = MARGIN, self.y

        def at(x: float, y: float) -> tuple[float, float]:
            return origin_x + x, top - y

        canvas.setFont(self.fonts.regular, 7)
        for tick in chart.pain_ticks:
            canvas.setStrokeGray(0.75)
            canvas.setLineWidth(0.4)
            canvas.line(*at(chart.left, tick.at), *at(chart.right, tick.at))
            canvas.drawRightString(*_nudge(at(chart.left - 4, tick.at), -2.5), tick.label)
        canvas.setStrokeGray(0)
        for tick in chart.date_ticks:
            canvas.setLineWidth(0.6)
            canvas.line(*at(tick.at, chart.bottom), *at(tick.at, chart.bottom + 4))
            canvas.drawCentredString(*at(tick.at, chart.bottom + 13), tick.label)
        canvas.setLineWidth(0.8)
        canvas.line(*at(chart.left, chart.top), *at(chart.left, chart.bottom))
        canvas.line(*at(chart.left, chart.bottom), *at(chart.right, chart.bottom))
        canvas.saveState()
        canvas.translate(*at(9, (chart.top + chart.bottom) / 2))
        canvas.rotate(90)
        canvas.drawCentredString(0, 0, "Pain (0-10)")
        canvas.restoreState()
        for series in chart.series:
            if not series.points:
                continue
            canvas.setLineWidth(0.9)
            if series.dashed:
                canvas.setDash(3, 2)
            path = canvas.beginPath()
            first, *rest = series.points
            path.moveTo(*at(first.x, first.y))
            for point in rest:
                path.lineTo(*at(point.x, point.y))
            canvas.drawPath(path, stroke=1, fill=0)
            canvas.setDash()
            for point in series.points:
                x, y = at(point.x, point.y)
                if series.marker == "circle":
                    canvas.circle(x, y, 1.8, stroke=1, fill=1)
                else:
                    canvas.setFillGray(1)
                    canvas.rect(x - 1.9, y - 1.9, 3.8, 3.8, stroke=1, fill=1)
                    canvas.setFillGray(0)
        if chart.empty:
            canvas.setFont(self.fonts.regular, 9)
            canvas.drawCentredString(
                *at((chart.left + chart.right) / 2, (chart.top + chart.bottom) / 2), chart.caption
            )
        self.y = top - chart.height
        self.text(
            "Pain before: solid line, filled circles. Pain after: dashed line, open squares. "
            + chart.caption,
            TABLE_SIZE,
        )


def _nudge(point: tuple[float, float], dy: float) -> tuple[float, float]:
    return point[0], point[1] + dy
