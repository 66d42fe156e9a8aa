#!/usr/bin/env python3
"""Makes the web page, published PDF and pasted text drafts of tests/import_corpus (`site-*-2026`,
`pdf-*-2026`, `copy-*-2026`) and their ground truth, deterministically.

Each draft is a report written once here (`REPORTS`) and set in the shape a site's CMS, a Word or
WPS export, or a copy into Notepad or WeChat gives it (`SHAPES`); its `NAME.expected.yaml` is the
report as a careful human would import it, `NAME.furniture.txt` what must not leak. The PDFs
exported from Word are made by LibreOffice from a .docx built here (`soffice` on the PATH), the
others by reportlab with the AR PL UMing and WenQuanYi Zen Hei fonts; the tests read the committed files.

    python tests/import_corpus/_make_web_pdf_2026.py            # every draft
    python tests/import_corpus/_make_web_pdf_2026.py site-trs   # those whose name starts so
"""

from __future__ import annotations

import base64
import email.generator
import email.mime.image
import email.mime.multipart
import email.mime.text
import io
import re
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PARTS = ("measures", "shortcomings", "leadership", "plans", "other")
NUMERALS = "一二三四五六七八九十"
CN_DIGITS = "〇一二三四五六七八九"

Item = Any  # a paragraph (str), a section ({"heading", "content"}) or a table ({"table": {...}})


def section(heading: str, *content: Item) -> dict[str, Any]:
    return {"heading": heading, "content": list(content)}


def table(caption: str | None, header: list[str], *rows: list[str]) -> dict[str, Any]:
    body: dict[str, Any] = {"caption": caption} if caption else {}
    return {"table": {**body, "header": header, "rows": [list(r) for r in rows]}}


def report(name: str, issuer: str, year: int, date: str, title: str, opening: str,
           parts: dict[str, tuple[str, list[Item]]], **more: Any) -> dict[str, Any]:
    return {"name": name, "issuer": issuer, "year": year, "date": date, "title": title,
            "opening": [opening], "parts": parts, **more}


def cn_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


# ------------------------------------------------------------------ the reports

