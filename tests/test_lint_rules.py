"""Each lint rule on real-looking report text: what it catches, where, and what it leaves alone."""

from __future__ import annotations

from composer.lint import fix_file, lint_document, lint_file, text_document, yaml_document
from composer.profile import load_profile

# A first part long enough to be a real one (S004), with nothing for any rule to say.
MEASURES = (
    "    - 2024年，我局深入学习贯彻习近平法治思想，严格依法履行职责，全年召开专题会议4次，审查规范性文件"
    "12件，办理行政复议案件36件，开展行政执法检查85次，组织普法活动20余场，法治政府建设各项工作有序推进，"
    "群众满意度持续提升。\n"
)
REST = (
    "  shortcomings:\n    - 行政执法人员专业能力仍需提升，执法监督的信息化水平不高。\n"
    "  leadership:\n    - 局主要负责人认真履行推进法治建设第一责任人职责，专题研究法治建设工作4次。\n"
    "  plans:\n    - 2025年，我局将继续加强行政执法队伍建设，推进执法监督平台应用。\n"
)


def report(measures: str = MEASURES, *, top: str = "", rest: str = REST, date: str = "2025-01-20") -> str:
    """A report of 2024 by a county bureau; `measures` is part one's YAML (items at indent 4)."""
    return f"issuer: 青山县司法局\nyear: 2024\ndate: {date}\n{top}parts:\n  measures:\n{measures}{rest}"


def section(heading: str, text: str = "具体工作情况。", run_in: bool = False) -> str:
    switch = "      run_in: true\n" if run_in else ""
    return f"    - heading: {heading}\n{switch}      content:\n        - {text}\n"


def lint_yaml(text: str, disable=()):
    return lint_document(yaml_document(text, "t.yaml", load_profile()), disable)


def findings_in(line: str, code: str):
    """What one rule says about one line of text (as lint reads a source text)."""
    return [f for f in lint_document(text_document(line, "t.txt", load_profile())) if f.code == code]


def columns(line: str, code: str) -> list[int]:
    return [f.location.column for f in findings_in(line, code)]


# One report per rule that the rule must flag: the catalogue test_lint.py switches off one by one.
TRIGGERS = {
    "S001": report(rest=REST.split("  plans:")[0]),
    "S002": report(rest="  shortcomings:\n    - 专业能力仍需提升，执法监督的信息化水平不高。\n"
                   "  plans:\n    - 2025年，我局将继续加强行政执法队伍建设。\n"
                   "  leadership:\n    - 局主要负责人认真履行推进法治建设第一责任人职责。\n"),
    "S003": report(rest=REST.replace("  shortcomings:\n    - 行政执法人员专业能力仍需提升，执法监督的信息化水平不高。\n",
                                     "  shortcomings: []\n")),
    "S004": report(rest=REST.replace("行政执法人员专业能力仍需提升，执法监督的信息化水平不高。", "无。")),
    "S005": report(MEASURES + section("1.加强组织领导。") + section("2.严格规范执法。")),
    "S006": report(MEASURES + section("加强组织领导。")),
    "S007": report(rest=REST + "    - 附件：1.重点任务完成情况统计表\n", top="attachments: [重点工作台账]\n"),
    "P001": report(MEASURES.replace("履行职责，全年", "履行职责,全年")),
    "P002": report(MEASURES.replace("群众满意度", "（一)群众满意度")),
    "P003": report(MEASURES + "    - 开展「法治宣传进万家」活动。\n" + "    - 开展“法治宣传进乡村”活动，开展“宪法宣传周”活动。\n"),
    "P004": report(MEASURES.replace("履行职责，全年", "履行职责，，全年")),
    "P005": report(section("加强组织领导。") + section("依法全面履行职能。") + section("严格规范公正文明执法")),
    "P006": report(section("加强组织领导", "县政府常务会议专题研究法治政府建设工作6次。", run_in=True)
                   + section("严格规范执法。", "开展执法检查。", run_in=True)),
    "P007": report(MEASURES + "    - 完成第 #3 号重点任务，共 12 项。\n"),
    "N001": report(MEASURES.replace("2024年，", "2024年03月，")),
    "N002": report(MEASURES + "    - 印发《青山县法治政府建设实施方案》（青政办发[2024]12号）。\n"),
    "N004": report(MEASURES + "    - 全年办理行政复议案件３６件。\n"),
    "N003": report(MEASURES + "    - 2026年6月，我局完成执法案卷评查。\n"),
    "D001": report(date="2025-04-10"),
    "W001": report(MEASURES + "    - 同意建设建设“3+1+N”区域类综合性中试基地。\n"),
    "W002": report(MEASURES + "    - 我们的的工作取得进展。\n"),
    "W003": report(MEASURES + "    - 制定了《青山县司法局党政主要负责人履行推进法治建设第一责任人职责2024年度工作清》。\n"),
    "L001": report(top="title: 青山县司法局关于2024年度推进法治政府建设与法治社会建设一体化工作及党政主要负责人履行职责情况的报告\n"),
    "L002": report(section("对科技局的权责清单进行了梳理，对“互联网+监管”工作进行了录入。") + section("严格规范执法。")),
    "I001": report(top="header:\n  mark: 青山县人民政府文件\n"),
    "I002": report(top="title: 青山县人民政府　中共青山县委员会2024年法治政府建设年度报告\n").replace(
        "issuer: 青山县司法局\n", "issuers: [中共青山县委员会, 青山县人民政府]\n"),
}


