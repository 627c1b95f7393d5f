"""Ingest: every input format to a RawDocument, every bad input to a one-line BlocsError."""

from __future__ import annotations

import json
import random

import pytest

from blocs import ingest
from blocs.clean import clean
from blocs.context import RawDocument
from blocs.errors import BlocsError
from tests.conftest import ARTICLES

TIGRAY = ARTICLES / "clean_tigray-report.txt"
HTML = ARTICLES / "clean_sahel-page.html"
HEADER = "The Horn Observer - World news"
LATIN = (
    "Colonel Assimi Goïta met the envoy in Bamako; Anéfis, Tessalit and São Tomé were "
    "discussed, said Aïssata Kouyaté. The Zürich-based mediator called it « a first step ».\n"
)


def read_one(path) -> RawDocument:
    items = list(ingest.read(path))
    assert len(items) == 1 and isinstance(items[0], RawDocument), items
    return items[0]


def error_of(path) -> BlocsError:
    with pytest.raises(BlocsError) as info:
        list(ingest.read(path))
    return info.value


def one_line(err: BlocsError, path) -> str:
    msg = str(err)
    assert "\n" not in msg and msg.startswith(str(path)), msg
    return msg


# --- PDF ---------------------------------------------------------------------------------


def make_pdf(path, paragraphs, title=None):
    from fpdf import FPDF

    class Paper(FPDF):
        def header(self):
            self.set_font("Helvetica", "I", 8)
            self.cell(0, 6, HEADER, align="C")
            self.ln(10)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", "", 8)
            self.cell(0, 10, f"Page {self.page_no()}", align="C")

    pdf = Paper(format=(105, 148))
    if title:
        pdf.set_title(title)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(0, 7, paragraphs[0], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for para in paragraphs[1:]:
        pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(path))
    return pdf.page_no()


@pytest.fixture(scope="module")
def tigray_pdf(tmp_path_factory):
    path = tmp_path_factory.mktemp("pdf") / "tigray.pdf"
    paragraphs = TIGRAY.read_text(encoding="utf-8").strip().split("\n\n")
    pages = make_pdf(path, paragraphs, title=paragraphs[0])
    assert pages >= 3
    return path


def test_pdf_pages_read_with_metadata(tigray_pdf):
    doc = read_one(tigray_pdf)
    assert doc.kind == "pdf" and doc.text.count("\f") >= 2
    assert doc.meta_sources["title"] == "pdf-meta"


def test_pdf_cleaned_to_the_article_without_furniture(tigray_pdf):
    doc = clean(read_one(tigray_pdf))
    source = TIGRAY.read_text(encoding="utf-8")
    assert HEADER not in doc.text and "Page " not in doc.text
    assert doc.text.split() == source.split()  # every word, in order, nothing added
    assert doc.text.strip().split("\n\n") == source.strip().split("\n\n")  # paragraphs as printed
    assert doc.corrections == []
    assert doc.meta["author"] == "Selam Gebremedhin" and doc.meta["published"] == "2021-11-20"


def test_broken_and_textless_pdfs(tmp_path):
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    assert error_of(bad).code == "pdf"
    one_line(error_of(bad), bad)
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    empty = tmp_path / "scan.pdf"
    pdf.output(str(empty))
    err = error_of(empty)
    assert err.code == "pdf" and "no text" in str(err)


# --- HTML --------------------------------------------------------------------------------


def test_html_main_text_without_navigation_or_comments():
    doc = read_one(HTML)
    for furniture in ("Subscribe", "Log in", "Great reporting", "mark my words", "Privacy", "rights reserved"):
        assert furniture not in doc.text, furniture
    assert "Malian troops backed by Russian Wagner fighters" in doc.text
    assert "Alghabass Ag Intalla" in doc.text
    assert doc.meta == {
        "title": "Mali junta and Wagner fighters retake Kidal from Tuareg rebels",
        "author": "Aïssata Kouyaté",
        "published": "2023-11-15",
        "site": "Sahel Monitor",
    }
    assert set(doc.meta_sources.values()) == {"html-meta"}
    cleaned = clean(doc)
    assert cleaned.corrections == []
    assert "\u201cthe recovery of the whole territory\u201d" in cleaned.text


# --- encodings ---------------------------------------------------------------------------