REPORTS: list[dict[str, Any]] = [
    report(
        "site-trs-wcm-gbk-2026", "江宁市市场监督管理局", 2024, "2025-01-20",
        "江宁市市场监督管理局2024年法治政府建设年度报告",
        "2024年，市市场监管局坚持以习近平法治思想为指导，围绕优化法治化营商环境，全面推进市场监管领域依法行政。现将有关情况报告如下：",
        {"measures": ("2024年推进法治政府建设的主要举措和成效", [
            section("健全依法决策机制",
                    "严格落实重大行政决策程序规定，对《江宁市食品小作坊登记管理办法》等3件重大行政决策事项开展合法性审查、公平竞争审查，公开征求意见2次。",
                    "全年审查规范性文件和合同协议46件，提出修改意见113条。"),
            section("规范市场监管执法",
                    "推行包容审慎监管，公布不予处罚、从轻减轻处罚事项清单126项，全年对轻微违法行为不予处罚案件412件。",
                    "全年办理行政处罚案件1368件，罚没款2860万元；行政复议被纠错案件0件。"),
        ]),
         "shortcomings": ("存在的不足和原因", [
             "一是基层执法人员专业素质与新业态监管要求还有差距；二是信用监管与执法办案的衔接还不够紧密。主要原因是执法培训针对性不强，信息系统之间数据共享不足。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年主持召开党组会议专题研究法治工作5次，带头开展述法，带头参加旁听庭审活动。"]),
         "plans": ("2025年推进法治政府建设的主要安排", [
             "一是深化包容审慎监管；二是加强执法人员培训，全年组织执法培训不少于40学时；三是推进信用监管与执法办案系统互联互通。"])},
        signature="江宁市市场监督管理局",
        attachments=["江宁市市场监督管理局2024年行政执法数据统计表"],
        furniture=["您当前的位置", "扫一扫在手机打开当前页", "【打印】", "【关闭】", "主办单位", "ICP备", "政府网站标识码"],
    ),
    report(
        "site-jiyue-zoom-disclosure-2026", "云溪县人民政府", 2024, "2025-02-10",
        "云溪县人民政府关于2024年度法治政府建设情况的报告",
        "2024年，县政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面落实《法治政府建设实施纲要（2021—2025年）》，各项工作取得新进展。现将有关情况报告如下。",
        {"measures": ("主要举措和成效", [
            section("深化“放管服”改革",
                    "全面实行政府权责清单制度，动态调整县级行政权力事项2816项；政务服务事项“一网通办”率达到98.6%。"),
            section("严格规范公正文明执法",
                    "深化乡镇综合行政执法改革，向12个乡镇赋予执法事项136项。全县行政执法情况如下：",
                    table("表1　2024年云溪县行政执法情况", ["执法领域", "执法数量", "", "复议纠错（件）"],
                          ["", "检查（次）", "处罚（件）", ""], ["市场监管", "1240", "386", "0"], ["生态环境", "612", "74", "1"], ["交通运输", "905", "433", "0"])),
        ]),
         "shortcomings": ("存在的不足和原因", [
             "一是部分乡镇综合执法队伍力量不足，承接赋权事项能力有待提升；二是行政复议与行政诉讼衔接机制还需完善。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "县政府主要负责人认真履行推进法治建设第一责任人职责，主持召开县政府常务会议研究法治政府建设工作6次，组织县政府常务会议学法8次。"]),
         "plans": ("2025年推进法治政府建设的主要安排", [
             "2025年，县政府将深入开展法治政府建设示范创建，持续提升乡镇综合执法能力，全面完成《法治政府建设实施纲要（2021—2025年）》各项任务。"])},
        addressees=["市人民政府"],
        signature="云溪县人民政府",
        disclosure={"index_number": "11431125MB1234567X/2025-00112", "category": "法治政府建设",
                    "publisher": "云溪县人民政府办公室", "published": "2025-02-12",
                    "document_number": "云政报〔2025〕3号"},
        furniture=["索引号", "发文机关", "成文日期", "字号", "扫一扫", "打印本页", "关闭窗口", "网站地图"],
    ),
    report(
        "site-hanweb-br-lines-2026", "临川区人力资源和社会保障局", 2023, "2024-01-18",
        "临川区人力资源和社会保障局2023年度法治政府建设情况报告",
        "2023年，区人社局在区委、区政府的坚强领导下，深入学习贯彻习近平法治思想，坚持依法行政，人社领域法治建设取得明显成效。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("健全劳动关系协调机制",
                    "全年受理劳动人事争议仲裁案件586件，结案率98.3%；调解成功率72.4%。",
                    "开展根治欠薪冬季专项行动，为1342名劳动者追发工资2156万元。"),
            section("规范社保基金管理",
                    "开展社保基金管理问题专项整治，追回违规领取待遇资金87.6万元。"),
        ]),
         "shortcomings": ("存在的问题", [
             "一是劳动保障监察力量与执法任务不相匹配；二是欠薪源头治理还需加强。"]),
         "leadership": ("主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长严格履行第一责任人职责，主持研究法治建设重要问题4次，带头开展年度述法。"]),
         "plans": ("下一步工作计划", [
             "一是推进劳动人事争议仲裁标准化建设；二是深化根治欠薪工作；三是加强社保基金监督。"])},
        signature="临川区人力资源和社会保障局",
        furniture=["当前位置", "信息来源", "浏览次数", "【字体：", "分享到", "上一篇", "下一篇", "版权所有"],
    ),
    report(
        "site-dedecms-pdf-viewer-2026", "青峰经济技术开发区管理委员会", 2025, "2026-01-26",
        "青峰经济技术开发区管理委员会2025年度法治政府建设工作报告",
        "2025年，开发区管委会坚持以习近平法治思想为指导，坚持依法行政与服务企业发展相统一，法治化营商环境持续优化。现将有关情况报告如下：",
        {"measures": ("2025年度推进法治政府建设的主要举措和成效", [
            section("优化法治化营商环境",
                    "推行“标准地+承诺制”改革，工业项目从拿地到开工平均用时缩短至28天；涉企行政检查实行“综合查一次”，检查次数同比下降37%。"),
            section("强化行政权力监督",
                    "完成管委会规范性文件清理，废止3件、修改5件；全年法律顾问审查合同协议92份。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["部分工作人员运用法治思维和法治方式推动发展的能力还不够强，涉企执法的统筹协调还需加强。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "党工委书记、管委会主任认真履行第一责任人职责，全年专题研究法治建设工作4次，审签重大合同12份。"]),
         "plans": ("2026年推进法治政府建设的主要安排", ["一是深化涉企行政检查改革；二是完善合法性审查机制；三是加强工作人员法治培训。"])},
        signature="青峰经济技术开发区管理委员会",
        furniture=["织梦", "查看原文件", "您的浏览器不支持", "上一篇", "下一篇", "相关文章"],
    ),
    report(
        "site-saved-complete-2026", "北湖街道办事处", 2025, "2026-01-12",
        "北湖街道办事处2025年度法治政府建设情况报告",
        "2025年，北湖街道在区委、区政府的坚强领导下，深入学习贯彻习近平法治思想，扎实推进法治街道建设。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("推进基层依法治理",
                    "完善“一村（社区）一法律顾问”制度，法律顾问为居民提供法律咨询642人次，出具法律意见书38份。"),
            section("化解矛盾纠纷",
                    "深化“枫桥经验”，全年排查化解矛盾纠纷416件，调解成功率97.6%。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["街道综合行政执法队伍人员少、任务重，专业执法人员不足。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "街道党工委书记、办事处主任认真履行推进法治建设第一责任人职责，全年主持召开专题会议研究法治建设3次。"]),
         "plans": ("下一年度主要安排", ["一是加强综合行政执法队伍建设；二是深化基层依法治理；三是开展“八五”普法总结验收。"])},
        addressees=["区委全面依法治区委员会办公室"],
        signature="北湖街道办事处",
        furniture=["网站首页", "保存时间", "办事指南", "联系我们"],
    ),
    report(
        "site-mhtml-single-file-2026", "南屏县卫生健康局", 2024, "2025-01-15",
        "南屏县卫生健康局2024年度法治政府建设工作报告",
        "2024年，县卫生健康局以习近平法治思想为指导，全面推进卫生健康领域依法行政。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("加强卫生健康行政执法",
                    "开展医疗机构依法执业专项检查，监督检查各类单位1286户次，立案查处违法案件74件。"),
            section("深化法治宣传教育",
                    "开展“法律进医院”活动26场，组织医务人员法律知识考试，参考率100%。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["卫生监督执法人员不足，基层医疗机构依法执业意识有待提高。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，主持召开党组会议研究法治工作4次。"]),
         "plans": ("2025年工作打算", ["一是加强卫生监督执法队伍建设；二是推进医疗纠纷人民调解；三是深化法治宣传。"])},
        signature="南屏县卫生健康局",
        furniture=["首页", "无障碍", "关闭窗口"],
    ),
    report(
        "site-wrong-charset-2026", "石湾镇人民政府", 2025, "2026-01-08",
        "石湾镇2025年法治政府建设年度报告",
        "2025年，石湾镇坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            "一是抓学法用法。镇党委理论学习中心组集体学法6次，组织镇村干部旁听庭审1次。",
            "二是抓依法决策。严格执行重大事项集体决策制度，镇法律顾问列席镇党政联席会议12次，审查合同21份。",
            "三是抓矛盾化解。全年调处矛盾纠纷185件，调解成功率98%。"]),
         "shortcomings": ("存在的不足", ["村级法治宣传阵地作用发挥不够，群众法治意识仍需提高。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "镇党委书记、镇长认真履行第一责任人职责，全年主持研究法治工作4次，带头讲法治课2次。"]),
         "plans": ("下一年度工作安排", ["一是加强法治宣传阵地建设；二是推进村级事务依法管理；三是提升矛盾纠纷化解水平。"])},
        signature="石湾镇人民政府",
        furniture=["首页", "网站纠错"],
    ),
    report(
        "site-word-msonormal-colspan-2026", "西陵市生态环境局", 2025, "2026-01-21",
        "西陵市生态环境局2025年度法治政府建设情况报告",
        "2025年，市生态环境局坚持以习近平生态文明思想和习近平法治思想为指导，扎实推进生态环境领域法治建设。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("严格生态环境执法",
                    "深入开展生态环境执法大练兵，全年检查企业2138家次，立案查处环境违法案件168件，罚款1926万元。",
                    table("表1　2025年生态环境执法情况", ["类别", "立案（件）", "罚款（万元）"],
                          ["水污染", "64", "812"], ["大气污染", "71", "893"], ["固体废物", "33", "221"],
                          ["合计", "168", "1926"])),
            section("推行柔性执法",
                    "落实生态环境轻微违法行为不予处罚清单，全年不予处罚案件41件。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["生态环境执法力量与监管任务不相适应，非现场监管手段运用还不够充分。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年主持党组会议研究法治工作5次，带头开展述法。"]),
         "plans": ("2026年工作安排", ["一是完善非现场监管体系；二是加强执法队伍建设；三是深化生态环境普法。"])},
        signature="西陵市生态环境局",
        furniture=["发布日期", "阅读次数", "分享"],
    ),
    # ------------------------------------------------------------------ PDFs
    report(
        "pdf-word-red-header-table-pages-2026", "安和县司法局", 2025, "2026-01-19",
        "安和县司法局关于2025年度法治政府建设情况的报告",
        "2025年，县司法局认真履行统筹协调推进法治政府建设职能，各项工作取得积极成效。现将有关情况报告如下。",
        {"measures": ("2025年推进法治政府建设的主要举措和成效", [
            section("统筹推进法治政府建设",
                    "制定《安和县2025年法治政府建设工作要点》，分解任务56项，建立工作台账，实行月调度、季通报。",
                    "组织开展法治政府建设年度督察，督察乡镇、部门24个，反馈问题37个，全部整改到位。"),
            section("加强行政执法监督",
                    "开展行政执法案卷评查，评查案卷420卷，优秀案卷占比82%。全县行政执法情况见下表：",
                    table("表1　2025年安和县行政执法数据统计", ["单位", "检查（次）", "处罚（件）", "许可（件）"],
                          *[[u, str(120 + 37 * i), str(30 + 11 * i), str(200 + 53 * i)] for i, u in enumerate(
                              ["县市场监管局", "县生态环境局", "县交通运输局", "县卫生健康局", "县应急管理局", "县自然资源局",
                               "县住房城乡建设局", "县农业农村局", "县文化旅游局", "县水利局", "县城市管理局", "县教育体育局",
                               "县人社局", "县商务局", "县林业局", "县民政局", "县公安局", "县消防救援大队"])])),
            section("深化普法依法治理",
                    "落实“谁执法谁普法”普法责任制，开展“宪法宣传周”等主题活动138场次，覆盖群众5.2万人次。"),
        ]),
         "shortcomings": ("存在的不足和原因", [
             "一是部分单位对法治政府建设重视不够，工作推进不平衡；二是基层法治工作力量薄弱。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年主持研究法治工作6次，带头述法。"]),
         "plans": ("2026年推进法治政府建设的主要安排", [
             "一是高标准完成《法治政府建设实施纲要（2021—2025年）》总结评估；二是加强行政执法协调监督；三是启动“九五”普法规划编制。"])},
        addressees=["县委全面依法治县委员会办公室"],
        signature="安和县司法局",
        header={"mark": "安和县司法局文件", "number": "安司发〔2026〕2号"},
        furniture=["— 1 —", "— 2 —", "— 3 —"],
    ),
    report(
        "pdf-seal-running-header-2026", "桐江市交通运输局", 2024, "2025-01-22",
        "桐江市交通运输局2024年度法治政府建设工作报告",
        "2024年，市交通运输局在市委、市政府的坚强领导下，深入推进交通运输领域依法行政，现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("推进交通运输综合执法",
                    "深化交通运输综合行政执法改革，全年检查运输企业862家次，查处违法案件1524件，其中非现场执法案件610件。",
                    "推行“教育+处罚”执法模式，对首次轻微违法的287家经营者予以教育整改，不予处罚。"),
            section("优化交通运输营商环境",
                    "道路运输许可事项全部实现网上办理，“跨省通办”事项12项，平均办理时限压缩至1.5个工作日。"),
            section("强化法治宣传教育",
                    "开展“交通法治进企业”活动36场，培训驾驶员和从业人员4800余人次。"),
        ]),
         "shortcomings": ("存在的不足和原因", [
             "一是执法装备和信息化水平还不能完全满足非现场执法需要；二是新业态监管的法规依据不够完善。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年主持召开党组会议研究法治工作5次，带头参加旁听庭审。"]),
         "plans": ("2025年推进法治政府建设的主要安排", [
             "一是推进非现场执法规范化建设；二是加强新业态依法监管；三是深化交通运输普法。"])},
        signature="桐江市交通运输局", seal=True,
        furniture=["— 1 —", "— 2 —"],
    ),
    report(
        "pdf-lines-ragged-2026", "北山县教育局", 2023, "2024-01-25",
        "北山县教育局2023年度法治政府建设情况报告",
        "2023年，县教育局坚持以习近平法治思想为指导，深入推进依法治教，教育系统法治建设取得新成效。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("完善依法治校制度",
                    "推进中小学校章程修订，全县86所学校完成章程核准；建立学校法律顾问制度，覆盖率100%。"),
            section("规范校外培训监管",
                    "开展校外培训机构联合执法检查18次，查处无证培训机构11家，责令整改23家。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["部分学校依法治校意识不强，教育行政执法力量不足。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年研究法治工作4次，为全县校长讲法治课1次。"]),
         "plans": ("2024年工作打算", ["一是深化依法治校示范校创建；二是加强校外培训常态化监管；三是推进青少年法治教育。"])},
        signature="北山县教育局",
        furniture=["第 1 页", "第 2 页"],
    ),
    report(
        "pdf-spaced-characters-2026", "河东区应急管理局", 2025, "2026-01-16",
        "河东区应急管理局2025年度法治政府建设工作报告",
        "2025年，区应急管理局坚持以习近平法治思想为指导，统筹发展和安全，扎实推进应急管理领域法治建设。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("严格安全生产执法",
                    "全年检查生产经营单位1046家次，发现整改隐患3821项，立案查处违法行为97起，罚款386万元。"),
            section("推进执法规范化",
                    "全面落实行政执法“三项制度”，执法全过程记录覆盖率100%。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["应急管理执法专业人员不足，执法人员专业能力有待提高。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党委书记、局长认真履行第一责任人职责，全年主持研究法治工作4次。"]),
         "plans": ("下一年度工作安排", ["一是加强执法队伍专业化建设；二是深化安全生产普法；三是推进“互联网+执法”。"])},
        signature="河东区应急管理局",
        furniture=["— 1 —", "— 2 —"],
    ),
    report(
        "pdf-landscape-table-photo-2026", "龙泉市自然资源和规划局", 2024, "2025-01-27",
        "龙泉市自然资源和规划局2024年度法治政府建设情况报告",
        "2024年，市自然资源和规划局坚持以习近平法治思想为指导，严格落实法治政府建设各项任务，为自然资源管理提供坚实法治保障。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("严守耕地保护红线",
                    "开展耕地保护督察整改，全年整改违法占用耕地图斑236宗、面积1842亩。"),
            section("规范自然资源执法",
                    "全年立案查处自然资源违法案件58件，结案52件。各类案件情况见下表：",
                    table("表1　2024年自然资源违法案件查处情况", ["类别", "立案（件）", "结案（件）", "罚没款（万元）", "移送司法（件）", "拆除面积（平方米）"],
                          ["土地违法", "41", "37", "612", "2", "18640"], ["矿产违法", "9", "8", "230", "1", "0"],
                          ["规划违法", "8", "7", "86", "0", "3260"])),
        ]),
         "shortcomings": ("存在的不足和原因", ["违法用地早发现、早制止机制还不够健全，基层所执法力量薄弱。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党委书记、局长认真履行推进法治建设第一责任人职责，主持研究法治工作5次，带头述法。"]),
         "plans": ("2025年主要工作安排", ["一是完善违法用地动态巡查机制；二是加强基层所执法能力建设；三是深化自然资源普法。"])},
        signature="龙泉市自然资源和规划局",
        furniture=["— 1 —", "— 2 —", "— 3 —"],
    ),
    report(
        "pdf-wps-two-line-title-2026", "平川市水利局", 2025, "2026-01-23",
        "平川市水利局关于2025年度法治政府建设工作情况的报告",
        "2025年，市水利局坚持以习近平法治思想为指导，深入推进水利领域依法行政，为水利高质量发展提供法治保障。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("强化水行政执法",
                    "全年开展水行政执法巡查1260次，立案查处水事违法案件46件，结案率100%。"),
            section("推进河湖长制法治化",
                    "配合市人大常委会出台《平川市河湖长制工作条例》，建立河湖长履职评价机制。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["水行政执法与刑事司法衔接还不够顺畅，执法人员专业能力有待提升。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年研究法治工作4次，带头旁听庭审。"]),
         "plans": ("2026年推进法治政府建设的主要安排", ["一是完善水行政执法与刑事司法衔接机制；二是加强执法人员培训；三是推进水法规宣传。"])},
        addressees=["市委全面依法治市委员会办公室"],
        signature="平川市水利局",
        furniture=["- 1 -", "- 2 -"],
    ),
    # ------------------------------------------------------------------ copied text
    report(
        "copy-notepad-fullwidth-pdf-lines-2026", "东坪县农业农村局", 2024, "2025-01-17",
        "东坪县农业农村局2024年度法治政府建设情况报告",
        "2024年，县农业农村局坚持依法行政，全面推进农业农村领域法治建设，为乡村全面振兴提供有力法治保障。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("加强农业综合执法",
                    "开展农资打假专项行动8次，检查农资经营门店426家次，查处违法案件47件，挽回农民经济损失86万元。"),
            section("推进涉农法规宣传",
                    "开展“送法下乡”活动52场次，发放宣传资料2.3万份，培训高素质农民1200人次。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["基层农业执法力量薄弱，执法装备不足；部分农业经营主体守法意识不强。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年研究法治工作4次，带头开展述法。"]),
         "plans": ("下一年度主要安排", ["一是加强农业综合执法队伍建设；二是深化涉农普法；三是推进农业执法规范化。"])},
        signature="东坪县农业农村局",
        furniture=["— 1 —", "— 2 —", "— 3 —"],
    ),
    report(
        "copy-wechat-brackets-emoji-2026", "青石镇人民政府", 2025, "2026-01-13",
        "青石镇2025年度法治政府建设工作报告",
        "2025年，青石镇在县委、县政府的正确领导下，认真贯彻落实法治政府建设各项部署，扎实推进依法行政。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("强化法治学习",
                    "镇党委理论学习中心组集体学法5次，组织镇村干部参加法治培训3期、180人次。"),
            section("规范依法决策",
                    "重大事项决策前经法律顾问审查，全年审查合同协议19份。"),
            section("推进矛盾化解",
                    "全年排查化解矛盾纠纷203件，化解率97%。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["村干部法治素养参差不齐，依法办事能力有待提升。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "镇党委书记、镇长认真履行推进法治建设第一责任人职责，全年主持研究法治工作4次。"]),
         "plans": ("下一年度主要安排", ["一是加强村干部法治培训；二是深化“民主法治示范村”创建；三是完善矛盾纠纷多元化解机制。"])},
        signature="青石镇人民政府",
        furniture=["点击查看原文", "点击蓝字", "关注我们", "来源：", "编辑：", "审核：", "分享", "在看"],
    ),
    report(
        "copy-site-page-disclosure-lines-2026", "金河市文化广电和旅游局", 2023, "2024-01-30",
        "金河市文化广电和旅游局2023年法治政府建设年度报告",
        "2023年，市文化广电和旅游局以习近平法治思想为指导，着力推进文旅领域法治建设，为文旅产业高质量发展提供有力法治保障。现将有关情况报告如下。",
        {"measures": ("主要举措和成效", [
            section("规范文化市场执法",
                    "全年检查文化经营场所1684家次，办理行政处罚案件62件，罚没款48.6万元。"),
            section("优化文旅审批服务",
                    "文旅审批事项全部进驻政务服务中心，即办件占比提高到71%。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["文化市场新业态监管手段不足，执法人员业务能力有待提高。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，主持研究法治工作4次。"]),
         "plans": ("2024年工作计划", ["一是加强文化市场新业态监管；二是提升执法人员能力；三是深化文旅普法。"])},
        signature="金河市文化广电和旅游局",
        disclosure={"index_number": "008765432/2024-00018", "publisher": "金河市文化广电和旅游局", "published": "2024-01-31"},
        furniture=["索引号", "发布机构", "打印本页", "关闭窗口", "【字号", "点击查看原文"],
    ),
    report(
        "copy-notepad-gbk-crlf-attachments-2026", "江北新区管理委员会", 2024, "2025-01-24",
        "江北新区管理委员会2024年度法治政府建设情况报告",
        "2024年，新区管委会坚持以习近平法治思想为指导，坚持依法行政，法治政府建设取得新成效。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("完善依法决策机制",
                    "出台《江北新区管委会重大行政决策程序规定》，全年重大决策事项合法性审查率100%。"),
            section("深化相对集中行政许可权改革",
                    "新区行政审批局集中行使许可事项168项，企业开办时间压缩至1个工作日。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["综合执法与行业监管的衔接不够顺畅，执法信息共享不足。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "党工委书记、管委会主任认真履行推进法治建设第一责任人职责，全年专题研究法治工作5次。"]),
         "plans": ("2025年主要安排", ["一是完善综合执法协调机制；二是推进执法信息共享；三是加强法治宣传。"])},
        addressees=["市委全面依法治市委员会办公室"],
        signature="江北新区管理委员会",
        attachments=["江北新区2024年法治政府建设重点任务完成情况表", "江北新区2024年行政执法数据统计表"],
        furniture=[],
    ),
    report(
        "copy-pdf-spaced-headings-pages-2026", "国家税务总局丰南县税务局", 2025, "2026-01-14",
        "国家税务总局丰南县税务局2025年度法治税务建设情况报告",
        "2025年，县税务局坚持以习近平法治思想为指导，全面推进法治税务建设。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("坚持依法组织收入",
                    "全年组织税费收入26.4亿元，落实减税降费及退税缓费政策1.8亿元。"),
            section("规范税务执法",
                    "推行“首违不罚”，对186户纳税人首次轻微违法行为不予处罚；全年办理行政复议案件1件，无被纠错案件。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["执法风险防控还有薄弱环节，部分执法人员法治意识有待增强。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党委书记、局长认真履行推进法治建设第一责任人职责，主持召开党委会议专题研究法治工作4次。"]),
         "plans": ("下一年度主要安排", ["一是加强执法风险防控；二是深化税收普法；三是优化纳税服务。"])},
        signature="国家税务总局丰南县税务局",
        furniture=["第1页 共3页", "第2页 共3页"],
    ),
    report(
        "copy-wechat-article-read-more-2026", "长宁区民政局", 2025, "2026-01-20",
        "长宁区民政局2025年度法治政府建设情况报告",
        "2025年，区民政局坚持以习近平法治思想为指导，全面推进民政领域依法行政。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("规范社会组织管理",
                    "开展社会组织年检，参检率96%；查处非法社会组织3家。"),
            section("依法保障困难群众",
                    "全年发放城乡低保金3860万元，惠及困难群众6420人。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["民政执法力量薄弱，社会组织监管手段不足。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年研究法治工作4次。"]),
         "plans": ("2026年工作打算", ["一是加强社会组织监管；二是完善社会救助制度；三是深化民政普法。"])},
        signature="长宁区民政局",
        furniture=["长宁民政", "原创", "阅读原文", "点击查看原文", "赞", "在看", "写留言"],
    ),
]