def test_the_base_report_is_clean():
    assert lint_yaml(report()) == []


# --- structure -------------------------------------------------------------------------------


def test_every_missing_part_is_reported_not_only_the_first():
    text = report(rest="  leadership:\n    - 局主要负责人认真履行推进法治建设第一责任人职责。\n")
    missing = [f for f in lint_yaml(text) if f.code == "S001"]
    assert [f.params["key"] for f in missing] == ["shortcomings", "plans"]
    assert {(f.location.line, f.location.column, f.severity) for f in missing} == {(4, 1, "error")}


def test_parts_out_of_order_and_empty():
    (order,) = [f for f in lint_yaml(TRIGGERS["S002"]) if f.code == "S002"]
    assert (order.location.line, order.params["key"], order.params["before_key"]) == (11, "leadership", "plans")
    (empty,) = [f for f in lint_yaml(TRIGGERS["S003"]) if f.code == "S003"]
    assert (empty.location.line, empty.params["key"]) == (7, "shortcomings")


def test_suspiciously_short_part():
    (short,) = [f for f in lint_yaml(TRIGGERS["S004"]) if f.code == "S004"]
    assert (short.location.line, short.location.column, short.params["chars"]) == (7, 3, 2)
    assert short.message() == "第二部分“存在的不足和原因”只有 2 个字，内容过少（一般不少于 20 字）"


def test_a_marker_of_another_level_in_a_yaml_heading():
    found = [f for f in lint_yaml(TRIGGERS["S005"]) if f.code == "S005"]
    assert [(f.location.line, f.location.column) for f in found] == [(7, 16), (10, 16)]
    assert found[0].message() == "标题层次不对：“1.”是第3级序号，却写在第2级，排印时将编为“（一）”"
    # A marker of the right level is simply dropped by the model: nothing to say.
    assert not [f for f in lint_yaml(report(MEASURES + section("（一）加强领导。") + section("（二）严格执法。"))) if f.code == "S005"]


def test_a_level_skipped_in_a_source_text(tmp_path):
    """1. directly under 一、 in a web copy: the importer makes it （一）, lint says why it looks off."""
    source = tmp_path / "draft.txt"
    source.write_text(
        "青山县司法局2024年法治政府建设年度报告\n\n"
        "一、2024年推进法治政府建设的主要举措和成效\n"
        "1.加强组织领导\n" + MEASURES.strip(" -\n") + "\n"
        "2.严格规范执法\n开展执法检查85次，评查案卷120卷。\n"
        "二、存在的不足和原因\n行政执法人员专业能力仍需提升，执法监督的信息化水平不高。\n"
        "三、党政主要负责人履行第一责任人职责情况\n局主要负责人认真履行推进法治建设第一责任人职责，专题研究法治建设工作4次。\n"
        "四、2025年推进法治政府建设的主要安排\n2025年，我局将继续加强行政执法队伍建设，推进执法监督平台应用。\n\n"
        "青山县司法局\n2025年1月20日\n",
        encoding="utf-8",
    )
    findings = lint_file(source)
    assert [(f.location.line, f.location.column, f.code) for f in findings] == [(4, 1, "S005"), (6, 1, "S005")]
    assert findings[0].message() == "标题层次不对：“1.”是第3级序号，却写在第2级，排印时将编为“（一）”"
    assert findings[0].where == ("一、主要举措和成效 / （一）标题", "part 1 / （一） heading")


def test_a_lone_sub_item():
    (lone,) = [f for f in lint_yaml(TRIGGERS["S006"]) if f.code == "S006"]
    assert (lone.location.line, lone.location.column) == (7, 16)
    assert lone.message() == "“（一）加强组织领导。”是唯一的下级标题：只有一项时不宜单独分级"
    assert not [f for f in lint_yaml(TRIGGERS["P005"]) if f.code == "S006"]


