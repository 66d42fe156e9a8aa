"""The end of the document by GB/T 9704: a sign-off that does not fit under the last lines is
set closer (7.3.5.5) rather than sent to a page of its own, and the end block (版记) lands on
an even page, after a blank page when needed, neither of those two numbered (7.4, 7.5).

Each case is a report grown paragraph by paragraph until the layout hits it, and is then
checked in the PDF read back and, where LibreOffice is installed, in its rendering of the DOCX.
"""

from __future__ import annotations

import ctypes
import io
import re
import sys
import zipfile
from collections.abc import Callable

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

import composer
from composer.compose import compose
from composer.layout import fitting, lay_out
from composer.layout.paged import PagedDocument
from composer.layout.typeset import Fitting, Glyphs
from composer.profile import load_profile

from conftest import REPO, SOFFICE

sys.path.insert(0, str(REPO / "bench"))
import agreement  # noqa: E402

PROFILE = load_profile()
PITCH = PROFILE.line_pitch_pt
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")

# Paragraphs as offices write them: long and short, with digits, quotes and book titles.
FILLERS = [
    "全年办理行政复议案件126件，依法纠错11件，纠错率8.7%，较上年提高2.1个百分点。",
    "制定《青山县重大行政决策程序实施办法》，对重大行政决策事项目录实行动态管理。",
    "开展“八五”普法中期评估。",
    "深化综合行政执法改革，整合执法队伍，推行“局队合一”体制，全面落实行政执法公示、执法全过程记录、重大执法决定法制审核制度。",
    "县政府常务会议学法6次，领导干部旁听庭审实现全覆盖。",
]


def report(paragraphs: int, *, seal: bool = False, attachments: int = 0, end_block: bool = True,
           note: bool = False, plans: str = "加强行政执法队伍建设。") -> composer.Report:
    measures = "".join(f"    - {FILLERS[k % len(FILLERS)]}\n" for k in range(paragraphs))
    text = f"""\
issuer: 青山县司法局
year: 2024
date: 2025-01-20
seal: {'true' if seal else 'false'}
parts:
  measures:
{measures}  shortcomings: [基层法治力量薄弱。]
  leadership: [局主要负责人认真履行第一责任人职责。]
  plans: [{plans}]
"""
    if attachments:
        text += "attachments:\n" + "".join(
            f"  - 青山县司法局2024年度行政执法案件统计表（第{k + 1}部分，含各乡镇、各部门数据）\n"
            for k in range(attachments))
    if note:
        text += "note: 此件公开发布\n"
    if end_block:
        text += "end_block:\n  copy_to: [县委依法治县办, 县人大常委会办公室]\n  printer: 青山县司法局办公室\n" \
                "  print_date: 2025-01-21\n"
    return composer.load(text)


def first(condition: Callable[[PagedDocument], bool], **options: object) -> composer.Report:
    """The shortest such report whose layout meets `condition`."""
    for paragraphs in range(1, 80):
        candidate = report(paragraphs, **options)
        if condition(lay_out(compose(candidate, PROFILE), PROFILE)):
            return candidate
    raise AssertionError("no report of up to 80 paragraphs hits the case")


def pages_of(pdf: bytes) -> list[list[tuple[float, str]]]:
    """Each page's lines, top to bottom, as (baseline from the page's top, text), page numbers too."""
    document = pdfium.PdfDocument(pdf)
    height = PROFILE.page.height.pt
    out = []
    for page in document:
        text = page.get_textpage()
        rows: dict[int, list[tuple[float, float, str]]] = {}
        x, y = ctypes.c_double(), ctypes.c_double()
        for index in range(text.count_chars()):
            char = chr(pdfium_c.FPDFText_GetUnicode(text.raw, index))
            if char.isspace() or not pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y):
                continue
            rows.setdefault(round((height - y.value) / 6), []).append((x.value, height - y.value, char))
        out.append([(chars[0][1], "".join(c for _, _, c in sorted(chars))) for _, chars in sorted(rows.items())])
        text.close()
        page.close()
    document.close()
    return out


def numbered(page: list[tuple[float, str]]) -> bool:
    return any(PAGE_NUMBER.fullmatch(text) for _, text in page)


def body(page: list[tuple[float, str]]) -> list[tuple[float, str]]:
    return [(y, text) for y, text in page if not PAGE_NUMBER.fullmatch(text)]


def libreoffice_pages(report_: composer.Report, folder) -> list[list[tuple[float, str]]]:
    from composer.layout import faces

    substitutes = {PROFILE.face(role): face.family for role, face in faces(PROFILE).items()}
    return pages_of(agreement.libreoffice_pdf(composer.render(report_, "docx"), folder, substitutes))