REPORTS += [
    report(
        "site-frontpage-font-gb2312-2026", "柳林县林业局", 2023, "2024-01-22",
        "柳林县林业局2023年度法治政府建设工作报告",
        "2023年，县林业局认真贯彻落实上级关于法治政府建设的决策部署，依法履行林业管理职责。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("加强林业行政执法",
                    "全年查处涉林违法案件46起，收回林地面积128亩。开展“春雷行动”专项执法，清理非法占用林地图斑33个。"),
            section("深化林业普法宣传",
                    "开展森林防火、野生动物保护法律宣传进村入户活动32场次，发放宣传资料1.2万份。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["基层林业站执法力量薄弱，执法装备不足。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行第一责任人职责，全年主持研究法治工作4次。"]),
         "plans": ("2024年工作打算", ["一是加强林业执法队伍建设；二是深化林业普法；三是推进林长制法治化。"])},
        signature="柳林县林业局",
        furniture=["您现在的位置", "点击数", "本站原创", "版权所有", "ICP备"],
    ),
    report(
        "site-trs-title-repeated-2026", "东江区司法局", 2024, "2025-01-10",
        "东江区司法局2024年度法治政府建设工作报告",
        "2024年，区司法局充分发挥法治政府建设牵头抓总作用，各项工作取得新成效。现将有关情况报告如下：",
        {"measures": ("2024年度推进法治政府建设的主要举措和成效", [
            {"heading": "统筹推进法治政府建设。", "run_in": True,
             "content": ["制定年度工作要点，分解任务45项，开展法治政府建设督察2次。"]},
            {"heading": "加强行政执法监督。", "run_in": True,
             "content": ["评查行政执法案卷260卷，优秀率80%；办理行政复议案件42件，纠错率9.5%。"]},
        ]),
         "shortcomings": ("存在的不足和原因", ["基层司法所力量薄弱，行政执法监督手段不多。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行第一责任人职责，全年主持研究法治工作5次，带头述法。"]),
         "plans": ("2025年度推进法治政府建设的主要安排", ["一是深化法治政府示范创建；二是加强行政执法监督；三是推进公共法律服务体系建设。"])},
        addressees=["区委全面依法治区委员会办公室"],
        signature="东江区司法局",
        furniture=["首页 >", "发布时间", "来源："],
    ),
    report(
        "copy-site-attachments-download-2026", "华阳市商务局", 2025, "2026-01-27",
        "华阳市商务局2025年度法治政府建设情况报告",
        "2025年，市商务局坚持以习近平法治思想为指导，围绕优化营商环境依法履行商务管理职责。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            {"heading": "规范商务行政执法。", "run_in": True,
             "content": ["全年开展成品油、单用途预付卡等领域检查326次，立案查处违法案件18件。"]},
            {"heading": "优化涉外法律服务。", "run_in": True,
             "content": ["为外贸企业提供法律咨询210次，协助企业应对贸易摩擦案件3起。"]},
        ]),
         "shortcomings": ("存在的不足和原因", ["商务执法力量不足，新业态监管手段有限。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年研究法治工作4次。"]),
         "plans": ("2026年工作安排", ["一是加强商务执法队伍建设；二是完善涉外法律服务体系；三是深化商务领域普法。"])},
        signature="华阳市商务局",
        attachments=["华阳市商务局2025年法治政府建设重点任务完成情况表", "华阳市商务局2025年行政执法统计表"],
        furniture=["发布时间", "附件下载", ".docx", ".xlsx", "打印本页"],
    ),
    report(
        "pdf-fullwidth-indent-unruled-table-2026", "北山县教育体育局", 2024, "2025-01-24",
        "北山县教育体育局2024年度法治政府建设情况报告",
        "2024年，县教育体育局坚持以习近平法治思想为指导，深入推进依法治教，教育系统法治建设取得新成效。现将有关情况报告如下：",
        {"measures": ("主要举措和成效", [
            section("完善依法治校制度",
                    "推进中小学校章程修订，全县86所学校完成章程核准；建立学校法律顾问制度，覆盖率100%。各类学校章程核准情况如下：",
                    table(None, ["学校类别", "学校数（所）", "章程核准（所）"], ["小学", "52", "52"], ["初中", "24", "24"],
                          ["高中", "10", "10"])),
            section("规范校外培训监管",
                    "开展校外培训机构联合执法检查18次，查处无证培训机构11家，责令整改23家。"),
        ]),
         "shortcomings": ("存在的不足和原因", ["部分学校依法治校意识不强，教育行政执法力量不足。"]),
         "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
             "局党组书记、局长认真履行推进法治建设第一责任人职责，全年研究法治工作4次，为全县校长讲法治课1次。"]),
         "plans": ("2025年工作打算", ["一是深化依法治校示范校创建；二是加强校外培训常态化监管；三是推进青少年法治教育。"])},
        signature="北山县教育体育局",
        furniture=["— 1 —", "— 2 —"],
    ),
]

REPORTS.append(report(
    "copy-wechat-ornament-numbers-2026", "青溪镇人民政府", 2025, "2026-01-15",
    "青溪镇2025年法治政府建设年度报告",
    "2025年，青溪镇在县委、县政府的领导下，认真落实法治政府建设各项任务。现将有关情况报告如下：",
    {"measures": ("主要举措和成效", [
        {"heading": "强化依法决策。", "run_in": True, "content": ["重大事项经法律顾问审查，全年审查合同23份。"]},
        {"heading": "推进矛盾化解。", "run_in": True, "content": ["全年调处矛盾纠纷196件，调解成功率98%。"]},
    ]),
     "shortcomings": ("存在的不足和原因", ["村级法治力量薄弱，群众法治意识有待提升。"]),
     "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
         "镇党委书记、镇长认真履行第一责任人职责，全年研究法治工作4次。"]),
     "plans": ("下一年度主要安排", ["一是加强法治宣传；二是提升矛盾纠纷化解水平。"])},
    signature="青溪镇人民政府",
    furniture=["青溪发布", "江西"],
))

REPORTS.append(report(
    "site-pdf-lines-pasted-br-2026", "安远县统计局", 2025, "2026-01-16",
    "安远县统计局2025年度法治政府建设工作报告",
    "2025年，县统计局坚持以习近平法治思想为指导，全面推进统计领域依法行政，统计法治建设取得新成效。现将有关情况报告如下：",
    {"measures": ("主要举措和成效", [
        {"heading": "严格统计执法检查。", "run_in": True, "content": [
            "全年开展统计执法检查46家次，立案查处统计违法案件12件，对3家企业作出行政处罚决定，罚款合计18.5万元。"]},
        {"heading": "深化统计普法宣传。", "run_in": True, "content": [
            "开展“12·4”宪法宣传周暨统计法宣传活动8场次，发放宣传资料3200余份，培训基层统计人员560人次。"]},
    ]),
     "shortcomings": ("存在的不足和原因", ["基层统计执法力量相对薄弱，部分企业统计法治意识不强，统计数据质量有待进一步提高。"]),
     "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
         "局党组书记、局长认真履行推进法治建设第一责任人职责，全年主持召开党组会议专题研究法治工作4次。"]),
     "plans": ("2026年工作安排", ["一是加强统计执法队伍建设；二是深化统计造假专项治理；三是持续开展统计普法。"])},
    signature="安远县统计局",
    furniture=[],
))

REPORTS.append(report(
    "copy-wechat-keycap-numbers-2026", "丰源街道办事处", 2025, "2026-01-12",
    "丰源街道2025年度法治政府建设工作报告",
    "2025年，丰源街道在区委、区政府的领导下，扎实推进法治街道建设。现将有关情况报告如下：",
    {"measures": ("主要举措和成效", [
        {"heading": "推进基层依法治理。", "run_in": True, "content": ["完善居民公约，覆盖社区12个，开展“法律明白人”培训6期。"]},
        {"heading": "化解矛盾纠纷。", "run_in": True, "content": ["全年排查化解矛盾纠纷318件，调解成功率97%。"]},
    ]),
     "shortcomings": ("存在的不足和原因", ["社区法律顾问作用发挥不够充分，居民法治意识有待提升。"]),
     "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
         "街道党工委书记、办事处主任认真履行第一责任人职责，全年研究法治工作4次。"]),
     "plans": ("下一年度主要安排", ["一是深化基层依法治理；二是提升矛盾纠纷化解水平。"])},
    signature="丰源街道办事处",
    furniture=["1️⃣", "⃣"],
))