# --- punctuation -----------------------------------------------------------------------------


def test_half_width_punctuation_in_chinese_text_and_its_fix():
    (comma,) = findings_in("按照要求,根据规定开展工作。", "P001")
    assert (comma.location.column, comma.params["new"]) == (5, "，")
    assert columns("(一)加强组织领导:坚持“三重一大”", "P001") == [1, 3, 10]
    # Numbers, times, ranges and Latin text keep their marks.
    assert findings_in("投入资金1,000万元，13:25召开，2020-2025年，see p. 3, line 2", "P001") == []
    # A document number's brackets are N002's: fixed to 〔〕, not to （）.
    assert columns("（同信用办发(2022)1号）", "P001") == []


def test_unbalanced_brackets_and_quotes():
    (mixed,) = findings_in("（一)加强组织领导", "P002")
    assert (mixed.location.column, mixed.message()) == (3, "括号或引号不成对：此处的 ) 与 （ 不配对，应为全角 ）")
    assert columns("中心(北方天力公司）", "P002") == [3]
    assert columns("印发《青山县法治政府建设实施方案的通知", "P002") == [3]
    assert columns("这是一个说明）", "P002") == [7]
    assert columns("开展“法治宣传进万家”活动（含“宪法宣传周”）", "P002") == []
    assert columns("在Xi’an召开", "P002") == []


def test_mixed_quote_styles():
    found = [f for f in lint_yaml(TRIGGERS["P003"]) if f.code == "P003"]
    assert [(f.location.line, f.location.column, f.params["mark"]) for f in found] == [(7, 9, "「")]


def test_repeated_punctuation():
    assert columns("召开会议，，研究部署。。下一步、、工作，。", "P004") == [5, 11, 16, 20]
    assert columns("等等……下一步——继续，1,,2", "P004") == []


def test_heading_endings_differ_from_siblings():
    (odd,) = [f for f in lint_yaml(TRIGGERS["P005"]) if f.code == "P005"]
    assert (odd.location.line, odd.location.column) == (12, 25)
    assert odd.message() == "小标题句末没有标点，同级其他小标题用“。”，宜统一"
    # A run-in heading ends with 。 by nature; a heading on its own line may not: no alarm.
    mixed = report(section("坚持党的领导。", "常务会议研究6次。", run_in=True) + section("依法全面履行政府职能"))
    assert not [f for f in lint_yaml(mixed) if f.code == "P005"]


def test_run_in_heading_without_final_punctuation():
    (found,) = [f for f in lint_yaml(TRIGGERS["P006"]) if f.code == "P006"]
    assert (found.location.line, found.location.column, found.params["heading"]) == (6, 21, "加强组织领导")


def test_a_comment_cutting_a_paragraph_short_is_pointed_at_not_a_comment_after_a_key():
    (found,) = [f for f in lint_yaml(TRIGGERS["P007"]) if f.code == "P007"]
    line = TRIGGERS["P007"].splitlines()[found.location.line - 1]
    assert line[found.location.column - 1:] == "#3 号重点任务，共 12 项。" and found.params["comment"] == line.split(" ", 6)[-1]
    annotated = TRIGGERS["P007"].replace("issuer: 青山县司法局", "issuer: 青山县司法局 # 发文机关")
    quoted = annotated.replace("- 完成第 #3 号重点任务，共 12 项。", '- "完成第 #3 号重点任务，共 12 项。"')
    assert "issuer: 青山县司法局 # 发文机关" in quoted and "P007" not in {f.code for f in lint_yaml(quoted)}


# --- numbers and dates -------------------------------------------------------------------------


def test_dates_with_leading_zeros():
    (date,) = findings_in("2023年03月05日，召开推进会；12月7日再次召开。", "N001")
    assert (date.location.column, date.params["fixed"]) == (6, "2023年3月5日")
    assert findings_in("2023年10月20日、2023年3月5日、1-9月", "N001") == []


def test_numbers_in_full_width_digits_and_their_fix(tmp_path):
    found = findings_in("新建道路１２６０公里，办结率９８．６％，第3季度，２０２４年", "N004")
    assert [(f.location.column, f.params["number"], f.params["fixed"]) for f in found] == [
        (5, "１２６０", "1260"), (15, "９８．６", "98.6"), (26, "２０２４", "2024")]
    assert findings_in("新建道路1260公里，办结率98.6%", "N004") == []
    path = tmp_path / "report.yaml"
    path.write_text(report(MEASURES + "    - 全年办理行政复议案件３６件，办结率９８．６％。  # 复议\n"), encoding="utf-8")
    fix_file(path)
    assert "    - 全年办理行政复议案件36件，办结率98.6％。  # 复议\n" in path.read_text(encoding="utf-8")


