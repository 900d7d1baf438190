"""Regulations as users have them: one file in any common encoding, .docx, .pdf; metadata from
options; `methodnet regulations show` and `check`; a territory the gazetteer does not know."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.errors import InvalidBatch, NodeNotFound
from graph.loaders.regulations import (
    Gazetteer,
    RegulationMeta,
    load_regulation_file,
    read_regulation_file,
    read_regulation_path,
)
from graph.loaders.regulations.source import decode, read_text
from graph.queries.regulations import regulation_extract
from graph.queries.scope import Scope
from graph.store import MemoryStore, Store

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "data" / "regulations_corpus"
FILES = HERE / "data" / "regulations_files"
EMPTY = Gazetteer([], [], [])
runner = CliRunner()


def _meta(reg_id: str = "reg-t", **more: object) -> RegulationMeta:
    return RegulationMeta.model_validate({"id": reg_id, "title": "Положение", **more})


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8_r", "cp866"])
def test_common_russian_encodings_are_recognised(encoding: str) -> None:
    text = (CORPUS / "07-young-teachers-council.txt").read_text(encoding="utf-8")
    # KOI8-R and CP866 have no dashes or angle quotes: a text in them has none.
    text = "".join(c if c.encode(encoding, errors="ignore") else "-" for c in text)
    got, found = decode(text.encode(encoding))
    assert got == text
    assert found == encoding


def test_a_windows_1251_file_loads_without_a_traceback() -> None:
    doc = read_regulation_file(CORPUS / "09-cp1251.txt", _meta(territory_id="RU-TVE-rzhev"),
                               EMPTY)
    assert len([n for n in doc.batch.nodes.values() if n.label == "Clause"]) == 10


def test_a_byte_order_mark_is_dropped_and_the_first_line_is_a_clause() -> None:
    assert read_text(CORPUS / "10-bom-first-clause.txt").startswith("1. Общие положения")
    doc = read_regulation_file(CORPUS / "10-bom-first-clause.txt", _meta(), EMPTY)
    assert doc.batch.nodes["reg-t:1"].props["title"] == "Общие положения"


def _rtf(text: str) -> bytes:
    """An RTF document as Word writes a Russian text: letters as \\'xx in code page 1251."""
    body = "".join(f"\\'{b:02x}" if b > 127 else chr(b)
                   for b in text.replace("\n", "\\par\n").encode("cp1251"))
    return ("{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0 "
            + body + "}").encode("ascii")


def test_an_rtf_document(tmp_path: Path) -> None:
    path = tmp_path / "council.rtf"
    path.write_bytes(_rtf((CORPUS / "40-city-council.txt").read_text(encoding="utf-8")))
    doc = read_regulation_file(path, _meta(territory_id="RU-KEM-novokuznetsk"), EMPTY)
    numbers = [n.props["number"] for n in doc.batch.nodes.values() if n.label == "Clause"]
    assert numbers == ["1", "1.1", "1.2", "2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.2", "2.2.1",
                       "2.2.2"]
    council = next(n for n, r in doc.batch.nodes.items() if r.label == "Organization"
                   and r.props["kind"] == "council")
    assert doc.duties_of(council)[0] == "определение приоритетных направлений методической " \
        "работы в городе"