REPORTS.append(report(
    "copy-wechat-photo-captions-2026", "白河镇人民政府", 2024, "2025-01-10",
    "白河镇2024年法治政府建设年度报告",
    "2024年，白河镇在县委、县政府的领导下，扎实推进法治政府建设。现将有关情况报告如下：",
    {"measures": ("主要举措和成效", [
        {"heading": "强化执法检查。", "run_in": True, "content": ["全年开展综合执法检查86次，整改问题132个。"]},
        {"heading": "推进普法宣传。", "run_in": True, "content": ["开展“法律进乡村”活动24场次，受教育群众3600余人次。"]},
    ]),
     "shortcomings": ("存在的不足和原因", ["综合执法队伍专业人员不足，执法装备有待完善。"]),
     "leadership": ("党政主要负责人履行推进法治建设第一责任人职责情况", [
         "镇党委书记、镇长认真履行第一责任人职责，全年研究法治工作4次。"]),
     "plans": ("下一年度主要安排", ["一是加强综合执法队伍建设；二是深化法治宣传。"])},
    signature="白河镇人民政府",
    furniture=["▲", "活动现场"],
))

REPORTS.append(dict(next(r for r in REPORTS if r["name"] == "pdf-lines-ragged-2026"),
                    name="pdf-no-unicode-map-2026", refusal=["import_pdf_unmapped"]))

REPORTS.append(report(
    "site-pdf-viewer-only-2026", "青山县人民政府", 2024, "2025-01-20", "青山县2024年法治政府建设年度报告", "", {},
    refusal=["import_html_embedded_document"],
))

# --------------------------------------------------------------- shared pieces


def marked(report: dict[str, Any]) -> list[tuple[str, Any]]:
    """The report's body in reading order: ("part", "一、…"), ("section", "（一）…"), ("p", text),
    ("table", spec)."""
    out: list[tuple[str, Any]] = []
    for index, key in enumerate(k for k in PARTS if k in report["parts"]):
        heading, content = report["parts"][key]
        out.append(("part", f"{NUMERALS[index]}、{heading}"))
        sections = 0
        for item in content:
            if isinstance(item, str):
                out.append(("p", item))
            elif "table" in item:
                out.append(("table", item["table"]))
            else:
                out.append(("section", f"（{NUMERALS[sections]}）{item['heading']}"))
                sections += 1
                for sub in item["content"]:
                    out.append(("table", sub["table"]) if isinstance(sub, dict) else ("p", sub))
    return out


COMMENTS = {"issuer": "发文机关", "year": "报告年度", "date": "成文日期", "addressees": "主送机关", "opening": "导语",
            "parts": "正文各部分", "seal": "加盖印章", "attachments": "附件", "header": "版头",
            "disclosure": "政府信息公开信息", "measures": "一、主要举措和成效", "shortcomings": "二、存在的不足和原因",
            "leadership": "三、主要负责人履行第一责任人职责情况", "plans": "四、下一年度主要安排", "other": "五、其他"}


def _dumped(key: str, value: Any, indent: str = "") -> str:
    """`key: value` as YAML, the key's meaning as a comment on its line, as the corpus writes it."""
    text = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1000)
    first, _, rest = text.partition("\n")
    if key == "date":
        first = first.replace("'", "")
    if key in COMMENTS:
        first += f" # {COMMENTS[key]}"
    return "".join(indent + line + "\n" for line in [first, *rest.splitlines()])


def expected(report: dict[str, Any], note: str) -> str:
    """The ground truth as YAML, with `note` as the comment on its first line."""
    out = [f"# {note}\n"]
    for key in ("issuer", "year", "date", "title", "addressees", "opening"):
        if report.get(key):
            out.append(_dumped(key, report[key]))
    out.append("\nparts: # 正文各部分\n")
    for key, (heading, content) in report["parts"].items():
        out.append(_dumped(key, {"heading": heading, "content": content}, "  "))
    out.append("\n")
    if report.get("signature") and report["signature"] != report["issuer"]:
        out.append(_dumped("signature", report["signature"]))
    for key in ("seal", "attachments", "header", "disclosure"):
        if report.get(key):
            out.append(_dumped(key, report[key]))
    return "".join(out)


def sign_off(report: dict[str, Any]) -> tuple[str, str]:
    return report.get("signature") or report["issuer"], cn_date(report["date"])


# --------------------------------------------------------------- HTML shapes


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_table(spec: dict[str, Any], attrs: str = 'border="1" cellspacing="0" cellpadding="0"') -> str:
    rows = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in row) + "</tr>" for row in spec["rows"])
    head = "<tr>" + "".join(f"<td><strong>{_esc(c)}</strong></td>" for c in spec["header"]) + "</tr>"
    caption = f'<p align="center"><strong>{_esc(spec["caption"])}</strong></p>' if spec.get("caption") else ""
    return f"{caption}<table {attrs}><tbody>{head}{rows}</tbody></table>"


def trs_wcm(report: dict[str, Any]) -> bytes:
    """TRS WCM: TRS_Editor and Custom_UnionStyle divs, MsoNormal paragraphs pasted from Word with
    inline 仿宋_GB2312 spans, headings as 黑体/楷体 spans, attachments as links; GBK declared only
    in http-equiv."""
    fs = 'style="font-family:仿宋_GB2312;font-size:16pt"'
    body = []
    for kind, value in marked(report):
        if kind == "part":
            body.append(f'<p class="MsoNormal" style="text-indent:32pt;line-height:28pt"><span style="font-family:黑体;font-size:16pt">{value}</span></p>')
        elif kind == "section":
            body.append(f'<p class="MsoNormal" style="text-indent:32pt;line-height:28pt"><span style="font-family:楷体_GB2312;font-size:16pt">{value}</span></p>')
        elif kind == "p":
            body.append(f'<p class="MsoNormal" style="text-indent:32pt;line-height:28pt"><span {fs}>{_esc(value)}</span><span lang="EN-US" {fs}><o:p></o:p></span></p>')
    sig, date = sign_off(report)
    opening = "".join(f'<p class="MsoNormal" style="text-indent:32pt"><span {fs}>{o}</span></p>' for o in report["opening"])
    links = "".join(f'<p><a href="./P020250121{i}.pdf" target="_blank">{i}.{a}.pdf</a></p>'
                    for i, a in enumerate(report["attachments"], 1))
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<meta name="SiteName" content="江宁市人民政府" />
<meta name="ColumnName" content="法治政府建设" />
<meta name="ArticleTitle" content="{report['title']}" />
<meta name="PubDate" content="2025-01-21 09:30" />
<title>{report['title']}_江宁市人民政府</title>
<script type="text/javascript">var _trsPageId = "1024";</script>
</head>
<body>
<div class="top"><a href="/">江宁市人民政府</a> | <a href="/wza">无障碍</a> | <a href="/zxft">长者模式</a></div>
<div class="dqwz">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/fzzfjs">法治政府建设</a></div>
<div class="xl_con">
<div class="xl_tit"><h1>{report['title']}</h1></div>
<div class="xl_info">发布时间：2025-01-21 09:30　来源：市市场监管局　浏览次数：<span id="hits">1286</span></div>
<div class="xl_text" id="zoom">
<div class="TRS_Editor"><div class="Custom_UnionStyle">
{opening}
{"".join(body)}
<p class="MsoNormal"><span {fs}>&nbsp;</span></p>
<p class="MsoNormal" style="text-indent:32pt"><span {fs}>附件：{report['attachments'][0]}</span></p>
<p class="MsoNormal"><span {fs}>&nbsp;</span></p>
<p class="MsoNormal" align="right" style="text-align:right;margin-right:64pt"><span {fs}>{sig}</span></p>
<p class="MsoNormal" align="right" style="text-align:right;margin-right:80pt"><span {fs}>{date}</span></p>
</div></div>
<div class="fj"><p>附件：</p>{links}</div>
</div>
<div class="xl_ewm">扫一扫在手机打开当前页</div>
<div class="xl_btn"><a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭】</a></div>
</div>
<div class="bottom"><p>主办单位：江宁市人民政府办公室　　政府网站标识码：3201150001</p><p>苏ICP备05012345号</p></div>
</body>
</html>
"""
    return page.encode("gbk")


def jiyue(report: dict[str, Any]) -> bytes:
    """集约化平台: the disclosure table above the title, the article in div.pages_content#zoom with
    `<p align=center>` title and headings in <strong>, a table whose caption is a merged row and
    whose header spans two rows (rowspan/colspan)."""
    d = report["disclosure"]
    body = []
    for kind, value in marked(report):
        if kind in ("part", "section"):
            body.append(f'<p style="text-indent:2em;"><strong>{value}</strong></p>')
        elif kind == "p":
            body.append(f'<p style="text-indent:2em;">{_esc(value)}</p>')
        else:
            head, (sub, *rest) = value["header"], value["rows"]
            rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rest)
            upper = "".join(f'<td rowspan="2">{h}</td>' if not sub[i] else f'<td colspan="2">{h}</td>' if i + 1 < len(head) and not head[i + 1] else ""
                            if h else "" for i, h in enumerate(head))
            lower = "".join(f"<td>{c}</td>" for c in sub if c)
            body.append(
                '<table border="1" cellspacing="0" style="border-collapse:collapse;width:100%"><tbody>'
                f'<tr><td colspan="{len(head)}" style="text-align:center"><strong>{value["caption"]}</strong></td></tr>'
                f'<tr>{upper}</tr><tr>{lower}</tr>{rows}</tbody></table>')
    sig, date = sign_off(report)
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="{report['title']}">
<meta name="PubDate" content="{d['published']} 10:12">
<title>{report['title']}-云溪县人民政府门户网站</title>
<link rel="stylesheet" href="/images/gkxl.css">
</head>
<body>
<div class="header"><div class="logo"><img src="/images/logo.png" alt="云溪县人民政府"></div></div>
<div class="navbar"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/fzzfjs">法治政府建设年度报告</a></div>
<div class="container">
<div class="xxgk_table">
<table class="table_suoyin" cellspacing="0" cellpadding="0">
<tr><th>索引号：</th><td>{d['index_number']}</td><th>分类：</th><td>{d['category']}</td></tr>
<tr><th>发文机关：</th><td>{d['publisher']}</td><th>成文日期：</th><td>{report['date']}</td></tr>
<tr><th>标题：</th><td colspan="3">{report['title']}</td></tr>
<tr><th>发文字号：</th><td>{d['document_number']}</td><th>发布日期：</th><td>{d['published']}</td></tr>
</table>
</div>
<div class="article">
<h1 class="article-title">{report['title']}</h1>
<div class="pages-date">{d['published']} 10:12 来源：县政府办 <span class="font">【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</span></div>
<div class="pages_content" id="zoom">
<p>{report['addressees'][0]}：</p>
<p style="text-indent:2em;">{report['opening'][0]}</p>
{"".join(body)}
<p style="text-align:right;">{sig}</p>
<p style="text-align:right;">{date}</p>
</div>
<div class="ewm">扫一扫在手机打开当前页</div>
<div class="btns"><a href="javascript:window.print()">打印本页</a> <a href="javascript:window.close()">关闭窗口</a></div>
</div>
</div>
<div class="footer"><a href="/wzdt">网站地图</a> | <a href="/lxwm">联系我们</a><br>主办：云溪县人民政府办公室 网站标识码：4311250001</div>
</body>
</html>
"""
    return page.encode("utf-8")


