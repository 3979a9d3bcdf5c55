"""Which font the PDF uses: a Unicode TrueType font found on the system, else Helvetica.

A small interface with a silent fallback: the PDF embeds (a subset of) DejaVu Sans or
Liberation Sans where one is installed, so any exercise name prints as typed; without
one it uses the PDF's built-in Helvetica, and characters it cannot show are written as
visible escapes (``\\u2192``) rather than dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: (regular, bold) pairs, the first found wins.
CANDIDATES: tuple[tuple[str, str], ...] = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    (
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
)
BUILT_IN = ("Helvetica", "Helvetica-Bold")


@dataclass(frozen=True)
class PdfFonts:
    regular: str
    bold: str
    unicode: bool  # False: the built-in font, Latin-1 (cp1252) only

    def printable(self, text: str) -> str:
        """``text`` as this font can show it: unchanged, or with escapes for the rest."""
        if self.unicode:
            return text
        return "".join(c if _in_cp1252(c) else f"\\u{ord(c):04x}" for c in text)


def _in_cp1252(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def register_fonts(candidates: tuple[tuple[str, str], ...] = CANDIDATES) -> PdfFonts:
    """Register the first TrueType pair that loads with reportlab; else the built-in."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    for regular, bold in candidates:
        if not (Path(regular).is_file() and Path(bold).is_file()):
            continue
        try:
            pdfmetrics.registerFont(TTFont("ReportSans", regular))
            pdfmetrics.registerFont(TTFont("ReportSans-Bold", bold))
        except (TTFError, OSError, ValueError):
            continue
        return PdfFonts("ReportSans", "ReportSans-Bold", unicode=True)
    return PdfFonts(*BUILT_IN, unicode=False)