def test_document_numbers_with_the_wrong_brackets():
    line = "依据同科字[2024]5号、同科字【2024】6号、同科字(2024)7号、晋科函﹝2023﹞45号和同科字〔2024〕8号"
    found = findings_in(line, "N002")
    assert [f.params["number"] for f in found] == ["同科字[2024]5号", "同科字【2024】6号", "同科字(2024)7号", "晋科函﹝2023﹞45号"]
    assert [f.params["fixed"] for f in found][0] == "同科字〔2024〕5号"
    assert found[0].location.column == line.index("[") + 1
    assert findings_in("《法治社会建设实施纲要（2020-2025年）》", "N002") == []


def test_a_later_year_in_part_one():
    (found,) = [f for f in lint_yaml(TRIGGERS["N003"]) if f.code == "N003"]
    assert (found.location.line, found.location.column, found.params["found"]) == (7, 7, "2026")
    periods = report(MEASURES + "    - 落实《法治政府建设实施纲要（2021—2025年）》，编制2024-2026年工作规划。\n")
    assert not [f for f in lint_yaml(periods) if f.code == "N003"]
    # Part four is about next year.
    assert not [f for f in lint_yaml(report(rest=REST.replace("2025年，", "2026年，"))) if f.code == "N003"]


def test_issue_date_after_the_first_quarter():
    (late,) = [f for f in lint_yaml(TRIGGERS["D001"]) if f.code == "D001"]
    assert (late.location.line, late.location.column, late.severity) == (3, 7, "warning")
    assert late.message() == "成文日期2025年4月10日已过2025年第一季度；年度报告应于每年第一季度报送"
    assert not [f for f in lint_yaml(report(date="2025-03-31")) if f.code == "D001"]


# --- wording -----------------------------------------------------------------------------------


def test_doubled_word():
    (found,) = findings_in("同意建设建设“3+1+N”区域类综合性中试基地", "W001")
    assert (found.location.column, found.params["text"]) == (5, "建设建设")
    assert findings_in("大家研究研究，一步一步推进，讲科学、爱科学、学科学、用科学", "W001") == []


def test_doubled_function_word():
    assert columns("我们的的工作，在在全县推开，和和有关部门", "W002") == [4, 9, 16]
    # Reduplications, and two words meeting on one character: no alarm.
    legit = (
        "的的确确，是是非非，常常深入基层，人人参与，认认真真、扎扎实实，深入学习习近平法治思想，进行行政处罚，"
        "立项项目88项，全市市场主体，为了了解情况，实现目的的手段，关键是是否落实，现在在全县推开，以及及时整改，把把关作用发挥好"
    )
    assert findings_in(legit, "W002") == []


def test_truncated_fixed_phrase():
    (found,) = findings_in("《大同市党政主要负责人履行推进法治建设第一责任人职责2023年度工作清》，结合实际", "W003")
    assert (found.location.column, found.params["phrase"]) == (33, "工作清单")
    assert columns("制定了责任清，明确分工", "W003") == [4]
    assert findings_in("《工作清单》《实施方案》，由实施方负责，园区管理办统筹", "W003") == []


# --- length --------------------------------------------------------------------------------------


def test_title_over_two_lines():
    (found,) = [f for f in lint_yaml(TRIGGERS["L001"]) if f.code == "L001"]
    assert (found.location.line, found.params["lines"], found.severity) == (4, 3, "info")
    assert not [f for f in lint_yaml(report(top="title: 青山县司法局2024年法治政府建设年度报告\n")) if f.code == "L001"]


def test_heading_over_one_line():
    (found,) = [f for f in lint_yaml(TRIGGERS["L002"]) if f.code == "L002"]
    assert (found.location.line, found.location.column, found.params["width"]) == (6, 16, "36.5")
    # 26 cells with marker and indent fit; the regulation's own wording is not the author's.
    fits = report(section("坚持党的领导压实法治建设责任。") + section("严格执法。"))
    assert not [f for f in lint_yaml(fits) if f.code == "L002"]
    standard = report().replace("  measures:\n", "  measures:\n    heading: 2024年度推进法治政府建设的主要举措和成效\n    content:\n")
    standard = standard.replace(MEASURES, MEASURES.replace("    - ", "      - "))
    assert [f.code for f in lint_yaml(standard)] == []