def test_latin1_file(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(LATIN.encode("latin-1"))
    assert read_one(path).text == LATIN


def test_cp1252_curly_quotes(tmp_path):
    text = "\u201cWe will not retreat,\u201d said the commander in Goma \u2013 Kivu\u2019s capital.\n"
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    assert read_one(path).text == text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_unicode_with_bom(tmp_path, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(LATIN.encode(encoding))
    assert read_one(path).text.lstrip("\ufeff") == LATIN


def test_mojibake_repaired_by_clean(tmp_path):
    path = tmp_path / "mojibake.txt"
    path.write_text(LATIN.encode("utf-8").decode("latin-1"), encoding="utf-8")
    assert "Goïta" in clean(read_one(path)).text


# --- JSON Lines --------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Troops entered Goma.", "published": "2024-02-01", "title": "Goma"}),
        "{not json",
        json.dumps({"id": "c", "body": "no text field"}),
        json.dumps({"id": ["x"], "text": "bad id"}),
        "",
        json.dumps({"id": 7, "text": "Rebels left Bunagana."}),
        json.dumps(["a", "list"]),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"id": "z", "text": "\xff\xfe"}\n')
    items = list(ingest.read(path))
    docs = [x for x in items if isinstance(x, RawDocument)]
    errors = [x for x in items if isinstance(x, BlocsError)]
    assert [d.meta["id"] for d in docs] == ["a", "7"]
    assert docs[0].meta["published"] == "2024-02-01" and docs[0].meta_sources["published"] == "input"
    assert [e.code for e in errors] == ["jsonl-json", "jsonl-text", "jsonl-id", "jsonl-text", "jsonl-json"]
    assert [e.detail["line"] for e in errors] == [2, 3, 4, 7, 8]
    for e in errors:
        one_line(e, path)


def test_jsonl_with_only_blank_lines_is_empty(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_text("\n  \n\n")
    assert error_of(path).code == "empty"


# --- bad inputs --------------------------------------------------------------------------


def test_missing_directory_extension(tmp_path):
    cases = {
        tmp_path / "nope.txt": "missing",
        tmp_path: "directory",
        tmp_path / "notes.docx": "extension",
    }
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04 word")
    for path, code in cases.items():
        err = error_of(path)
        assert err.code == code, path
        one_line(err, path)


@pytest.mark.parametrize(
    "content,code",
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"%PDF-1.7 saved with the wrong name", "binary"),
        (b"text\x00with\x00nul\x00bytes" * 10, "binary"),
    ],
)
def test_bad_text_files(tmp_path, content, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    err = error_of(path)
    assert err.code == code
    one_line(err, path)


def test_undecodable_bytes(tmp_path):
    rng = random.Random(4)
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(rng.randrange(128, 256) for _ in range(3000)))
    err = error_of(path)
    assert err.code == "undecodable"
    one_line(err, path)


def test_html_that_is_plain_text(tmp_path):
    path = tmp_path / "saved.html"
    path.write_text("Fighting resumed in Khartoum on Sunday, residents said.\n", encoding="utf-8")
    assert "Khartoum" in read_one(path).text


def test_two_column_pdf_is_read_column_by_column(tmp_path):
    from fpdf import FPDF

    paragraphs = (ARTICLES / "clean_names-karabakh.txt").read_text(encoding="utf-8").strip().split("\n\n")
    body = " ".join(paragraphs[3:])
    cut = body.index(". ", len(body) // 2) + 2
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 10)
    pdf.set_xy(10, 20)
    pdf.multi_cell(90, 5, body[:cut])
    pdf.set_xy(110, 20)
    pdf.multi_cell(90, 5, body[cut:])
    path = tmp_path / "columns.pdf"
    pdf.output(str(path))
    assert clean(read_one(path)).text.split() == body.split()


def test_encrypted_pdf(tmp_path):
    from fpdf import FPDF

    for user_password, readable in (("secret", False), ("", True)):
        pdf = FPDF()
        pdf.set_encryption(owner_password="owner", user_password=user_password)
        pdf.add_page()
        pdf.set_font("Helvetica", "", 10)
        pdf.cell(0, 10, "Ukrainian troops crossed into the Kursk region on Tuesday.")
        path = tmp_path / f"locked-{readable}.pdf"
        pdf.output(str(path))
        if readable:
            assert "Kursk region" in read_one(path).text
        else:
            err = error_of(path)
            assert err.code == "pdf" and "encrypted" in one_line(err, path)


def test_html_page_without_an_article_still_gives_its_text(tmp_path):
    path = tmp_path / "brief.html"
    path.write_text(
        "<html><body><div>Fighting resumed in Khartoum on Sunday, residents said.</div></body></html>", encoding="utf-8"
    )
    assert "Fighting resumed in Khartoum" in read_one(path).text


def test_html_headline_and_byline_put_back_above_the_body():
    from blocs.ingest import html

    page = (
        "<html><body><h1>Sudan talks to resume in Nairobi</h1>"
        '<div class="story-byline">Amina Odhiambo / Staff Writer / Updated: May 3, 2024</div>'
        "<p>Officials said the talks would resume next week.</p></body></html>"
    )
    text = html._with_heading("Officials said the talks would resume next week.", page, None)
    assert text.split("\n\n") == [
        "Sudan talks to resume in Nairobi",
        "Amina Odhiambo / Staff Writer / Updated: May 3, 2024",
        "Officials said the talks would resume next week.",
    ]
    already = (
        "Sudan talks to resume in Nairobi\n\nAmina Odhiambo / Staff Writer / Updated: May 3, 2024\n\nOfficials said."
    )
    assert html._with_heading(already, page, None) == already