def hanweb(report: dict[str, Any]) -> bytes:
    """Hanweb (大汉): the article as one <p> per part, lines separated by <br>, headings in <b>,
    `&nbsp;` indents; title and signature in `<p align=center>` / `align=right`."""
    groups: list[list[str]] = []
    for kind, value in marked(report):
        if kind == "part":
            groups.append([f"&nbsp;&nbsp;&nbsp;&nbsp;<b>{value}</b>"])
        elif kind == "section":
            groups[-1].append(f"&nbsp;&nbsp;&nbsp;&nbsp;<b>{value}</b>")
        else:
            groups[-1].append(f"&nbsp;&nbsp;&nbsp;&nbsp;{_esc(value)}")
    body = "\n".join("<p>" + "<br>\n".join(g) + "</p>" for g in groups)
    sig, date = sign_off(report)
    page = f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{report['title']}</title>
<meta name="Keywords" content="法治政府建设">
</head>
<body>
<table width="1000" align="center"><tr><td class="dh"><a href="/">首页</a> &gt;&gt; <a href="/col/col1234/">通知公告</a></td></tr></table>
<table width="1000" align="center" class="bt_table">
<tr><td align="center" class="title"><span style="font-size:22px"><b>{report['title']}</b></span></td></tr>
<tr><td align="center" class="info">发布日期：2024-01-19　信息来源：区人社局　浏览次数：<script>document.write("326")</script>　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</td></tr>
<tr><td id="zoom" class="bt_content">
<!--ZJEG_RSS.content.begin--><meta name="ContentStart">
<p>&nbsp;&nbsp;&nbsp;&nbsp;{report['opening'][0]}</p>
{body}
<p align="right">{sig}&nbsp;&nbsp;&nbsp;&nbsp;<br>{date}&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;</p>
<meta name="ContentEnd"><!--ZJEG_RSS.content.end-->
</td></tr>
</table>
<table width="1000" align="center"><tr><td class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></td></tr>
<tr><td class="fy">上一篇：<a href="/art/2024/1/18/art_1_1.html">关于公布2023年度人社领域信用信息的公告</a><br>下一篇：<a href="/art/2024/1/20/art_1_2.html">2024年春节期间根治欠薪公告</a></td></tr></table>
<table width="1000" align="center" class="bottom"><tr><td>版权所有：临川区人力资源和社会保障局　技术支持：大汉网络</td></tr></table>
</body>
</html>
"""
    return page.encode("utf-8")


def dedecms(report: dict[str, Any]) -> bytes:
    """DedeCMS: the report shown in an embedded PDF viewer (<iframe> with an <embed> fallback and a
    download link), the text beneath as divs and <br> lines; GB2312 in <meta charset>."""
    lines = []
    for kind, value in marked(report):
        if kind == "part":
            lines.append(f'<div style="text-indent:2em"><span style="font-family:黑体">{value}</span></div>')
        elif kind == "section":
            lines.append(f'<div style="text-indent:2em"><span style="font-family:楷体">{value}</span></div>')
        else:
            lines.append(f'<div style="text-indent:2em">{_esc(value)}</div>')
    sig, date = sign_off(report)
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="gb2312">
<title>{report['title']}_青峰经济技术开发区</title>
<meta name="generator" content="DedeCMS V5.7 织梦">
</head>
<body>
<div class="header"><div class="top">欢迎访问青峰经济技术开发区官方网站</div></div>
<div class="place"><strong>当前位置:</strong> <a href="/">主页</a> &gt; <a href="/a/zwgk/">政务公开</a> &gt;</div>
<div class="viewbox">
<div class="title"><h2>{report['title']}</h2></div>
<div class="info"><small>时间:</small>2026-01-27 15:20<small>来源:</small>党政办<small>作者:</small>admin<small>点击:</small><script src="/plus/count.php?aid=982"></script>次</div>
<div class="content">
<div class="pdfviewer"><iframe src="/uploads/soft/260127/1-26012G520.pdf" width="100%" height="800"><embed src="/uploads/soft/260127/1-26012G520.pdf" type="application/pdf">您的浏览器不支持PDF在线预览，请<a href="/uploads/soft/260127/1-26012G520.pdf">点击此处下载</a>查看原文件。</iframe></div>
<p><a href="/uploads/soft/260127/1-26012G520.pdf">查看原文件：{report['title']}.pdf</a></p>
<div style="text-indent:2em">{report['opening'][0]}</div>
{"".join(lines)}
<div style="text-align:right">{sig}<br>{date}</div>
</div>
<div class="context"><ul><li>上一篇：<a href="/a/1.html">开发区召开安全生产工作会议</a></li><li>下一篇：没有了</li></ul></div>
<div class="xglm"><dl><dt>相关文章</dt><dd><a href="/a/2.html">开发区2024年度法治政府建设工作报告</a></dd></dl></div>
</div>
<div class="footer">Copyright &copy; 青峰经济技术开发区管理委员会 Powered by DedeCMS</div>
</body>
</html>
"""
    return page.encode("gb2312")


def saved_complete(report: dict[str, Any]) -> bytes:
    """A page saved by the browser as "网页，全部": the saved-from comment, every link and picture
    pointing into NAME_files/, the site's scripts inlined as stubs."""
    lines = []
    for kind, value in marked(report):
        if kind == "part":
            lines.append(f'<p style="text-indent:2em"><strong>{value}</strong></p>')
        elif kind == "section":
            lines.append(f'<p style="text-indent:2em"><strong>{value}</strong></p>')
        else:
            lines.append(f'<p style="text-indent:2em">{_esc(value)}</p>')
    sig, date = sign_off(report)
    files = "./site-saved-complete-2026_files"
    page = f"""<!DOCTYPE html>
<!-- saved from url=(0058)https://www.beihu.gov.cn/art/2026/1/13/art_2345_67890.html -->
<html lang="zh-CN"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{report['title']}</title>
<link rel="stylesheet" href="{files}/common.css">
<script src="{files}/jquery.min.js.下载"></script>
</head>
<body>
<div class="head"><img src="{files}/logo.png" alt="北湖街道"><a href="https://www.beihu.gov.cn/">网站首页</a></div>
<div class="menu"><a href="https://www.beihu.gov.cn/col/zwgk/">政务公开</a> <a href="https://www.beihu.gov.cn/col/bszn/">办事指南</a> <a href="https://www.beihu.gov.cn/col/lxwm/">联系我们</a></div>
<div class="article">
<div class="article-title">{report['title']}</div>
<div class="article-meta">发布日期：2026-01-13　来源：北湖街道</div>
<div class="article-content">
<p>{report['addressees'][0]}：</p>
<p style="text-indent:2em">{report['opening'][0]}</p>
{"".join(lines)}
<p style="text-align:right">{sig}</p>
<p style="text-align:right">{date}</p>
<p style="text-align:center"><img src="{files}/20260113_photo1.jpg" alt=""></p>
</div>
</div>
<div class="foot">北湖街道办事处 版权所有</div>
</body></html>
"""
    return page.encode("utf-8")


def frontpage(report: dict[str, Any]) -> bytes:
    """An old site made in FrontPage: layout tables 778 px wide, the faces as <font face=…> (黑体
    parts and 楷体 sections with no number typed), &nbsp; indents, GB2312 declared in http-equiv."""
    faces = {"part": "黑体", "section": "楷体_GB2312", "p": "仿宋_GB2312"}
    lines = [f'<p><font face="{faces[kind]}" size="4">&nbsp;&nbsp;&nbsp;&nbsp;'
             f'{_esc(value.split("、", 1)[1] if kind == "part" else value.split("）", 1)[1] if kind == "section" else value)}</font></p>'
             for kind, value in marked(report)]
    sig, date = sign_off(report)
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{report['title']}</title></head>
<body bgcolor="#FFFFFF"><table width="778" border="0" align="center"><tr><td><img src="images/top.jpg" width="778" height="120"></td></tr></table>
<table width="778" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td class="dh"><font color="#FF0000">您现在的位置：</font><a href="/">首页</a> &gt;&gt; <a href="/news/">通知公告</a></td></tr></table>
<table width="778" border="0" align="center"><tr><td height="40" align="center"><font size="5" face="宋体"><b>{report['title']}</b></font></td></tr>
<tr><td align="center"><font color="#666666">作者：办公室　　来源：本站原创　　点击数：156　　更新时间：2024-1-22</font></td></tr>
<tr><td>
<p><font face="仿宋_GB2312" size="4">&nbsp;&nbsp;&nbsp;&nbsp;{report['opening'][0]}</font></p>
{chr(10).join(lines)}
<p align="right"><font face="仿宋_GB2312" size="4">{sig}&nbsp;&nbsp;&nbsp;&nbsp;</font></p>
<p align="right"><font face="仿宋_GB2312" size="4">{date}</font></p>
</td></tr></table>
<table width="778" border="0" align="center"><tr><td align="center">版权所有：柳林县林业局　晋ICP备12345678号</td></tr></table>
</body></html>
"""
    return page.encode("gb2312")


def _run_in(report: dict[str, Any]) -> list[tuple[str, Any]]:
    """The body in reading order with each run-in section's heading and first paragraph as one
    ("section+p", (heading, text))."""
    out: list[tuple[str, Any]] = []
    for kind, value in marked(report):
        if out and out[-1][0] == "section" and kind == "p":
            out[-1] = ("section+p", (out[-1][1], value))
        else:
            out.append((kind, value))
    return out


def trs_title_repeated(report: dict[str, Any]) -> bytes:
    """A TRS page whose <h1> title is repeated inside the article, there in two centred lines
    (issuer / the rest), sections run in (their lead in 楷体, the text after it)."""
    lines = []
    for kind, value in _run_in(report):
        if kind == "part":
            lines.append(f'<p style="text-indent:2em"><span style="font-family:黑体">{value}</span></p>')
        elif kind == "section+p":
            lines.append(f'<p style="text-indent:2em"><span style="font-family:楷体_GB2312">{value[0]}</span>{_esc(value[1])}</p>')
        else:
            lines.append(f'<p style="text-indent:2em">{_esc(value)}</p>')
    sig, date = sign_off(report)
    issuer, rest = report["title"][:len(report["issuer"])], report["title"][len(report["issuer"]):]
    title = "".join(f'<p style="text-align:center"><strong><span style="font-family:方正小标宋简体;font-size:22pt">{t}</span></strong></p>'
                    for t in (issuer, rest))
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ArticleTitle" content="{report['title']}"><title>{report['title']}</title></head>
<body><div class="crumbs">首页 &gt; 法治政府建设</div>
<div class="detail"><h1>{report['title']}</h1>
<div class="source">发布时间：2025-01-12 来源：区司法局</div>
<div class="TRS_Editor">{title}
<p>&nbsp;</p>
<p>{report['addressees'][0]}：</p>
<p style="text-indent:2em">{report['opening'][0]}</p>
{chr(10).join(lines)}
<p style="text-align:right">{sig}</p>
<p style="text-align:right">{date}</p></div></div></body></html>
"""
    return page.encode("utf-8")


