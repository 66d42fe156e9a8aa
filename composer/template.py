"""The commented starting point `report-composer new` writes: four parts, every option shown."""

from __future__ import annotations

import json
from datetime import date

from .dates import format_date

TEMPLATE = """\
# yaml-language-server: $schema=report.schema.json
# 法治政府建设年度报告（用 report-composer render 本文件 -o 报告.docx 生成公文）
# 编辑器提示：report-composer schema -o report.schema.json
#
# 写法：每段正文是列表中的一项（以“- ”开头）；小标题不写序号，一、（一）1.（1）自动生成。
# 文字里用全角标点（，：；（））；半角冒号后跟空格时，请给整段加引号。

issuer: {issuer_yaml}               # 发文机关（也是落款署名）
year: {year}                   # 报告年度
date: {date}                   # 成文日期，如 {date} 或 {date_cn}
# title: {issuer}{year}年法治政府建设年度报告   # 标题，省略时自动生成
# addressees: 市人民政府         # 主送机关，可写多个：[市人民政府, 市委依法治市办]

opening:                       # 导语（可省略）
  - {year}年，我单位坚持以习近平新时代中国特色社会主义思想为指导，……现将有关情况报告如下。

parts:
  measures:                    # 一、主要举措和成效（可改写 heading）
    heading: {year}年推进法治政府建设的主要举措和成效
    content:
      - heading: 加强组织领导。  # 二级标题（一）
        run_in: true           # 标题与正文排在同一段
        content:
          - 正文……
      - heading: 依法全面履行政府职能。
        content:
          - 正文……
          - heading: 深化“放管服”改革   # 三级标题 1.
            content:
              - 正文……
  shortcomings:                # 二、存在的不足和原因
    - 一是……；二是……。
  leadership:                  # 三、党政主要负责人履行推进法治建设第一责任人职责情况
    - 正文……
  plans:                       # 四、下一年度推进法治政府建设的主要安排
    - 正文……
  # other:                     # 五、其他需要报告的情况（可选，只能放在最后）
  #   - 正文……

# attachments:                 # 附件名称（可多个）
#   - 法治政府建设工作任务清单
#   - title: 重点任务完成情况统计表   # 带内容的附件：另面印在落款之后、版记之前
#     content:                   # 写法同正文：段落、表格、小标题
#       - table:
#           header: [序号, 重点任务, 责任单位, 完成情况]
#           rows:
#             - [1, 正文……, 正文……, 已完成]
# seal: true                   # 加盖印章时为 true
# note: 此件公开发布            # 附注，自动加括号

# header:                      # 版头（红头），可选
#   mark: {issuer}文件
#   number: 某字〔{next_year}〕1号
# end_block:                   # 版记，可选
#   copy_to: [市委依法治市办]
#   printer: {issuer}办公室
#   print_date: {date}
"""


def new_report_yaml(issuer: str = "某某市某某局", year: int | None = None, today: date | None = None) -> str:
    """A template for the report on `year`, dated today when that fits. By default the year
    just ended, from October this year's: the report is due in the first quarter after its
    year (督察工作规定), and offices draft it from the last quarter on, so a template made in
    December is for the year ending, not a year a lint would call late (D001)."""
    today = today or date.today()
    year = year or (today.year if today.month >= 10 else today.year - 1)
    issued = today if year < today.year <= year + 1 else date(year, 12, 31)
    return TEMPLATE.format(
        issuer=issuer,
        issuer_yaml=json.dumps(issuer, ensure_ascii=False),
        year=year,
        next_year=year + 1,
        date=issued.isoformat(),
        date_cn=format_date(issued),
    )