def test_a_word_document(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in (CORPUS / "07-young-teachers-council.txt").read_text("utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "council.docx"
    document.save(str(path))
    doc = read_regulation_file(path, _meta(territory_id="RU-TVE-torzhok"), EMPTY)
    council = next(n.id for n in doc.batch.nodes.values() if n.label == "Organization"
                   and n.props["name"] == "Совет молодых педагогов города Торжка")
    assert len(doc.duties_of(council)) == 6


def test_a_pdf_with_a_text_layer() -> None:
    # pool.pdf: 10-bom-first-clause.txt printed to PDF (its lines wrap as a PDF's do).
    doc = read_regulation_file(FILES / "pool.pdf", _meta(territory_id="RU-PSK-porkhovsky",
                                                          level="municipal"), EMPTY)
    numbers = sorted(n.props["number"] for n in doc.batch.nodes.values() if n.label == "Clause")
    assert numbers == ["1", "1.1", "1.2", "1.3", "2", "2.1", "3", "3.1", "3.2"]
    low = [d for d in doc.duties if "low_results_support" in d.categories]
    assert [d.clause_number for d in low] == ["2.1"]


def test_a_scanned_pdf_is_refused_by_name(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as f:
        writer.write(f)
    with pytest.raises(InvalidBatch, match="no text layer") as e:
        read_regulation_file(path, _meta(), EMPTY)
    assert e.value.problems[0].where == "scan.pdf"


@pytest.mark.parametrize(("name", "content", "match"), [
    ("letter.odt", b"PK", r"\.txt, \.docx, \.pdf, \.rtf or \.html"),
    ("old.doc", b"\xd0\xcf\x11\xe0", r"\.doc \(the old Word format\).*save it as \.docx"),
    ("broken.docx", b"not a zip", "cannot read the file"),
])
def test_unreadable_files_are_named(tmp_path: Path, name: str, content: bytes,
                                    match: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InvalidBatch, match=match) as e:
        read_regulation_file(path, _meta(), EMPTY)
    assert e.value.problems[0].where == name


def test_a_text_without_bodies_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("Уважаемые коллеги!\nПросим прислать отчёты до пятницы.\n", "utf-8")
    with pytest.raises(InvalidBatch, match="no body found") as e:
        read_regulation_file(path, _meta(), EMPTY)
    assert e.value.problems[0].where == "letter.txt"
    doc = read_regulation_file(path, _meta(), EMPTY, force=True)
    assert doc.report.skipped  # what it could not read is listed, with lines


def test_metadata_from_options_the_title_from_the_text() -> None:
    _, _, doc = read_regulation_path(CORPUS / "08-pdf-joined.txt", options={"level": "municipal"})
    assert doc.meta.id == "reg-08-pdf-joined"
    assert doc.meta.title.startswith("Положение о районном методическом совете")
    with pytest.raises(InvalidBatch, match="level"):
        read_regulation_path(CORPUS / "08-pdf-joined.txt", options={"level": "district"})
    # a «Порядок», a charter, recommendations and a road map are kinds of act of their own
    for kind in ("procedure", "charter", "recommendations", "plan"):
        _, _, doc = read_regulation_path(CORPUS / "08-pdf-joined.txt",
                                         options={"act_kind": kind})
        assert doc.meta.act_kind == kind
    # … and may be given by their Russian names, as a title page writes them
    for word, kind in (("Порядок", "procedure"), ("дорожная карта", "plan"),
                       ("Положение", "regulation")):
        _, _, doc = read_regulation_path(CORPUS / "08-pdf-joined.txt",
                                         options={"act_kind": word})
        assert doc.meta.act_kind == kind
    with pytest.raises(InvalidBatch, match="act_kind"):
        read_regulation_path(CORPUS / "08-pdf-joined.txt", options={"act_kind": "letter"})


def test_an_unknown_territory_loads_on_both_stores(store: Store) -> None:
    path = CORPUS / "03-municipal-imc.txt"
    options: dict[str, object] = {"id": "reg-imc", "territory_id": "RU-TVE-rzhev",
                                  "level": "municipal"}
    load_regulation_file(store, path, options=options)
    again, _ = load_regulation_file(store, path, options=options)
    assert not again.changed
    assert store.get_node("RU-TVE-rzhev") is not None
    x = regulation_extract(store, "reg-imc")
    # its truth's thirteen: «Функции и полномочия учредителя осуществляет Управление» (1.2),
    # «Координацию деятельности центра осуществляет Управление» (1.4) and
    # «Изменения в Положение вносятся приказом Управления» (5.1) among them
    assert len(x.duties) == 13
    assert {(r["type"], r["clause"]) for r in x.relations} >= {
        ("SUBORDINATE_TO", "1.3"), ("COORDINATES", "1.4"), ("ATTACHED_TO", "3.2")}
    imc = next(b for b in x.bodies if "ИМЦ" in b["names"])
    assert (imc["kind"], imc["level"]) == ("methodological_service", "municipal")
    assert "low_results_support" in imc["categories"]


def test_a_caller_sees_only_the_bodies_of_their_territory() -> None:
    store = MemoryStore()
    load_regulation_file(store, CORPUS / "03-municipal-imc.txt",
                         options={"id": "reg-imc", "territory_id": "RU-TVE-rzhev"})
    mine = regulation_extract(store, "reg-imc", scope=Scope.of(["RU-TVE-rzhev"]))
    assert mine.bodies
    with pytest.raises(NodeNotFound):  # another territory's regulation is not shown at all
        regulation_extract(store, "reg-imc", scope=Scope.of(["RU-PSK"]))


@pytest.fixture
def cli_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store"
    monkeypatch.setenv("METHODNET_STORE_PATH", str(path))
    monkeypatch.setenv("METHODNET_STORE", "memory")
    return path


def test_load_one_file_then_show_it_in_every_format(cli_store: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", str(CORPUS / "09-cp1251.txt"), "--id", "reg-gms",
                                 "--territory", "RU-TVE-rzhev", "--level", "municipal", "-q"])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["regulations", "show", "reg-gms", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    data = json.loads(shown.stdout)
    assert data["regulation"]["territory_id"] == "RU-TVE-rzhev"
    assert {d["clause"] for d in data["duties"]} == {"1.2", "2.1", "2.2", "3.1", "3.2"}
    csv = runner.invoke(app, ["regulations", "show", "reg-gms", "--format", "csv"])
    assert csv.stdout.splitlines()[0] == "section,clause,subject,what,text"
    out = tmp_path / "gms.xlsx"
    xlsx = runner.invoke(app, ["regulations", "show", "reg-gms", "--format", "xlsx",
                               "--out", str(out)])
    assert xlsx.exit_code == 0, xlsx.output
    from openpyxl import load_workbook

    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert ("duty", "3.1") in {r[:2] for r in rows}
    table = runner.invoke(app, ["regulations", "show", "reg-gms"])
    assert "not understood" in table.stdout or "relations" in table.stdout
    missing = runner.invoke(app, ["regulations", "show", "reg-nope"])
    assert missing.exit_code == 1 and "reg-nope" in missing.output


def test_check_writes_nothing(cli_store: Path) -> None:
    result = runner.invoke(app, ["regulations", "check", str(CORPUS / "08-pdf-joined.txt"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # seven listed duties, «Организационно-техническое обеспечение деятельности РМС
    # осуществляет МКУ «ОРМК»» (1.3) and «Положение утверждается приказом Отдела образования»
    # (4.1)
    assert len(data["clauses"]) == 11 and len(data["duties"]) == 9
    assert all("why" in r for r in data["unread"])
    assert not cli_store.exists()


def test_load_refuses_a_file_it_reads_nothing_from(cli_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_bytes("Уважаемые коллеги!\nПросим прислать отчёты.\n".encode("cp1251"))
    result = runner.invoke(app, ["load", str(path), "-q"])
    assert result.exit_code == 1
    assert "letter.txt" in result.output and "Traceback" not in result.output
    forced = runner.invoke(app, ["load", str(path), "-q", "--force"])
    assert forced.exit_code == 0, forced.output


def test_a_bom_is_not_part_of_the_text() -> None:
    raw = (CORPUS / "10-bom-first-clause.txt").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert not read_text(CORPUS / "10-bom-first-clause.txt").startswith("\ufeff")


def test_tables_saved_as_text_or_rtf_keep_their_cells(tmp_path: Path) -> None:
    head = ("1. Функции\n1.1. Институт развития образования (далее – ИРО) и Министерство "
            "образования области (далее – Министерство) действуют.\n1.2. Функции участников:\n")
    txt = tmp_path / "model.txt"
    txt.write_bytes((head + "Министерство\tутверждение плана; контроль\nИРО\tдиагностика "
                     "педагогов\n").encode("cp1251"))
    rows = "".join(f"\\trowd\\cellx2000\\cellx6000 \\intbl {a}\\cell {b}\\cell\\row "
                   for a, b in (("Министерство", "утверждение плана; контроль"),
                                ("ИРО", "диагностика педагогов")))
    rtf = tmp_path / "model.rtf"
    rtf.write_bytes(_rtf(head)[:-1] + "".join(
        f"\\'{b:02x}" if b > 127 else chr(b) for b in rows.encode("cp1251")).encode() + b"}")
    for path in (txt, rtf):
        assert "Министерство | утверждение плана; контроль" in read_text(path)
        doc = read_regulation_file(path, _meta(territory_id="RU-TST", level="regional"), EMPTY)
        texts = sorted(d.text for d in doc.duties)
        assert texts == ["диагностика педагогов", "контроль", "утверждение плана"], path.name