def site_attachments(report: dict[str, Any]) -> bytes:
    """A page copied as text with its attachments: 附件： alone on its line, the names numbered
    under it, and below the date the site's 附件下载： list of the files and its print links."""
    lines = [report["title"], "发布时间：2026-01-28　来源：市商务局", *report["opening"]]
    for kind, value in _run_in(report):
        lines.append(f"{value[0]}{value[1]}" if kind == "section+p" else value)
    sig, date = sign_off(report)
    names = report["attachments"]
    lines += ["附件：", *(f"{i}.{name}" for i, name in enumerate(names, 1)), sig, date,
              "附件下载：", f"{names[0]}.docx", f"{names[1]}.xlsx", "【打印本页】【关闭窗口】"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def pdf_fullwidth_unruled(report: dict[str, Any], path: Path) -> None:
    """A WPS export of a text typed with full-width spaces as indents (drawn, so in the text
    layer), and a table with no rules, its columns set apart by space."""
    page = Page(path, report["title"])
    page.text(report["title"], font="Hei", size=22, indent=0, align="center", leading=40)
    page.y -= 14
    for kind, value in [("p", o) for o in report["opening"]] + marked(report):
        if kind == "table":
            for row in [value["header"], *value["rows"]]:
                page.room(28.9)
                page.y -= 28.9
                page.canvas.setFont("Song", 14)
                for column, cell in enumerate(row):
                    page.canvas.drawString(page.left + 20 + column * 140, page.y, cell)
        else:
            page.text("　　" + value, font="Hei" if kind == "part" else "Song", indent=0)
    page.y -= 28.9
    sig, date = sign_off(report)
    page.text(sig, indent=0, align="right")
    page.text(date, indent=0, align="right")
    page.save()


def wechat_ornaments(report: dict[str, Any]) -> bytes:
    """A WeChat article copied: each part's number set alone above its heading as an ornament
    (01, 02, …), the heading with no 一、, its sections run in with （一）."""
    lines = [report["title"], "青溪发布 2026年01月15日 20:00 江西", *report["opening"]]
    for kind, value in _run_in(report):
        if kind == "part":
            number, words = value.split("、", 1)
            lines += [f"{NUMERALS.index(number) + 1:02d}", words]
        else:
            lines.append(f"{value[0]}{value[1]}" if kind == "section+p" else value)
    lines += list(sign_off(report))
    return ("\n".join(lines) + "\n").encode("utf-8")


def pdf_unmapped(report: dict[str, Any], path: Path) -> None:
    """As an old printer driver exports: the fonts embedded with no ToUnicode map, so the text
    layer holds glyph numbers (copied, it comes out garbled). The map's key is renamed in place."""
    pdf_ragged(report, path)
    path.write_bytes(path.read_bytes().replace(b"/ToUnicode", b"/XoUnicode"))


def pdf_lines_in_cms(report: dict[str, Any]) -> bytes:
    """The published PDF's text pasted into the CMS editor: the whole article one <p>, each of the
    PDF's lines (28 characters, a paragraph's first indented by two full-width spaces) ended by <br>."""
    lines: list[str] = []
    for kind, value in [("p", o) for o in report["opening"]] + _run_in(report):
        text = "　　" + (f"{value[0]}{value[1]}" if kind == "section+p" else value)
        lines += [_esc(text[i:i + 28]) for i in range(0, len(text), 28)]
    sig, date = sign_off(report)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{report['title']}</title></head><body>
<div class="article"><h1>{report['title']}</h1><div id="zoom"><p>{"<br>" + chr(10)}{("<br>" + chr(10)).join(lines)}</p>
<p style="text-align:right">{sig}<br>{date}</p></div></div></body></html>
"""
    return page.encode("utf-8")


def wechat_keycaps(report: dict[str, Any]) -> bytes:
    """A WeChat article copied: each part numbered by a keycap emoji (1️⃣ 主要举措和成效), no 一、."""
    lines = [report["title"], *report["opening"]]
    for kind, value in _run_in(report):
        if kind == "part":
            number, words = value.split("、", 1)
            lines.append(f"{NUMERALS.index(number) + 1}\ufe0f\u20e3 {words}")
        else:
            lines.append(f"{value[0]}{value[1]}" if kind == "section+p" else value)
    lines += list(sign_off(report))
    return ("\n".join(lines) + "\n").encode("utf-8")


def wechat_captions(report: dict[str, Any]) -> bytes:
    """A WeChat article copied: under each section the caption of its photo (the photo not
    copied), marked ▲ or 图为."""
    lines = [report["title"], *report["opening"]]
    captions = iter(["▲图为执法人员在集镇开展综合执法检查", "▲ 法治宣传活动现场"])
    for kind, value in _run_in(report):
        lines.append(f"{value[0]}{value[1]}" if kind == "section+p" else value)
        if kind == "section+p":
            lines.append(next(captions))
    lines += list(sign_off(report))
    return ("\n".join(lines) + "\n").encode("utf-8")


def viewer_only(report: dict[str, Any]) -> bytes:
    """A page whose article is only the published PDF in pdf.js's viewer, and its download link:
    the report's text is in the PDF, not on the page."""
    pdf = "/module/download/downfile.jsp?classid=0&filename=P020250120.pdf"
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{report['title']}_青山县人民政府</title>
<meta name="ArticleTitle" content="{report['title']}"></head>
<body><div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/fzzfjs">法治政府建设</a></div>
<div class="article"><h1>{report['title']}</h1>
<div class="info">发布时间：2025-01-21　来源：县司法局　浏览次数：208</div>
<div id="zoom" class="pages_content">
<iframe src="/js/pdfjs/web/viewer.html?file={pdf}" width="100%" height="1000" frameborder="0"></iframe>
<p>附件：<a href="{pdf}">{report['title']}.pdf</a></p>
</div></div>
<div class="footer">主办单位：青山县人民政府办公室　网站标识码：3302250001</div></body></html>
"""
    return page.encode("utf-8")


def mhtml(report: dict[str, Any]) -> bytes:
    """A page saved by Chrome or Edge as "网页，单个文件" (.mhtml): MIME multipart/related, the page
    in quoted-printable UTF-8, a picture in base64."""
    lines = []
    for kind, value in marked(report):
        tag = "strong" if kind in ("part", "section") else "span"
        lines.append(f'<p style="text-indent:2em"><{tag}>{_esc(value)}</{tag}></p>')
    sig, date = sign_off(report)
    html = f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{report['title']}_南屏县人民政府</title></head>
<body><div class="nav"><a href="https://www.nanping.gov.cn/">首页</a> <a href="https://www.nanping.gov.cn/wza">无障碍</a></div>
<div class="detail"><h1>{report['title']}</h1>
<div id="zoom"><p style="text-indent:2em">{report['opening'][0]}</p>
{"".join(lines)}
<p style="text-align:right">{sig}</p><p style="text-align:right">{date}</p></div>
<div class="btn"><a href="javascript:window.close()">关闭窗口</a></div></div></body></html>
"""
    message = email.mime.multipart.MIMEMultipart("related", type="text/html", boundary="----MultipartBoundary--2026webpdf----")
    message["From"] = "<Saved by Blink>"
    message["Snapshot-Content-Location"] = "https://www.nanping.gov.cn/art/2025/1/16/art_88_1234.html"
    message["Subject"] = report["title"]
    message["Date"] = "Thu, 16 Jan 2025 08:30:00 +0800"
    part = email.mime.text.MIMEText(html, "html", "utf-8")
    del part["Content-Transfer-Encoding"]
    part.set_payload(_quoted_printable(html))
    part["Content-Transfer-Encoding"] = "quoted-printable"
    part["Content-ID"] = "<frame-2026@mhtml.blink>"
    part["Content-Location"] = "https://www.nanping.gov.cn/art/2025/1/16/art_88_1234.html"
    message.attach(part)
    picture = email.mime.image.MIMEImage(_png(8, 8, (200, 30, 30)), "png")
    picture["Content-Location"] = "https://www.nanping.gov.cn/images/logo.png"
    message.attach(picture)
    out = io.StringIO()
    email.generator.Generator(out, mangle_from_=False, maxheaderlen=0).flatten(message)
    return out.getvalue().replace("\n", "\r\n").encode("ascii")


def _quoted_printable(text: str) -> str:
    import quopri

    return quopri.encodestring(text.encode("utf-8")).decode("ascii")


def wrong_charset(report: dict[str, Any]) -> bytes:
    """A page whose <meta> says GB2312 while the server and the bytes are UTF-8 (a template copied
    from an old site)."""
    lines = []
    for kind, value in marked(report):
        lines.append(f'<p style="text-indent:2em">{"<b>" + value + "</b>" if kind == "part" else _esc(value)}</p>')
    sig, date = sign_off(report)
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{report['title']}</title></head>
<body><div class="top"><a href="/">首页</a></div>
<div class="main"><div class="bt">{report['title']}</div>
<div class="nr">
<p style="text-indent:2em">{report['opening'][0]}</p>
{"".join(lines)}
<p align="right">{sig}</p><p align="right">{date}</p>
</div><div class="jc"><a href="/jiucuo">网站纠错</a></div></div></body></html>
"""
    return page.encode("utf-8")


def word_msonormal(report: dict[str, Any]) -> bytes:
    """An article pasted from Word into the CMS editor: MsoNormal paragraphs with mso styles and
    <o:p>, headings as 黑体 runs, a table with a colspan caption row and a merged total row
    label (colspan), `&nbsp;` padding."""
    mso = 'style="mso-bidi-font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:&quot;Times New Roman&quot;"'
    body = []
    for kind, value in marked(report):
        if kind == "part":
            body.append(f'<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0"><span style="font-family:黑体;mso-ascii-font-family:&quot;Times New Roman&quot;">{value}<span lang="EN-US"><o:p></o:p></span></span></p>')
        elif kind == "section":
            body.append(f'<p class="MsoNormal" style="text-indent:32.0pt"><b style="mso-bidi-font-weight:normal"><span style="font-family:楷体_GB2312">{value}<span lang="EN-US"><o:p></o:p></span></span></b></p>')
        elif kind == "p":
            body.append(f'<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0"><span {mso}>{_esc(value)}<span lang="EN-US"><o:p></o:p></span></span></p>')
        else:
            cols = len(value["header"])
            rows = "".join('<tr style="mso-yfti-irow:1">' + "".join(
                f'<td style="border:solid windowtext 1.0pt"><p class="MsoNormal" align="center" style="text-align:center"><span {mso}>{c}</span></p></td>'
                for c in r) + "</tr>" for r in value["rows"])
            head = "".join(f'<td style="border:solid windowtext 1.0pt;background:#D9D9D9"><p class="MsoNormal" align="center" style="text-align:center"><b><span {mso}>{c}</span></b></p></td>' for c in value["header"])
            body.append(f'<table class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;mso-table-layout-alt:fixed"><tbody>'
                        f'<tr style="mso-yfti-irow:0;mso-yfti-firstrow:yes"><td colspan="{cols}" style="border:solid windowtext 1.0pt"><p class="MsoNormal" align="center" style="text-align:center"><b><span style="font-family:黑体">{value["caption"]}</span></b></p></td></tr>'
                        f'<tr>{head}</tr>{rows}</tbody></table>')
    sig, date = sign_off(report)
    page = f"""<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>{report['title']} - 西陵市生态环境局</title>
</head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/xxgk">信息公开</a></div>
<div class="detail">
<h2 class="detail-title">{report['title']}</h2>
<div class="detail-meta">发布日期：2026-01-22　阅读次数：512</div>
<div class="detail-content article">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]-->
<p class="MsoNormal" style="text-indent:32.0pt;mso-char-indent-count:2.0"><span {mso}>{report['opening'][0]}<span lang="EN-US"><o:p></o:p></span></span></p>
{"".join(body)}
<p class="MsoNormal"><span lang="EN-US" {mso}><o:p>&nbsp;</o:p></span></p>
<p class="MsoNormal" align="right" style="text-align:right;margin-right:48.0pt"><span {mso}>{sig}<span lang="EN-US"><o:p></o:p></span></span></p>
<p class="MsoNormal" align="right" style="text-align:right;margin-right:64.0pt"><span {mso}>{date}<span lang="EN-US"><o:p></o:p></span></span></p>
</div>
<div class="detail-share">分享：<a href="#">微信</a></div>
</div>
</body>
</html>
"""
    return page.encode("utf-8")


# --------------------------------------------------------------- text shapes


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def notepad_pdf_lines(report: dict[str, Any]) -> bytes:
    """A PDF copied into Notepad: full-width spaces as the indent, each printed line its own line
    (broken mid-sentence at 28 characters), the page numbers (— 2 —) left between them."""
    lines = [f"　　　{report['title'][:16]}", f"　　　　{report['title'][16:]}", ""]
    body = [("p", o) for o in report["opening"]] + marked(report)
    printed: list[str] = []
    for kind, value in body:
        if kind == "p":
            printed += _wrap("　　" + value, 28)
        else:
            printed.append("　　" + value)
    sig, date = sign_off(report)
    printed += ["", "　" * 14 + sig, "　" * 15 + date]
    for index, line in enumerate(printed):
        lines.append(line)
        if index in (14, 30):
            lines += ["", f"— {1 + (index > 14)} —", ""]
    return ("\n".join(lines) + "\n").encode("utf-8")


def wechat_brackets(report: dict[str, Any]) -> bytes:
    """A WeChat article copied into a message: the account's lines, emoji, parts in 【】, sections
    as "1." under a 🔹, the read-more line."""
    lines = ["点击蓝字 关注我们", "", f"🏛️{report['title']}", "青石发布 2026年01月14日 18:30 来源：青石镇党政办", ""]
    lines += report["opening"]
    count = 0
    for kind, value in marked(report):
        if kind == "part":
            lines.append(f"【{value.split('、', 1)[1]}】")
            count = 0
        elif kind == "section":
            count += 1
            lines.append(f"🔹{count}.{value.split('）', 1)[1]}")
        else:
            lines.append(value + (" 👍" if count == 1 else ""))
    sig, date = sign_off(report)
    lines += [sig, date, "", "编辑：李娜　审核：王刚", "👇👇👇", "点击查看原文", "分享  收藏  在看"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def site_copy_disclosure(report: dict[str, Any]) -> bytes:
    """A page's text selected and copied whole: the disclosure lines above the title, the font size
    and print links, the 点击查看原文 link to the PDF, tabs between label and value."""
    d = report["disclosure"]
    lines = ["首页 > 政务公开 > 法治政府建设", "",
             f"索引号：\t{d['index_number']}", f"发布机构：\t{d['publisher']}", f"发布日期：\t{d['published']}", "",
             report["title"], "", "【字号：大 中 小】　打印本页　关闭窗口", ""]
    lines += ["　　" + o for o in report["opening"]]
    for kind, value in marked(report):
        lines.append("　　" + value)
    sig, date = sign_off(report)
    lines += [sig, date, "", f"点击查看原文：{report['title']}.pdf", "", "打印本页　　关闭窗口"]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def notepad_gbk(report: dict[str, Any]) -> bytes:
    """Notepad, saved as ANSI (GBK) with CRLF: the addressee, the attachment note typed below the
    body (附件：1.… then 2.… on the next line), the signature and date padded with spaces."""
    lines = [report["title"], "", report["addressees"][0] + "：", "    " + report["opening"][0]]
    for kind, value in marked(report):
        lines.append("    " + value)
    sig, date = sign_off(report)
    attachments = report["attachments"]
    lines += ["", f"    附件：1.{attachments[0]}", f"          2.{attachments[1]}", "",
              " " * 36 + sig, " " * 38 + date]
    return ("\r\n".join(lines) + "\r\n").encode("gbk")


def pdf_copy_spaced(report: dict[str, Any]) -> bytes:
    """Text copied from a PDF whose headings were set letter-spaced (分散对齐): the title and part
    headings come out with a space between characters, the page footer 第1页 共3页 between lines."""
    lines = [" ".join(report["title"][:13]), " ".join(report["title"][13:]), ""]
    lines += report["opening"]
    for index, (kind, value) in enumerate(marked(report)):
        if kind == "part":
            number, words = value.split("、", 1)
            lines.append(f"{number}、{' '.join(words)}" if len(words) <= 10 else value)
        else:
            lines.append(value)
        if index == 6:
            lines += ["第1页 共3页", ""]
        if index == 12:
            lines += ["第2页 共3页", ""]
    sig, date = sign_off(report)
    lines += [sig, date, "第3页 共3页"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def wechat_read_more(report: dict[str, Any]) -> bytes:
    """A WeChat article copied on a phone: the account's header lines (原创, name, time), emoji at
    the heads, part headings in 「」-free 【】 with numbers, the 阅读原文 and 赞/在看 bar at the end."""
    lines = ["原创 长宁民政 长宁民政 2026年01月21日 09:00 上海", "", report["title"], ""]
    lines += ["✨" + o for o in report["opening"]]
    for kind, value in marked(report):
        if kind == "part":
            lines.append(f"【{value}】")
        elif kind == "section":
            lines.append(f"▶️{value}")
        else:
            lines.append(value)
    sig, date = sign_off(report)
    lines += ["", sig, date, "", "📷图片来源：长宁民政", "阅读原文", "点击查看原文", "赞 在看 写留言"]
    return ("\n".join(lines) + "\n").encode("utf-8")


# --------------------------------------------------------------- PDF shapes

FONT_SONG = "/usr/share/fonts/truetype/arphic/uming.ttc"
FONT_HEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A plain PNG of one colour (the seal's and the photo's stand-in), with no library."""
    import struct

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _seal_png() -> bytes:
    """A red ring on a transparent ground, 200 px, as a scanned seal is pasted."""
    import struct

    size, rows = 200, []
    for y in range(size):
        row = bytearray(b"\x00")
        for x in range(size):
            r = ((x - 99.5) ** 2 + (y - 99.5) ** 2) ** 0.5
            on = 84 <= r <= 96 or (abs(x - 99.5) + abs(y - 99.5) < 22)
            row += bytes((220, 20, 30, 220 if on else 0))
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))