def signature_page(pages: list[list[tuple[float, str]]]) -> int:
    return next(n for n, page in enumerate(pages) if any("2025年1月20日" in text for _, text in page))


# --- the sign-off set closer --------------------------------------------------------------------


def condensed(paged: PagedDocument) -> bool:
    return bool(paged.fitting.condensed)


@pytest.mark.parametrize("options", [{}, {"seal": True, "attachments": 2, "note": True}],
                         ids=["plain", "seal-attachments-note"])
def test_a_sign_off_one_line_short_is_set_closer_on_the_last_page(options):
    pages = pages_of(composer.render(first(condensed, end_block=False, **options), "pdf"))
    last = pages[-1]
    assert signature_page(pages) == len(pages) - 1
    lines = body(last)
    assert LAST_TEXT in "".join(text for _, text in lines)  # text above the sign-off
    # 23 lines where the grid has 22: a closer pitch, but no closer than 225 mm / 23
    steps = pitches(lines)
    assert PROFILE.page.text_height.pt / 23 - 0.2 < min(steps) <= max(steps) < PITCH - 1, steps
    assert round((lines[-1][0] - lines[0][0]) / max(steps)) == 22
    if len(pages) > 1:
        assert min(pitches(body(pages[-2]))) > PITCH - 0.2  # the page before keeps the grid


def pitches(lines: list[tuple[float, str]]) -> list[float]:
    """The distances between neighbouring lines one line apart."""
    return [b[0] - a[0] for a, b in zip(lines, lines[1:]) if b[0] - a[0] < 1.5 * PITCH]


def test_a_sign_off_more_than_a_line_short_goes_on_with_text_above_it():
    """Seal space, three attachments and a note two or more lines short even at 23 lines: the
    sign-off moves on, with the body's last line, and both pages keep the grid."""
    bottom = PROFILE.page.margin_top.pt + PROFILE.page.text_height.pt

    def pushed(paged: PagedDocument) -> bool:
        if len(paged.pages) < 2 or paged.fitting.condensed:
            return False
        before = [item.baseline for item in paged.pages[-2].items
                  if isinstance(item, Glyphs) and item.origin.kind != "page_number"]
        return max(before) < bottom - 2 * PITCH

    pages = pages_of(composer.render(first(pushed, end_block=False, seal=True, attachments=3, note=True), "pdf"))
    assert LAST_TEXT in "".join(text for _, text in body(pages[-1])), "a page holding only the sign-off"
    assert min(pitches(body(pages[-1])) + pitches(body(pages[-2]))) > PITCH - 0.2


LAST_TEXT = "加强行政执法队伍建设"  # the body's last paragraph

# A last paragraph of three lines or so, as an office's plans for next year often are.
LONG_PLANS = ("2025年，我局将持续深化法治政府建设，重点抓好行政执法能力提升、规范性文件合法性审核和"
              "“八五”普法总结验收三项工作，确保各项任务落到实处。")


def pushed_with_paragraph(paged: PagedDocument) -> bool:
    """The sign-off moved on (not set closer) and the last paragraph's first line would have
    fitted on the page before."""
    if len(paged.pages) < 2 or paged.fitting.condensed:
        return False
    before = [item.baseline for item in paged.pages[-2].items
              if isinstance(item, Glyphs) and item.origin.kind != "page_number"]
    bottom = PROFILE.page.margin_top.pt + PROFILE.page.text_height.pt
    return max(before) < bottom - 2 * PITCH


def test_a_sign_off_moving_on_takes_the_whole_last_paragraph_and_its_heading():
    """GB/T 9704 7.3.5: the sign-off never alone. The paragraph before it goes on whole, with
    its heading, never split by its last lines: the DOCX marks it keep-lines-together and
    keep-with-next, which Word, WPS and LibreOffice read alike (keep-with-next alone Word
    reads as "its last lines", LibreOffice as "all of it")."""
    made = first(pushed_with_paragraph, end_block=False, plans=LONG_PLANS)
    pages = pages_of(composer.render(made, "pdf"))
    last, before = "".join(t for _, t in body(pages[-1])), "".join(t for _, t in body(pages[-2]))
    assert LONG_PLANS in last and "主要安排" in last  # the paragraph and its heading, whole
    assert LONG_PLANS[:10] not in before and "主要安排" not in before
    assert len(body(pages[-1])) >= 5  # heading, three lines or so of text, signature, date
    document = zipfile.ZipFile(io.BytesIO(composer.render(made, "docx"))).read("word/document.xml").decode()
    paragraph = next(p for p in re.findall(r"<w:p>.*?</w:p>", document) if LONG_PLANS[:10] in p)
    assert "<w:keepNext/><w:keepLines/>" in paragraph


