"""A regulation file as users have it → text: ``.txt`` in any common Russian encoding, ``.docx``,
text-layer ``.pdf``, ``.rtf``, a page saved as ``.html``/``.htm`` (or HTML saved under ``.txt``);
every error names the file."""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from graph.errors import InvalidBatch, Problem

__all__ = ["SUFFIXES", "clean", "decode", "html_text", "is_html", "read_text", "rtf_text",
           "tabs_as_cells"]

SUFFIXES = (".txt", ".docx", ".pdf", ".rtf", ".html", ".htm")
# The encodings Russian texts come in besides UTF-8, most common first.
_ENCODINGS = ("cp1251", "koi8_r", "cp866")
# The most frequent lower-case Russian letters: a text decoded with the right code page is full
# of them; decoded with a wrong one it shows capitals, box-drawing characters or Latin.
_FREQUENT = set("оеаинтсрвлкмдпуяы")


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e"
                      "\u2066-\u2069\ufeff\ufffe\uffff\xad]")


def clean(text: str) -> str:
    """The text without what a file's format leaves in it: form feeds, soft hyphens,
    zero-width and direction marks; tabs and non-breaking spaces as spaces.

    >>> clean("Совет\\x0c\\tметоди\\xadческий\\u00a0центр\\r\\n")
    'Совет методический центр\\n'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\t", " ").replace("\xa0", " ").replace("\u2028", "\n")
    return _CONTROL.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)


def _problem(path: Path, message: str, message_ru: str, line: int | None = None) -> InvalidBatch:
    return InvalidBatch([Problem(message, path.name, line, None, message_ru)])


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file's bytes and the encoding it was in (a byte-order mark is dropped).

    >>> decode("Положение".encode("cp1251"))
    ('Положение', 'cp1251')
    >>> decode(codecs.BOM_UTF8 + "1. Общие положения".encode())
    ('1. Общие положения', 'utf-8-sig')
    >>> decode("Функции службы".encode("koi8_r"))[1], decode("Функции".encode("cp866"))[1]
    ('koi8_r', 'cp866')
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best, best_score, best_text = "cp1251", -1, ""
    for enc in _ENCODINGS:
        text = data.decode(enc, errors="replace")
        score = sum(1 for c in text if c in _FREQUENT) - 10 * text.count("\ufffd")
        if score > best_score:
            best, best_score, best_text = enc, score, text
    return best_text, best


def read_text(path: Path) -> str:
    """The text of a regulation file, whatever of the supported forms it comes in.

    Raises :class:`~graph.errors.InvalidBatch` naming the file when it cannot be read, is of
    an unsupported kind, or is a scanned PDF without a text layer.
    """
    suffix = path.suffix.lower()
    if suffix == ".doc":
        raise _problem(path, "cannot read .doc (the old Word format): open it in Word or "
                             "LibreOffice and save it as .docx (or .rtf, .txt)",
                       "формат .doc не читается: откройте файл в Word или LibreOffice и "
                       "сохраните как .docx (или .rtf, .txt)")
    if suffix not in SUFFIXES:
        raise _problem(path, f"cannot read {suffix or 'a file without an extension'}: a "
                             "regulation is a .txt, .docx, .pdf, .rtf or .html file",
                       "нормативный документ принимается как .txt, .docx, .pdf, .rtf или .html")
    try:
        if suffix == ".docx":
            return clean(_docx(path))
        if suffix == ".rtf":
            return clean(rtf_text(path.read_bytes()))
        if suffix == ".pdf":
            return clean(_pdf(path))
        text = decode(path.read_bytes())[0]
        if suffix in (".html", ".htm") or is_html(text):
            return clean(html_text(text))
        return clean(tabs_as_cells(text))
    except InvalidBatch:
        raise
    except Exception as e:  # a broken file: the libraries raise many kinds of error
        raise _problem(path, f"cannot read the file: {type(e).__name__}: {e}",
                       f"не удаётся прочитать файл: {e}") from e


def _docx(path: Path) -> str:
    """Paragraphs (and table cells) of a Word document; automatically numbered paragraphs,
    whose numbers Word computes and the file does not hold, become list items."""
    import docx

    document = docx.Document(str(path))
    lines = []
    for p in document.paragraphs:
        text = p.text.strip()
        props = p._p.pPr
        auto_numbered = props is not None and props.numPr is not None
        lines.append(f"- {text}" if auto_numbered and text else text)
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text.strip() for c in row.cells))
    return "\n".join(lines)


def rtf_text(data: bytes) -> str:
    """The text of an RTF document (striprtf); its letters in the code page it declares.

    >>> rtf_text(rb"{\\rtf1\\ansi\\ansicpg1251 1.1. \\'d1\\'ee\\'e2\\'e5\\'f2\\par}")
    '1.1. Совет\\n'
    """
    from striprtf.striprtf import rtf_to_text

    raw = data.decode("cp1251", errors="replace")  # control words are ASCII; stray bytes Russian
    page = re.search(r"\\ansicpg(\d+)", raw)
    text = str(rtf_to_text(raw, encoding=f"cp{page.group(1)}" if page else "cp1251",
                           errors="replace"))
    # a table's row comes as "cell|cell|": written as the .docx reader writes one, "cell | cell"
    return "\n".join(" | ".join(c.strip() for c in line.rstrip("|").split("|"))
                     if line.endswith("|") else line for line in text.split("\n"))


_CELL_TAB = re.compile(r"(?<=\S)\t+(?=\S)")
_MARKER_TAB = re.compile(r"^(\s*(?:\d{1,3}(?:\.\d{1,3})*\.?|[-–—•●·▪]|[а-яa-z\d]{1,2}\)))\t+")


def tabs_as_cells(text: str) -> str:
    """A table saved from Word as text has its cells separated by tabs: where several lines are
    so, their cells are joined by " | " as the .docx reader joins them; a tab after a clause
    number or an item marker ("1.1.<tab>Текст") is a space.

    >>> tabs_as_cells("1.1.\\tТекст\\nМинистерство\\tутверждение плана\\nИРО\\tдиагностика")
    '1.1. Текст\\nМинистерство | утверждение плана\\nИРО | диагностика'
    >>> tabs_as_cells("Совет\\tметодический центр")  # one line: a tab is a space
    'Совет\\tметодический центр'
    """
    lines = [_MARKER_TAB.sub(r"\1 ", line) for line in text.split("\n")]
    if sum(1 for line in lines if _CELL_TAB.search(line)) < 2:
        return "\n".join(lines)
    return "\n".join(_CELL_TAB.sub(" | ", line) for line in lines)


# A tag as HTML writes it: "<p", "</li>", "<br/>", "<o:p>", "<!DOCTYPE" (not "a < b", "<5 %").
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9:-]*(?:\s[^<>]*)?/?>|<!(?:DOCTYPE|doctype|--)")
_HTML_START = re.compile(r"^\s*(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
    "td", "tfoot", "th", "thead", "title", "tr", "ul"})
# What a page holds that is not its text: scripts, styles, the head's metadata, forms' controls.
# A site's navigation and footer (menus, breadcrumbs, contacts) are not the regulation either.
_DROPPED = frozenset({"script", "style", "head", "noscript", "template", "svg", "select",
                      "button", "iframe", "object", "nav", "footer"})


def is_html(text: str) -> bool:
    """Whether a text (a ``.txt`` as the user has it) is a web page's HTML: it opens with a
    doctype or ``<html``, or its tags are many and stand in most of its lines. A text that merely
    mentions "<" (a comparison, "<5 %") is not.

    >>> is_html("<!DOCTYPE html><html><body><p>1.1. Совет</p></body></html>")
    True
    >>> is_html("<p>1.1. Совет создаётся.</p>\\n<p>1.2. Совет действует.</p>\\n<ul><li>а</li></ul>")
    True
    >>> is_html("1.1. Доля школ, где результат < 50 %, и где <b> не тег\\n1.2. Совет")
    False
    """
    if _HTML_START.match(text):
        return True
    tags = _TAG.findall(text)
    lines = [line for line in text.split("\n") if line.strip()]
    tagged = sum(1 for line in lines if _TAG.search(line))
    return len(tags) >= 3 and tagged * 2 > len(lines)


class _Text(HTMLParser):
    """The text of an HTML page: block elements and ``<br>`` end lines, ``<li>`` an item line
    ("- …"), a table's cells joined by " | " (as the .docx reader joins them), scripts, styles and
    the head dropped, entities unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.dropped = 0
        self.cells: list[str] | None = None
        self.pre = 0

    def _end_line(self) -> None:
        text = "".join(self.line)
        self.line = []
        if self.cells is not None:
            text = " ".join(text.split())
            if text:
                self.cells[-1] = f"{self.cells[-1]} {text}".strip() if self.cells else text
            return
        if self.pre:
            self.lines.extend(text.split("\n"))
        elif text.strip():
            self.lines.append(" ".join(text.split()))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        tag = tag.lower()
        if tag in _DROPPED:
            self.dropped += 1
            return
        if self.dropped:
            return
        if tag == "tr":
            self._end_line()
            self.cells = []
        elif tag in ("td", "th") and self.cells is not None:
            self._end_line()
            self.cells.append("")
        elif tag == "br":
            if self.cells is None:
                self._end_line()
            else:
                self.line.append(" ")
        elif tag in _BLOCKS:
            self._end_line()
            if tag == "li":
                self.line.append("- ")
            elif tag == "pre":
                self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag.lower() not in _DROPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        tag = tag.lower()
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
            return
        if self.dropped:
            return
        if tag == "tr" and self.cells is not None:
            self._end_line()
            cells, self.cells = self.cells, None
            if any(cells):
                self.lines.append(" | ".join(c.strip() for c in cells))
        elif tag in ("td", "th") and self.cells is not None:
            self._end_line()
        elif tag in _BLOCKS:
            self._end_line()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data: str) -> None:
        if not self.dropped:
            self.line.append(data)