class Page:
    """A reportlab canvas set as GB/T 9704 sets a page: A4, 28 mm top, 26 mm bottom, 28 mm left,
    26 mm right; 16 pt 仿宋-like body, 28 lines of 28 characters; what is drawn, line by line."""

    def __init__(self, path: Path, title: str, *, header: str | None = None, page_mark: str = "— {} —",
                 char_space: float = 0.0) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        for name, file in (("Song", FONT_SONG), ("Hei", FONT_HEI)):
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, file, subfontIndex=0))
        self.size = A4
        self.canvas = canvas.Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("Administrator")
        self.canvas.setCreator("WPS 文字")
        self.header, self.page_mark, self.char_space = header, page_mark, char_space
        self.number = 1
        self._start()

    MM = 72 / 25.4

    def _start(self) -> None:
        width, height = self.size
        self.left, self.right = 28 * self.MM, width - 26 * self.MM
        self.y = height - 37 * self.MM
        self.bottom = 35 * self.MM

    def _finish_page(self) -> None:
        c, (width, height) = self.canvas, self.size
        if self.header and self.number > 1:
            c.setFont("Song", 10.5)
            c.drawCentredString(width / 2, height - 15 * self.MM, self.header)
            c.line(28 * self.MM, height - 17 * self.MM, width - 26 * self.MM, height - 17 * self.MM)
        c.setFont("Song", 14)
        mark = self.page_mark.format(self.number)
        if self.number % 2:
            c.drawRightString(width - 26 * self.MM - 14, 20 * self.MM, mark)
        else:
            c.drawString(28 * self.MM + 14, 20 * self.MM, mark)

    def new_page(self, landscape: bool = False) -> None:
        from reportlab.lib.pagesizes import A4

        self._finish_page()
        self.canvas.showPage()
        self.number += 1
        self.size = (A4[1], A4[0]) if landscape else A4
        self.canvas.setPageSize(self.size)
        self._start()

    def room(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.new_page()

    def text(self, text: str, *, font: str = "Song", size: float = 16, indent: int = 2, align: str = "left",
             leading: float = 28.9, ragged: int | None = None, char_space: float | None = None) -> None:
        """A paragraph: wrapped at the measure (or at `ragged` characters, as a WPS export of a
        text with hard breaks), each line drawn; centred or right-set lines as asked."""
        c = self.canvas
        spacing = self.char_space if char_space is None else char_space
        measure = self.right - self.left
        per_line = ragged or int(measure // (size + spacing))
        first = per_line - indent
        chunks = [text[:first]] + [text[i:i + per_line] for i in range(first, len(text), per_line)] if text else [""]
        for index, chunk in enumerate(c for c in chunks if c):
            self.room(leading)
            self.y -= leading
            c.setFont(font, size)
            width = c.stringWidth(chunk, font, size) + len(chunk) * spacing
            if align == "center":
                x = self.left + (measure - width) / 2
            elif align == "right":
                x = self.right - width - 4 * size
            else:
                x = self.left + (indent * size if index == 0 else 0)
            t = c.beginText(x, self.y)
            t.setFont(font, size)
            t.setCharSpace(spacing)
            t.textOut(chunk)
            c.drawText(t)

    def picture(self, data: bytes, width: float, height: float, *, x: float | None = None, over: bool = False) -> None:
        from reportlab.lib.utils import ImageReader

        if not over:
            self.room(height + 8)
            self.y -= height + 8
        left = self.left + (self.right - self.left - width) / 2 if x is None else x
        self.canvas.drawImage(ImageReader(io.BytesIO(data)), left, self.y - (height / 2 if over else 0), width, height,
                              mask="auto")

    def grid(self, header: list[str], rows: list[list[str]], *, size: float = 12, row_height: float = 22,
             repeat_header: bool = True) -> None:
        c = self.canvas
        cols = len(header)
        width = (self.right - self.left) / cols
        lines = [header, *rows]
        for index, row in enumerate(lines):
            if self.y - row_height < self.bottom:
                self.new_page()
                if repeat_header and index:
                    self._row(header, width, row_height, size)
            self._row(row, width, row_height, size)

    def _row(self, row: list[str], width: float, height: float, size: float) -> None:
        c = self.canvas
        top = self.y
        self.y -= height
        for column, cell in enumerate(row):
            x = self.left + column * width
            c.rect(x, self.y, width, height)
            c.setFont("Song", size)
            c.drawCentredString(x + width / 2, self.y + (height - size) / 2 + 2, cell)
        del top

    def save(self) -> None:
        self._finish_page()
        self.canvas.save()


def _body(page: Page, report: dict[str, Any], *, ragged: int | None = None, spaced_headings: float = 0.0) -> None:
    for kind, value in [("p", o) for o in report["opening"]] + marked(report):
        if kind == "part":
            page.text(value, font="Hei", char_space=spaced_headings or None)
        elif kind == "section":
            page.text(value, font="Hei" if ragged else "Song")
        elif kind == "p":
            page.text(value, ragged=ragged)
        else:
            if value.get("caption"):
                page.text(value["caption"], font="Hei", size=14, indent=0, align="center")
            page.y -= 6
            page.grid(value["header"], value["rows"])
            page.y -= 6


def pdf_seal_header(report: dict[str, Any], path: Path) -> None:
    """WPS-like export: the running header (the title) from page two on, — N — page numbers, the
    seal picture over the signature and date."""
    page = Page(path, report["title"], header=report["title"])
    page.text(report["title"], font="Hei", size=22, indent=0, align="center", leading=40)
    page.y -= 14
    _body(page, report)
    page.y -= 28.9
    sig, date = sign_off(report)
    page.text(sig, indent=0, align="right")
    page.text(date, indent=0, align="right")
    page.picture(_seal_png(), 120, 120, x=page.right - 4 * 16 - 150, over=True)
    page.save()


def pdf_ragged(report: dict[str, Any], path: Path) -> None:
    """Each printed line short of the margin (hard line breaks kept from a pasted text, ragged at
    24-26 characters), page numbers as 第 N 页."""
    page = Page(path, report["title"], page_mark="第 {} 页")
    page.text(report["title"], font="Hei", size=22, indent=0, align="center", leading=40)
    page.y -= 14
    _body(page, report, ragged=25)
    page.y -= 28.9
    sig, date = sign_off(report)
    page.text(sig, indent=0, align="right")
    page.text(date, indent=0, align="right")
    page.save()


def pdf_spaced(report: dict[str, Any], path: Path) -> None:
    """Title and part headings set with wide character spacing (分散对齐 / 字符间距加宽), so the
    text layer has gaps (spaces) between their characters."""
    page = Page(path, report["title"])
    page.text(report["title"], font="Hei", size=22, indent=0, align="center", leading=40, char_space=6)
    page.y -= 14
    _body(page, report, spaced_headings=9)
    page.y -= 28.9
    sig, date = sign_off(report)
    page.text(sig, indent=0, align="right", char_space=4)
    page.text(date, indent=0, align="right")
    page.save()


def pdf_landscape_photo(report: dict[str, Any], path: Path) -> None:
    """A photo after part one's first section, the wide table on a landscape page of its own."""
    page = Page(path, report["title"])
    page.text(report["title"], font="Hei", size=22, indent=0, align="center", leading=40)
    page.y -= 14
    for kind, value in [("p", o) for o in report["opening"]] + marked(report):
        if kind == "part":
            page.text(value, font="Hei")
        elif kind == "section":
            page.text(value, font="Song")
            if value.startswith("（二）"):
                pass
        elif kind == "p":
            page.text(value)
            if "图斑" in value:
                page.picture(_png(160, 100, (90, 140, 90)), 240, 150)
        else:
            page.new_page(landscape=True)
            page.text(value["caption"], font="Hei", size=14, indent=0, align="center")
            page.y -= 6
            page.grid(value["header"], value["rows"])
            page.new_page()
    page.y -= 28.9
    sig, date = sign_off(report)
    page.text(sig, indent=0, align="right")
    page.text(date, indent=0, align="right")
    page.save()


def pdf_two_line_title(report: dict[str, Any], path: Path) -> None:
    """WPS export: the title in two centred lines (broken after 关于), the addressee, page numbers
    as - N -."""
    page = Page(path, report["title"], page_mark="- {} -")
    title = report["title"]
    cut = title.index("2025")
    page.text(title[:cut], font="Hei", size=22, indent=0, align="center", leading=36)
    page.text(title[cut:], font="Hei", size=22, indent=0, align="center", leading=36)
    page.y -= 14
    page.text(report["addressees"][0] + "：", indent=0)
    _body(page, report)
    page.y -= 28.9
    sig, date = sign_off(report)
    page.text(sig, indent=0, align="right")
    page.text(date, indent=0, align="right")
    page.save()


def pdf_word_red_header(report: dict[str, Any], path: Path) -> None:
    """Exported from Word by LibreOffice: a .docx with the red header (mark, number, red rule),
    the title broken over two lines by a soft break, a table of 18 rows that runs over a page
    (header row repeated), — N — page numbers in the footer."""
    import docx
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    sec = document.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)

    def para(text: str = "", *, font: str = "仿宋_GB2312", size: float = 16, align: Any = None, indent: bool = True,
             color: RGBColor | None = None, bold: bool = False) -> Any:
        p = document.add_paragraph()
        p.paragraph_format.line_spacing = Pt(28)
        p.paragraph_format.space_after = Pt(0)
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        for index, line in enumerate(text.split("\n")):
            if index:
                p.runs[-1].add_break()
            run = p.add_run(line)
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = font
            run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
            if color:
                run.font.color.rgb = color
        return p

    red = RGBColor(0xE0, 0, 0)
    header = report["header"]
    para(header["mark"], font="方正小标宋简体", size=36, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, color=red)
    para()
    rule = para(header["number"], align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "24"), ("w:space", "8"), ("w:color", "E00000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    rule._p.get_or_add_pPr().append(borders)
    para()
    title = report["title"]
    cut = title.index("2025")
    para(title[:cut] + "\n" + title[cut:], font="方正小标宋简体", size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    para()
    para(report["addressees"][0] + "：", indent=False)
    for o in report["opening"]:
        para(o)
    for kind, value in marked(report):
        if kind == "part":
            para(value, font="黑体")
        elif kind == "section":
            para(value, font="楷体_GB2312")
        elif kind == "p":
            para(value)
        else:
            para(value["caption"], font="黑体", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
            grid = document.add_table(rows=1 + len(value["rows"]), cols=len(value["header"]))
            grid.style = "Table Grid"
            grid.alignment = WD_TABLE_ALIGNMENT.CENTER
            for r, row in enumerate([value["header"], *value["rows"]]):
                for col, cell in enumerate(row):
                    grid.cell(r, col).text = cell
            first = grid.rows[0]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            first.append(repeat)
    para()
    sig, date = sign_off(report)
    p = para(sig, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    p.paragraph_format.right_indent = Pt(64)
    p = para(date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    p.paragraph_format.right_indent = Pt(64)
    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = footer.add_run()
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)
    footer.add_run(" —")
    for run in footer.runs:
        run.font.size = Pt(14)
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "draft.docx"
        document.core_properties.author = "Administrator"
        document.core_properties.created = __import__("datetime").datetime(2026, 1, 19, 9, 0)
        document.save(source)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", work, str(source)], check=True, capture_output=True, timeout=180)
        data = (Path(work) / "draft.pdf").read_bytes()
    # LibreOffice stamps the time, a random file ID and a checksum of the time: fixed here, each the same length (the
    # cross-reference table's offsets stay right), so the file is the same each time.
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20260119090000", data)
    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>",
                  lambda found: re.sub(rb"[0-9A-Fa-f](?=[0-9A-Fa-f]*>)", b"0", found.group(0)), data)
    data = re.sub(rb"/DocChecksum\s*/[0-9A-F]{32}", lambda found: found.group(0)[:-32] + b"0" * 32, data)
    path.write_bytes(data)


# --------------------------------------------------------------- the drafts

Shape = tuple[str, Callable[..., Any], str]
SHAPES: dict[str, Shape] = {
    "site-trs-wcm-gbk-2026": (".html", trs_wcm, "TRS WCM page (TRS_Editor, Custom_UnionStyle, MsoNormal spans), GBK declared only in http-equiv; the attachment linked below the article as 1.….pdf is the one the body's 附件： names"),
    "site-jiyue-zoom-disclosure-2026": (".html", jiyue, "集约化 platform page: disclosure table (发文机关 is the publisher here, 成文日期 the date), pages_content#zoom, the table's caption a merged first row and its header two rows (rowspan/colspan): as the held-out pages' ground truth has it, the upper header row is the header and the lower one the first row"),
    "site-hanweb-br-lines-2026": (".html", hanweb, "Hanweb page: one <p> per part with its lines separated by <br>, <b> headings, &nbsp; indents, signature and date in one right-aligned <p>"),
    "site-dedecms-pdf-viewer-2026": (".html", dedecms, "DedeCMS page: an embedded PDF viewer (iframe, embed, download link) above the text; the viewer and its links are furniture; GB2312 in <meta charset>"),
    "site-saved-complete-2026": (".html", saved_complete, "a page saved by the browser as 网页，全部: saved-from comment, NAME_files/ links, a photo at the end (left out with a warning)"),
    "site-pdf-viewer-only-2026": (".html", viewer_only, ""),
    "pdf-no-unicode-map-2026": (".pdf", pdf_unmapped, ""),
    "copy-wechat-photo-captions-2026": (".txt", wechat_captions, "a WeChat article copied: a photo's caption marked ▲ under each section, the photo not copied; dropped with a note"),
    "copy-wechat-keycap-numbers-2026": (".txt", wechat_keycaps, "a WeChat article copied: parts numbered by keycap emoji (1️⃣ 主要举措和成效), removed with their digits"),
    "site-pdf-lines-pasted-br-2026": (".html", pdf_lines_in_cms, "the PDF's text pasted into the CMS: one <p>, each PDF line ended by <br>; a full line ending at ；goes on in the next"),
    "copy-wechat-ornament-numbers-2026": (".txt", wechat_ornaments, "a WeChat article copied: each part's number (01, 02, …) alone above its heading, an ornament, dropped with a note"),
    "site-frontpage-font-gb2312-2026": (".html", frontpage, "an old FrontPage site: layout tables, <font face> (黑体 parts, 楷体 sections, no numbers typed), GB2312 in http-equiv"),
    "site-trs-title-repeated-2026": (".html", trs_title_repeated, "the <h1> title repeated in the article in two centred lines (dropped as the page's), sections run in with a 楷体 lead"),
    "copy-site-attachments-download-2026": (".txt", site_attachments, "a page copied as text: 附件： alone, the names numbered under it; below the date the site's 附件下载 list of files and print links"),
    "pdf-fullwidth-indent-unruled-table-2026": (".pdf", pdf_fullwidth_unruled, "WPS-like export of a text indented with full-width spaces (in the text layer), a table without rules"),
    "site-mhtml-single-file-2026": (".mhtml", mhtml, "a page saved by Chrome as 网页，单个文件 (.mhtml): MIME multipart/related, quoted-printable UTF-8 HTML"),
    "site-wrong-charset-2026": (".html", wrong_charset, "the <meta> declares GB2312 while the bytes are UTF-8 (a copied template); part headings bold, sections as 一是… paragraphs"),
    "site-word-msonormal-colspan-2026": (".html", word_msonormal, "Word pasted into the CMS editor: MsoNormal, mso styles, <o:p>, a conditional comment, the table's caption a colspan first row"),
    "pdf-word-red-header-table-pages-2026": (".pdf", pdf_word_red_header, "exported from Word by LibreOffice: red header (mark, number, rule), a title in two lines, an 18-row table over two pages with its header row repeated, — N — page numbers"),
    "pdf-seal-running-header-2026": (".pdf", pdf_seal_header, "WPS-like export (reportlab): running header from page two, — N — page numbers, a seal picture over the signature (sealed; the picture is left out with a note)"),
    "pdf-lines-ragged-2026": (".pdf", pdf_ragged, "each printed line ends short of the margin (hard breaks at 25 characters kept from a pasted text), 第 N 页 page numbers"),
    "pdf-spaced-characters-2026": (".pdf", pdf_spaced, "title, part headings and signature set with wide character spacing, so their text comes out spaced"),
    "pdf-landscape-table-photo-2026": (".pdf", pdf_landscape_photo, "a photo inside part one (left out with a note), the wide table on a landscape page of its own"),
    "pdf-wps-two-line-title-2026": (".pdf", pdf_two_line_title, "WPS-like export: title in two centred lines, addressee, - N - page numbers"),
    "copy-notepad-fullwidth-pdf-lines-2026": (".txt", notepad_pdf_lines, "a PDF copied into Notepad: full-width space indents, every printed line its own line (broken mid-sentence), title in two lines, — N — page numbers between"),
    "copy-wechat-brackets-emoji-2026": (".txt", wechat_brackets, "a WeChat article copied: the account's lines, emoji, parts in 【】 with no number, sections as 1. after a 🔹, credits and 点击查看原文"),
    "copy-site-page-disclosure-lines-2026": (".txt", site_copy_disclosure, "a page copied whole (CRLF): breadcrumb, disclosure lines with tabs, font-size and print links, 点击查看原文 link to the PDF"),
    "copy-notepad-gbk-crlf-attachments-2026": (".txt", notepad_gbk, "Notepad ANSI (GBK), CRLF, ASCII-space indents, addressee, two attachments typed as 附件：1.… and an indented 2.…"),
    "copy-pdf-spaced-headings-pages-2026": (".txt", pdf_copy_spaced, "copied from a PDF with letter-spaced title and part headings (一、主 要 举 措 和 成 效), 第N页 共3页 footers; the signature is the full name of the issuer"),
    "copy-wechat-article-read-more-2026": (".txt", wechat_read_more, "a WeChat article copied on a phone: 原创 account line, ✨ and ▶️ emoji, parts in 【一、…】, 阅读原文 / 赞 在看 写留言"),
}


def write(name: str) -> None:
    report = next(r for r in REPORTS if r["name"] == name)
    suffix, make, note = SHAPES[name]
    target = HERE / f"{name}{suffix}"
    if suffix == ".pdf":
        make(report, target)
    else:
        target.write_bytes(make(report))
    if report.get("refusal"):  # no report on it: the import must refuse, saying what to do
        (HERE / f"{name}.refusal.txt").write_text("\n".join(report["refusal"]) + "\n", encoding="utf-8")
        return
    (HERE / f"{name}.expected.yaml").write_text(expected(report, note), encoding="utf-8")
    furniture = HERE / f"{name}.furniture.txt"
    if report.get("furniture"):
        furniture.write_text("\n".join(report["furniture"]) + "\n", encoding="utf-8")
    elif furniture.exists():
        furniture.unlink()


def main(prefixes: list[str]) -> None:
    for name in SHAPES:
        if not prefixes or name.startswith(tuple(prefixes)):
            write(name)
            print(name)


if __name__ == "__main__":
    main(sys.argv[1:])