# --- the end block on an even page --------------------------------------------------------------


def end_alone_after_odd(paged: PagedDocument) -> bool:
    return len(paged.pages) == 2 and not paged.fitting.blank_page


def blank_before_end(paged: PagedDocument) -> bool:
    return paged.fitting.blank_page


def end_with_text(paged: PagedDocument) -> bool:
    return len(paged.pages) == 2 and not paged.fitting.end_page


def test_an_end_block_after_an_odd_page_goes_on_the_next_page_numbered():
    pages = pages_of(composer.render(first(end_alone_after_odd), "pdf"))
    assert len(pages) == 2
    assert [text for _, text in body(pages[1])][-1].endswith("2025年1月21日印发")
    assert signature_page(pages) == 0
    assert numbered(pages[0]) and numbered(pages[1])


def test_an_end_block_fits_under_the_text_of_an_even_page():
    pages = pages_of(composer.render(first(end_with_text), "pdf"))
    assert len(pages) == 2 and signature_page(pages) == 1
    texts = [text for _, text in body(pages[1])]
    assert "抄送" in texts[-2] and texts[-1].endswith("印发")
    # its last rule on the bottom edge of the text block: the printing line is the last grid line
    bottom = PROFILE.page.margin_top.pt + PROFILE.page.text_height.pt
    assert bottom - PITCH < body(pages[1])[-1][0] < bottom


def test_an_end_block_that_does_not_fit_an_even_page_follows_a_blank_page_neither_numbered():
    pages = pages_of(composer.render(first(blank_before_end), "pdf"))
    assert len(pages) % 2 == 0 and len(pages) >= 4
    assert pages[-2] == []  # blank, no page number either
    assert [text for _, text in pages[-1]][-1].endswith("2025年1月21日印发")
    assert not numbered(pages[-1])
    assert all(numbered(page) for page in pages[:-2])


# --- after a landscape attachment ---------------------------------------------------------------

WIDE_TABLE = {"header": ["序号", "重点任务", "具体措施", "牵头科室", "配合科室", "完成时限", "完成情况"],
              "rows": [[str(n), "规范行政执法", "落实“三项制度”", "法制科", "各执法大队", f"{n}月", "已完成"]
                       for n in range(1, 4)]}


def with_landscape_attachment(paragraphs: int) -> composer.Report:
    """A report whose last attachment is a task table on a landscape page, then the end block."""
    made = report(paragraphs).model_dump(exclude_none=True)
    made["attachments"] = [{"title": "2024年度法治政府建设重点任务完成情况统计表", "content": [{"table": WIDE_TABLE}]}]
    return composer.Report.model_validate(made)


def landscape_last(parity: int) -> tuple[composer.Report, PagedDocument, int]:
    """The shortest such report whose last landscape page is odd (`parity` 1) or even (0), its
    layout and that page's number."""
    for paragraphs in range(1, 60):
        made = with_landscape_attachment(paragraphs)
        paged = lay_out(compose(made, PROFILE), PROFILE)
        landscape = [n for n, page in enumerate(paged.pages, start=1) if page.size is not None]
        if landscape and landscape[-1] % 2 == parity:
            return made, paged, landscape[-1]
    raise AssertionError("no report of up to 60 paragraphs hits the case")


@pytest.mark.parametrize("parity", [1, 0], ids=["landscape-page-odd", "landscape-page-even"])
def test_after_a_landscape_attachment_the_end_block_goes_on_an_even_portrait_page(parity):
    """The body (its landscape attachment last) ending on an odd page: the end block on the
    next, numbered; on an even page: a blank page first, and neither of them numbered."""
    made, paged, last_landscape = landscape_last(parity)
    pages = pages_of(composer.render(made, "pdf"))
    end = len(pages)
    assert end % 2 == 0 and paged.pages[-1].size is None  # an even page, portrait
    assert [text for _, text in body(pages[-1])][-1].endswith("2025年1月21日印发")
    if parity:
        assert end == last_landscape + 1 and numbered(pages[-1])
    else:
        assert end == last_landscape + 2 and pages[-2] == [] and not numbered(pages[-1])
    # the pages before are numbered (a landscape page's number is turned, so the layout says)
    assert all(page.numbered for page in paged.pages[:last_landscape])
    assert numbered(pages[0])


# --- the DOCX breaks where the PDF breaks -----------------------------------------------------

