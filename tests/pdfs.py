"""PDFs made by the tests: multi-page with known text per page, encrypted, image-only, corrupt."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF

PAGE_TEXTS = (
    "Hoofdstuk 1 Ontmoeting\n\nIn het dorp Zuidwolde opent de huiskamer De Zonnebloem elke dinsdag "
    "haar deuren voor inwoners die zich eenzaam voelen. Vrijwilligers schenken koffie en organiseren "
    "samen met de bewoners een wandeling door het dorp.",
    "Hoofdstuk 2 Mantelzorg\n\nMantelzorgers in de gemeente Westerveld kunnen terecht bij het "
    "Steunpunt Mantelzorg Zuidwest. Het steunpunt biedt respijtzorg, een luisterend oor en een "
    "cursus over het combineren van werk en zorg.",
    "Hoofdstuk 3 Financiering\n\nDe proef met de huiskamer wordt betaald uit de regeling "
    "Dorpsbudget 2026 van de provincie. Het budget bedraagt 48.000 euro voor twee jaar.",
)


def _pdf() -> FPDF:
    pdf = FPDF()
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_font("Helvetica", size=11)
    return pdf


def text_pdf(pages: tuple[str, ...] = PAGE_TEXTS, password: str | None = None) -> bytes:
    pdf = _pdf()
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    return bytes(pdf.output())


def image_only_pdf(pages: int = 2) -> bytes:
    from PIL import Image

    pdf = _pdf()
    img = Image.new("RGB", (400, 200), (200, 200, 200))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    for _ in range(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=180)
    return bytes(pdf.output())


def mixed_pdf() -> bytes:
    """Page 1 text, page 2 image only: one per-page warning, document still ingests."""
    from PIL import Image

    pdf = _pdf()
    pdf.add_page()
    pdf.multi_cell(0, 6, PAGE_TEXTS[0])
    pdf.add_page()
    buf = io.BytesIO()
    Image.new("RGB", (100, 100), (0, 0, 0)).save(buf, format="PNG")
    pdf.image(io.BytesIO(buf.getvalue()), x=10, y=10, w=50)
    return bytes(pdf.output())


def corrupt_pdf() -> bytes:
    good = text_pdf()
    return good[: len(good) // 3]


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