def html_text(html: str) -> str:
    """The text of a regulation saved as a web page (a site's page, Word's "save as HTML", a
    fragment): one line a paragraph, heading or list item, entities unescaped.

    >>> html_text("<h2>1. Общие</h2><p>1.1.&nbsp;Совет &laquo;Охта&raquo;<br>создан.</p>"
    ...           "<ul><li>экспертиза;</li><li>анализ.</li></ul><script>var a = 1;</script>")
    '1. Общие\\n1.1. Совет «Охта»\\nсоздан.\\n- экспертиза;\\n- анализ.'
    >>> html_text("<table><tr><td>Центр</td><td>мониторинг</td></tr></table>")
    'Центр | мониторинг'
    """
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._end_line()
    if parser.cells:
        parser.lines.append(" | ".join(c.strip() for c in parser.cells))
    return "\n".join(parser.lines).strip()


def _pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not the user's
    reader = PdfReader(str(path))
    if reader.is_encrypted:
        raise _problem(path, "the PDF is encrypted: save it without a password first",
                       "PDF защищён паролем: сохраните его без пароля")
    pages = [page.extract_text() or "" for page in reader.pages]
    letters = sum(1 for page in pages for c in page if c.isalpha())
    if letters < 20 * max(1, len(pages)):
        raise _problem(path, f"the PDF has no text layer ({len(pages)} page(s) of images, as a "
                             "scan): recognise its text (OCR) or give the .docx or .txt",
                       "в PDF нет текстового слоя (скан): распознайте текст или дайте "
                       ".docx или .txt")
    return "\n".join(pages)