CASES = {
    "condensed": lambda: first(condensed, end_block=False, seal=True, attachments=2, note=True),
    "pushed-with-paragraph": lambda: first(pushed_with_paragraph, end_block=False, plans=LONG_PLANS),
    "condensed-then-end-page": lambda: first(lambda p: condensed(p) and p.fitting.end_page),
    "end-after-odd-page": lambda: first(end_alone_after_odd),
    "blank-page": lambda: first(blank_before_end, attachments=1),
    "landscape-then-end-page": lambda: landscape_last(1)[0],
    "landscape-then-blank-page": lambda: landscape_last(0)[0],
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_docx_alone_repeats_the_pagination_the_layout_finds(case):
    """A DOCX rendered alone counts its lines rather than setting them (layout.fitting): what it
    repeats of the pagination is what the whole layout finds, in every ending there is."""
    document = compose(CASES[case](), PROFILE)
    found = fitting(document, PROFILE)
    assert found == lay_out(document, PROFILE).fitting
    assert found != Fitting() or case == "pushed-with-paragraph"


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; it lays the DOCX out")
@pytest.mark.parametrize("case", list(CASES))
def test_libreoffice_breaks_the_docx_where_the_pdf_breaks(case, tmp_path):
    made = CASES[case]()
    ours = pages_of(composer.render(made, "pdf"))
    theirs = libreoffice_pages(made, tmp_path)
    assert len(theirs) == len(ours)
    for n, (a, b) in enumerate(zip(ours, theirs), start=1):
        assert [t for _, t in body(a)][:1] == [t for _, t in body(b)][:1], f"page {n} starts differently"
        assert [t for _, t in body(a)][-1:] == [t for _, t in body(b)][-1:], f"page {n} ends differently"
        assert numbered(a) == numbered(b), f"page {n}: page number in one and not the other"


def test_a_profile_without_extra_lines_sends_the_sign_off_on_instead(tmp_path):
    overlay = tmp_path / "strict.toml"
    overlay.write_text('[pagination]\nsign_off_extra_lines = { value = 0, unit = "line", clause = "7.3.5.5", '
                       'force = "一般" }\n', encoding="utf-8")
    strict = composer.load_profile(overlay)
    made = first(condensed, end_block=False)
    closer = pages_of(composer.render(made, "pdf"))
    kept = pages_of(composer.render(made, "pdf", profile=strict))
    assert len(kept) == len(closer) + 1
    assert LAST_TEXT in "".join(text for _, text in body(kept[-1]))
    assert min(pitches(body(kept[-2])) + pitches(body(kept[-1]))) > PITCH - 0.2


@pytest.mark.parametrize("printer", ["青山县司法局办公室", "中共青山县委办公室　青山县人民政府办公室",
                                     "青山县人民政府办公室青山县司法局青山县财政局联合办公室"])
def test_a_printer_too_long_to_share_its_line_puts_the_date_under_it(printer):
    """印发机关 left and 印发日期 right on one line (7.4.3), the date on the next line when they
    would run into each other, in the PDF and the DOCX alike."""
    made = report(3).model_dump(exclude_none=True)
    made["end_block"]["printer"] = printer
    made = composer.Report.model_validate(made)
    pages = pages_of(composer.render(made, "pdf"))
    lines = [text for _, text in body(pages[-1])]
    squeezed_printer = "".join(printer.split())
    at = next(k for k, text in enumerate(lines) if text.startswith(squeezed_printer))
    apart = lines[at] == squeezed_printer
    assert lines[at + apart].endswith("2025年1月21日印发")
    assert apart == (len(printer) > 15)  # the short name shares its line, the long ones do not
    with zipfile.ZipFile(io.BytesIO(composer.render(made, "docx"))) as package:
        assert package.read("word/document.xml").count(b"<w:br/>") == (1 if apart else 0)


@pytest.mark.parametrize("condition", [condensed, blank_before_end, end_with_text], ids=lambda c: c.__name__)
def test_several_formats_at_once_are_the_formats_made_one_by_one_from_one_layout(condition, monkeypatch):
    """A batch's DOCX repeats the pagination of the layout its PDF draws, rather than laying
    the pages out again: same bytes as each format made alone, one layout for them all."""
    made = first(condition, seal=condition is condensed)
    alone = {fmt: composer.render_result(made, fmt) for fmt in ("docx", "pdf", "ofd", "txt")}
    import composer.layout.paged as paged_module

    layouts = []
    real = paged_module.lay_out
    monkeypatch.setattr(paged_module, "lay_out", lambda *args: layouts.append(1) or real(*args))
    together = composer.render_results(made, ["docx", "pdf", "ofd", "txt"])
    assert len(layouts) == 1
    assert list(together) == ["docx", "pdf", "ofd", "txt"]
    for fmt, result in alone.items():
        assert together[fmt].data == result.data, fmt
        assert together[fmt].problems == result.problems and together[fmt].pages == result.pages
    assert composer.render_results(made, ["txt"])["txt"].pages is None
