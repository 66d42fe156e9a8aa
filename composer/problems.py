"""Problems found in a report, as data: a code, its parameters and where it happened.

Every stage (loading, validation, rendering, lint) reports through `Problem`, so the CLI and
other tools can print, filter or serialise them the same way, in Chinese or in English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Lang = Literal["zh", "en"]
Severity = Literal["error", "warning", "info"]

# code -> (Chinese, English); placeholders are filled from Problem.params.
MESSAGES: dict[str, tuple[str, str]] = {
    # reading the file
    "file_missing": ("找不到文件", "file not found"),
    "file_unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "file_too_large": (
        "文件过大（{size} 字节），上限为 {limit} 字节",
        "the file is too large ({size} bytes); the limit is {limit} bytes",
    ),
    "more_problems": ("还有 {count} 个问题未列出", "and {count} more problem(s)"),
    "file_empty": ("文件为空", "the file is empty"),
    "file_binary": ("这不是文本文件（含有二进制内容）", "this is not a text file (it holds binary data)"),
    "encoding_gbk": (
        "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码；请用“另存为”选择 UTF-8 编码后再试",
        "the file is not UTF-8; it looks like GBK/GB18030: save it as UTF-8 and try again",
    ),
    "encoding_unknown": (
        "文件不是 UTF-8 编码（第 {line} 行有无法识别的字节）",
        "the file is not UTF-8 (undecodable bytes on line {line})",
    ),
    # YAML syntax and shape
    "yaml_syntax": ("YAML 语法错误：{detail}", "YAML syntax error: {detail}"),
    "yaml_tab": (
        "YAML 中此处不能用制表符（Tab）：缩进请改用空格，文字中的 Tab 请删去",
        "YAML does not allow a tab here: indent with spaces, and take tabs out of the text",
    ),
    "yaml_colon": (
        "此处不能出现“冒号+空格”；若文字中含有半角冒号，请整段加引号或改用全角冒号“：”",
        "a colon followed by a space is not allowed here; quote the text or use a full-width colon",
    ),
    "yaml_full_width_colon": (
        "键“{key}”后面是全角冒号“：”；键与内容之间要用半角冒号加空格，如 {key}: 内容",
        "the key '{key}' is followed by a full-width colon '：'; a key takes an ASCII colon and a space, like {key}: value",
    ),
    "yaml_quote_unclosed": (
        "这里开始的引号 {quote} 没有配对的结束引号：引号要包住整段文字；文字中的引号请用中文引号“”",
        "the quote {quote} that starts here is never closed: a quote encloses the whole text; quote marks inside the text should be Chinese ones “”",
    ),
    "yaml_bracket_unclosed": (
        "这里开始的 {bracket} 没有配对的 {closing}；若这是正文中的文字（如“[2024]5号”），请给整段加引号或改用中文括号〔〕【】",
        "the {bracket} that starts here is never closed by {closing}; if it is part of the text (like \"[2024] No. 5\"), quote the whole text or use Chinese brackets 〔〕【】",
    ),
    "yaml_text_after_bracket": (
        "这段文字以 {opening} 开头，YAML 把 {opening}……{closing} 读作一个列表，其后的文字就多出来了；请给整段文字加引号，或改用中文括号〔〕【】",
        "this text begins with {opening}, so YAML reads {opening}...{closing} as a list and what follows is left over; quote the whole text, or use Chinese brackets 〔〕【】",
    ),
    "yaml_text_after_quote": (
        "这段文字以英文引号 {quote} 开头，YAML 只把两个引号之间的部分读作文字，其后的文字就多出来了；请改用中文引号“”",
        "this text begins with the quote {quote}, so YAML reads only what the quotes enclose and what follows is left over; use Chinese quotes “” instead",
    ),
    "yaml_cannot_start": (
        "“{char}”不能作为一段文字的开头；请给整段文字加引号，如 - \"{char}……\"",
        "'{char}' cannot begin a text; put the whole text in quotes, like - \"{char}...\"",
    ),
    "yaml_indentation": (
        "这一行的缩进与上面同一级的内容对不齐：同一级的各项左边要对齐，下一级比上一级多缩进（用空格）",
        "this line's indentation does not line up with the lines above: items of one level start in the same column, and each level is indented further (with spaces)",
    ),
    "yaml_item_inline": (
        "以“- ”开头的一项要另起一行，写在“名称:”的下一行并比它多缩进",
        "an item starting with \"- \" goes on a line of its own, under its \"name:\" and indented further",
    ),
    "yaml_item_folded": (
        "这个“- ”比上一项多缩进，YAML 会把它并入上一段文字；要写下一级，请写成 heading: 标题 和 content: 内容；要另起一段，请与上一项的“- ”左边对齐",
        "this \"- \" is indented under the item before it, so YAML joins it to that item's text; for a level below, write heading: and content:; for a new paragraph, align it with the \"- \" above",
    ),
    "yaml_not_item": (
        "这一行既不是“名称: 内容”，也不是以“- ”开头的一段：正文的每一段请以“- ”（短横加空格）开头",
        "this line is neither \"name: value\" nor an item starting with \"- \": start each paragraph with \"- \" (a dash and a space)",
    ),
    "yaml_multiple_documents": (
        "文件中有多个 YAML 文档（---），一个文件只能写一份报告",
        "the file holds several YAML documents (---); write one report per file",
    ),
    "yaml_alias_bomb": (
        "别名（&/*）展开后的内容过多（超过 {limit} 个节点），已拒绝读取",
        "aliases (&/*) expand to too many nodes (over {limit}); refused",
    ),
    "yaml_alias_cycle": ("别名（&/*）引用了自身", "an alias (&/*) refers to itself"),
    "yaml_too_deep": ("嵌套层次过深（超过 {limit} 层）", "nesting is too deep (over {limit} levels)"),
    "yaml_too_many_lines": (
        "文件有 {lines} 行，超过 {limit} 行的上限（一份报告至多 {paragraphs} 段、{rows} 个表格行），已拒绝读取",
        "the file has {lines} lines, over the limit of {limit} (a report holds at most {paragraphs} paragraphs and {rows} table rows); refused",
    ),
    "yaml_too_much_text": (
        "报告的文字（含别名 &/* 展开的部分）超过 {limit} 个字符的上限，已拒绝读取",
        "the report's text (with what aliases &/* repeat) is over the limit of {limit} characters; refused",
    ),
    "too_many_paragraphs": (
        "段落过多：一份报告至多 {limit} 段（含标题），此处超出",
        "too many paragraphs: a report holds at most {limit} (headings included); this one is over",
    ),
    "too_many_table_rows": (
        "表格行过多：全部表格合计至多 {limit} 行，此处超出",
        "too many table rows: all tables together hold at most {limit}; this one is over",
    ),
    "too_much_text": (
        "文字过多：一份报告（含表格）至多 {limit} 个字符，此处超出",
        "too much text: a report (tables included) holds at most {limit} characters; this is over",
    ),
    "too_many_attachments": (
        "附件过多（{count} 个），至多 {limit} 个",
        "too many attachments ({count}); at most {limit}",
    ),
    "text_too_long": (
        "这段文字有 {length} 个字符，超过每段 {limit} 个字符的上限；请分段",
        "this text has {length} characters, over the limit of {limit} per paragraph; split it",
    ),
    "yaml_duplicate_key": ("键“{key}”重复出现", "the key '{key}' appears twice"),
    "yaml_key_not_text": ("键必须是文字", "keys must be text"),
    "yaml_not_mapping": (
        "报告的顶层应当是“键: 值”形式的映射",
        "the top level of a report must be a mapping of keys to values",
    ),
    # model
    "missing": ("缺少必填项“{label}”（{key}）", "required item '{key}' ({label}) is missing"),
    "unknown_key": ("未知的键“{key}”", "unknown key '{key}'"),
    "text_read_as_key": (
        "这段文字中的“{key}: ”（半角冒号加空格）让 YAML 把它读成了“键: 值”；请把冒号改为全角“：”，或给整段文字加引号",
        "the '{key}: ' (a colon and a space) in this text makes YAML read it as 'key: value'; use a full-width colon '：' or put the whole text in quotes",
    ),
    "unknown_key_suggest": (
        "未知的键“{key}”，是否应为“{suggestion}”？", "unknown key '{key}'; did you mean '{suggestion}'?"
    ),
    "unknown_key_spaced": (
        "键“{key}”前后有空格（可能是看不见的全角空格“　”）：缩进只能用半角空格，键应写作“{suggestion}”",
        "the key '{key}' has spaces around it (perhaps an invisible full-width one): indent with ASCII spaces only, and write the key '{suggestion}'",
    ),
    "unknown_key_chinese": (
        "未知的键“{key}”：键要写英文，“{key}”应写作 {suggestion}",
        "unknown key '{key}': keys are written in English; '{key}' is {suggestion}",
    ),
    "value_empty": ("“{label}”是空的：应填写{expected}", "'{key}' is empty: it should be {expected_en}"),
    "item_empty": (
        "“{label}”的第 {item} 项是空的：应填写{expected}，不需要这一项就删去这一行的“-”",
        "item {item} of '{key}' is empty: it should be {expected_en}, or delete its '-' line",
    ),
    "wrong_type": ("“{label}”应为{expected}", "'{key}' should be {expected_en}"),
    "invalid_value": ("“{label}”的值无效：{detail}", "invalid value for '{key}': {detail}"),
    "too_few": ("“{label}”至少应有 {min_length} 项", "'{key}' needs at least {min_length} item(s)"),
    "text_empty": ("“{label}”不能为空", "'{key}' must not be empty"),
    "control_character": (
        "文字中含有控制字符 {char}（第 {index} 个字符处），请删除",
        "the text holds the control character {char} (at character {index}); remove it",
    ),
    "private_use_character": (
        "文字中含有无法显示的私用区字符 {char}（第 {index} 个字符处），多为输入法或字体造字，请改为标准汉字",
        "the text holds the private-use character {char} (at character {index}); use a standard character",
    ),
    "format_character": (
        "文字中含有看不见的格式字符 {char}（第 {index} 个字符处），多为从网页或其他文档复制时带入，请删除",
        "the text holds the invisible format character {char} (at character {index}), usually copied in from a "
        "web page or another document; remove it",
    ),
    "noncharacter": (
        "文字中含有非字符 {char}（第 {index} 个字符处），它不代表任何文字，请删除",
        "the text holds the noncharacter {char} (at character {index}), which stands for no text; remove it",
    ),
    "surrogate_character": (
        "文字中含有不成对的代理字符 {char}（第 {index} 个字符处）",
        "the text holds the unpaired surrogate {char} (at character {index})",
    ),
    "date_format": (
        "无法识别的日期“{value}”；请写成 2023-12-07 或 2023年12月7日",
        "unrecognised date '{value}'; write it as 2023-12-07 or 2023年12月7日",
    ),
    "year_range": ("报告年度 {year} 不在合理范围（2000—2100）内", "report year {year} is out of range (2000-2100)"),
    "date_before_year": (
        "成文日期 {date} 早于报告年度 {year} 年的开始",
        "the issue date {date} is before the report year {year} began",
    ),
    "date_too_late": (
        "成文日期 {date} 晚于 {limit} 年底，与报告年度 {year} 不符",
        "the issue date {date} is after the end of {limit}, too late for a {year} report",
    ),
    "issuer_and_issuers": (
        "同时写了 issuer 和 issuers：单一机关行文写 issuer，联合行文写 issuers（主办机关在前）",
        "both issuer and issuers are given: write issuer for one issuer, issuers (host first) for a joint report",
    ),
    "joint_signature": (
        "联合行文的署名为各发文机关名称（issuers），不另写 signature",
        "a joint report signs with its issuers' names (issuers): leave out signature",
    ),
    "seal_outside_folder": (
        "印章图片“{image}”不在报告所在文件夹（{folder}）内；请把图片放入该文件夹，或在命令行用 --seal 指定",
        "the seal image '{image}' is outside the report's folder ({folder}): move it there or name it with --seal",
    ),
    "seal_without_folder": (
        "报告不是从文件读入的，无法确定印章图片“{image}”的位置；请在命令行用 --seal 指定",
        "the report was not read from a file, so the seal image '{image}' cannot be found: name it with --seal",
    ),
    "seal_svg_invalid": (
        "印章图片“{image}”不是有效的 SVG 图片（{reason}）", "the seal image '{image}' is not a valid SVG image ({reason})",
    ),
    "seal_svg_no_size": (
        "SVG 印章图片“{image}”没有给出尺寸：请在 <svg> 上写 viewBox，或以 mm、pt、px 等写 width 和 height",
        "the SVG seal image '{image}' gives no size: put a viewBox, or width and height in mm, pt or px, on <svg>",
    ),
    "seal_svg_unsafe": (
        "SVG 印章图片“{image}”含有{what}，出于安全不予读取：印章图片只能含图形本身",
        "the SVG seal image '{image}' holds {what}, which is refused for safety: a seal image may hold only its drawing",
    ),
    "svg_doctype": ("文档类型声明或实体（<!DOCTYPE>、<!ENTITY>）", "a document type or entities (<!DOCTYPE>, <!ENTITY>)"),
    "svg_script": ("脚本或事件属性（{name}）", "a script or an event attribute ({name})"),
    "svg_external": ("对外部文件或网址的引用（{target}）", "a reference to another file or address ({target})"),
    "svg_foreign": ("嵌入的其他内容（{name}）", "embedded foreign content ({name})"),
    "seal_svg_too_complex": (
        "SVG 印章图片“{image}”要绘制的元素超过上限 {limit} 个", "the SVG seal image '{image}' draws more than {limit} elements",
    ),
    "seal_svg_renderer": (
        "无法读取 SVG 印章图片“{image}”：缺少 SVG 转换组件（{reason}）；请安装 cairo 库，或改用透明背景的 PNG 图片",
        "cannot read the SVG seal image '{image}': the SVG converter is missing ({reason}); install the cairo library or use a PNG with a transparent background",
    ),
    "seal_not_a_file": ("印章图片“{image}”不是文件", "the seal image '{image}' is not a file"),
    "seal_unreadable": ("无法读取印章图片“{image}”：{reason}", "cannot read the seal image '{image}': {reason}"),
    "seal_too_large": (
        "印章图片“{image}”有 {size} 字节，超过上限 {limit} 字节", "the seal image '{image}' is {size} bytes, over the limit of {limit}",
    ),
    "seal_too_many_pixels": (
        "印章图片“{image}”为 {width}×{height} 像素，超过上限 {limit} 像素",
        "the seal image '{image}' is {width} x {height} pixels, over the limit of {limit}",
    ),
    "seal_not_png": ("印章图片“{image}”不是有效的 PNG 或 SVG 图片", "the seal image '{image}' is not a valid PNG or SVG image"),
    "title_without_year": (
        "标题“{title}”中没有报告年度“{year}年”",
        "the title '{title}' does not name the report year {year}",
    ),
    "part_missing": (
        "缺少第{number}部分“{name}”（{key}）",
        "part {number} '{name_en}' ({key}) is missing",
    ),
    "part_key_named": (
        "“{given}”不是部分的键：第{number}部分“{name}”请写在键 {key} 下，标题可用其下的 heading 改写",
        "'{given}' is not a part's key: part {number} '{name_en}' goes under the key {key}; its heading can be reworded with heading:",
    ),
    "part_is_text": (
        "第{number}部分“{name}”要写成列表：每段另起一行，以“- ”开头（比 {key}: 多缩进）",
        "part {number} '{name_en}' is a list: each paragraph on a line of its own, starting with \"- \" (indented under {key}:)",
    ),
    "part_key_misspelt": (
        "未知的键“{given}”，是否应为第{number}部分的键“{key}”？",
        "unknown key '{given}'; did you mean '{key}', the key of part {number}?",
    ),
    "part_order": (
        "部分顺序有误：“{name}”（{key}）应排在“{before}”（{before_key}）之前",
        "parts out of order: '{name_en}' ({key}) must come before '{before_en}' ({before_key})",
    ),
    "part_empty": ("第{number}部分“{name}”（{key}）没有内容", "part {number} '{name_en}' ({key}) is empty"),
    "section_too_deep": (
        "层次过深：正文标题最多四级（一、（一）1.（1）），此处是第 {level} 级",
        "too deep: headings go four levels at most (一、（一）1.（1）); this is level {level}",
    ),
    "run_in_without_text": (
        "“run_in: true”的小标题后面必须紧跟一段正文",
        "a run-in heading (run_in: true) must be followed by a paragraph",
    ),
    "heading_only_marker": ("标题只有序号，没有文字", "the heading has a number but no text"),
    "doc_number_brackets": (
        "发文字号“{value}”的年份应当用六角括号〔〕括入，如：同科字〔2024〕5号",
        "the document number '{value}' must put the year in 〔〕, e.g. 同科字〔2024〕5号",
    ),
    "doc_number_di": (
        "发文字号“{value}”的序号前不加“第”字",
        "the document number '{value}' must not put 第 before the serial number",
    ),
    "doc_number_leading_zero": (
        "发文字号“{value}”的序号不编虚位（不写前导零），如 5号 而非 005号",
        "the document number '{value}' must not pad the serial number with zeros",
    ),
    "doc_number_format": (
        "发文字号“{value}”格式不对，应为“机关代字〔年份〕序号号”，如：同科字〔2024〕5号",
        "the document number '{value}' should read 'prefix〔year〕N号', e.g. 同科字〔2024〕5号",
    ),
    "copy_number_format": ("份号应为 1 至 6 位数字", "the copy number must be 1 to 6 digits"),
    "classification_format": (
        "密级“{value}”应为 绝密、机密 或 秘密，可加保密期限，如：机密★1年",
        "classification '{value}' must be 绝密, 机密 or 秘密, optionally with a term such as 机密★1年",
    ),
    "table_ragged": (
        "表格第 {row} 行有 {cells} 个单元格，表头有 {columns} 个",
        "table row {row} has {cells} cells; the header has {columns}",
    ),
    # importing an existing report (text, Markdown, DOCX, HTML, .doc/.wps/.odt, PDF)
    "import_kind_unknown": (
        "无法导入“{kind}”类文件；可导入：{known}",
        "cannot import a '{kind}' file; importable: {known}",
    ),
    "import_save_as": (
        "无法直接导入 {suffix} 文件：请在 Word 或 WPS 中“另存为” .{target} 后再导入",
        "cannot import a {suffix} file: save it as .{target} in Word or WPS, then import that",
    ),
    "import_docx_unreadable": (
        "无法读取该 Word 文档（{reason}）；请确认是 .docx 文件",
        "cannot read this Word document ({reason}); is it a .docx file?",
    ),
    "import_docx_part_too_large": (
        "Word 文档中的“{part}”解压后有 {size} 字节，超过每个部件 {limit} 字节的上限，已拒绝读取",
        "the Word document's '{part}' inflates to {size} bytes, over the limit of {limit} bytes per part; refused",
    ),
    "import_docx_too_large": (
        "Word 文档解压后共有 {size} 字节，超过整个文档 {limit} 字节的上限，已拒绝读取",
        "the Word document inflates to {size} bytes in all, over the limit of {limit} bytes; refused",
    ),
    "import_docx_bad_value": (
        "无法读取该 Word 文档：其中的 {value} 不是 Word 允许的值（应为 {low} 到 {high} 之间的整数）",
        "cannot read this Word document: {value} is not a value Word allows (a whole number from {low} to {high})",
    ),
    "import_docx_style_cycle": (
        "无法读取该 Word 文档：列表的编号样式互相引用，成了循环（numStyleLink：{chain}）",
        "cannot read this Word document: its list numbering styles refer to each other in a loop (numStyleLink: {chain})",
    ),
    "import_html_too_deep": (
        "网页的元素嵌套过深（超过 {limit} 层），其中的文字无法完整读取；请在浏览器中复制正文存为 .txt 后再导入",
        "the page's elements are nested too deep (over {limit} levels) for its text to be read whole; copy the text from a browser into a .txt and import that",
    ),
    "import_ofd_unreadable": (
        "无法读取该 OFD 文件（{reason}）；请确认是 .ofd 文件",
        "cannot read this OFD file ({reason}); is it an .ofd file?",
    ),
    "import_html_unreadable": ("无法读取该网页（{reason}）", "cannot read this web page ({reason})"),
    "import_html_embedded_document": (
        "该网页上没有报告的文字，报告在网页显示或所附的文件 {file} 中：请下载该文件（网页上的下载链接，或在浏览器中打开该地址后保存），再导入该文件",
        "this page holds no text of the report, which is in the file {file} it shows or attaches: download that file "
        "(the page's download link, or open the address in the browser and save it), then import it",
    ),
    "import_mhtml_no_page": (
        "该单个文件网页（.mhtml）中没有找到网页正文：请在浏览器中打开原网页，“另存为”“网页，全部”（.html）后导入",
        "this single-file web page (.mhtml) holds no page: open the page in the browser and save it as 'Webpage, Complete' (.html), then import that",
    ),
    "import_soffice_missing": (
        "无法读取 {suffix} 文件：本机没有安装 LibreOffice（找不到 soffice 命令）。请安装 LibreOffice 后再试，"
        "或在 Word、WPS 中“另存为” .docx 后导入",
        "cannot read a {suffix} file: LibreOffice is not installed (no soffice command). Install LibreOffice, "
        "or save the file as .docx in Word or WPS and import that",
    ),
    "import_convert_failed": (
        "LibreOffice 未能把该文件转换为 .docx（{reason}）；文件可能已损坏或不是 {suffix} 文件，"
        "请在 Word、WPS 中打开并“另存为” .docx 后导入",
        "LibreOffice could not convert the file to .docx ({reason}); it may be damaged or not a {suffix} file: "
        "open it in Word or WPS, save it as .docx and import that",
    ),
    "import_not_office": (
        "该文件不是 {suffix} 文档（开头不像 Word、WPS 或 OpenDocument 文件）；请在 Word、WPS 中打开并“另存为” .docx 后导入",
        "this is no {suffix} document (it does not start as a Word, WPS or OpenDocument file): "
        "open it in Word or WPS, save it as .docx and import that",
    ),
    "import_convert_timeout": (
        "LibreOffice 转换该文件超过 {seconds} 秒仍未完成，已停止；请在 Word、WPS 中“另存为” .docx 后导入",
        "LibreOffice took over {seconds} seconds to convert the file and was stopped: "
        "save it as .docx in Word or WPS and import that",
    ),
    "import_converted": (
        "已用 LibreOffice 将 {suffix} 文件转换为 .docx 后读取", "converted from {suffix} to .docx with LibreOffice, then read",
    ),
    "import_pdf_unmapped": (
        "这个 PDF 的文字层还原不成文字：{share}% 的字符没有对应的汉字编码（字体未附带字符映射，复制出来是乱码）。"
        "请找到原 Word 文件导入，或先用 OCR 软件（如 WPS、Adobe Acrobat 的“文字识别”）转为文字后再导入",
        "this PDF's text layer does not read as text: {share}% of its characters map to no character (its fonts carry "
        "no character map; copied, they come out garbled). Import the original Word file, or run OCR (WPS, Adobe Acrobat) first",
    ),
    "import_pdf_scanned": (
        "这是扫描件：PDF 的 {pages} 页中没有可读取的文字（只有图像）。请找到原 Word 文件导入，"
        "或先用 OCR 软件（如 WPS、Adobe Acrobat 的“文字识别”）转为文字后再导入",
        "this is a scan: the PDF's {pages} page(s) hold no text, only images. Import the original Word file, "
        "or turn the scan into text with OCR (WPS, Adobe Acrobat) first",
    ),
    "import_pdf_encrypted": (
        "该 PDF 有打开密码，无法读取；请去掉密码后另存一份再导入",
        "this PDF is protected by a password: save a copy without the password and import that",
    ),
    "import_pdf_unreadable": (
        "无法读取该 PDF（{reason}）；文件可能已损坏或下载不完整",
        "cannot read this PDF ({reason}); the file may be damaged or incompletely downloaded",
    ),
    "import_pdf_read": (
        "已读取 PDF 的文字层（{pages} 页），按行距和缩进合并为段落，请核对分段",
        "read the PDF's text layer ({pages} page(s)) and joined its lines into paragraphs by spacing and indent: check them",
    ),
    "import_pdf_furniture": (
        "已略去 PDF 每页的页码和页眉页脚：{text}", "dropped the PDF's page numbers and running headers and footers: {text}",
    ),
    "import_gbk": (
        "文件不是 UTF-8 而是 GBK/GB18030 编码（记事本、旧网页常用），已按 GBK 读取",
        "the file is GBK/GB18030, not UTF-8 (as Notepad and older web pages save it); read as GBK",
    ),
    "import_front_matter": (
        "已略去 Markdown 文件开头的属性区（第 1–{end} 行，编辑器所加）",
        "dropped the Markdown file's front matter (lines 1-{end}, the editor's)",
    ),
    "import_furniture": ("已略去网页附加内容：{text}", "dropped web-page furniture: {text}"),
    "import_photo_caption": (
        "图片说明已略去（报告正文不排图片）：{text}", "dropped a photo's caption (a report's text holds no pictures): {text}",
    ),
    "import_heading_ornament": (
        "标题上方单独一行的装饰序号“{text}”已略去，其下一行作为一级标题",
        "dropped the ornamental number '{text}' standing alone above a heading: the line under it is a top-level heading",
    ),
    "import_not_a_report": (
        "“{title}”是一份{kind}，不是法治政府建设年度报告：请导入年度报告本身（标题以“报告”结尾）",
        "'{title}' is a {kind} ({kind_en}), not an annual report on building a law-based government: "
        "import the report itself (its title ends in 报告)",
    ),
    "import_line_joined": (
        "此行接续上一行的句子（复制 PDF 等留下的断行），已合并：{text}",
        "this line continues the sentence of the line before (a line break left by copying a PDF): joined: {text}",
    ),
    "import_disclosure": ("政府信息公开信息（{labels}），作为元数据保留", "disclosure header ({labels_en}), kept as metadata"),
    "import_disclosure_dropped": ("政府信息公开信息中无对应字段的项目已略去：{text}",
                                  "disclosure entries with no field in the report dropped: {text}"),
    "import_header": ("版头：{text}", "red header: {text}"),
    "import_doc_number_fixed": ("发文字号“{old}”改为规范写法“{new}”", "document number '{old}' written as '{new}'"),
    "import_before_title": (
        "标题前的内容不属于报告，已略去：{text}", "dropped what stands before the report's title: {text}",
    ),
    "import_title": ("标题：{text}", "title: {text}"),
    "import_no_title": ("没有找到标题，将使用“发文机关＋年度＋法治政府建设年度报告”", "no title found; the standard title will be used"),
    "import_addressee": ("主送机关：{text}", "addressee: {text}"),
    "import_byline": ("标题下的发文机关：{text}", "issuer under the title: {text}"),
    "import_opening": ("导语：{count} 段", "opening: {count} paragraph(s)"),
    "import_part": ("第{number}部分“{name}”：{heading}", "part {ordinal} ({name_en}): {heading}"),
    "import_part_by_position": (
        "标题“{heading}”看不出属于哪一部分，按位置归入第{number}部分“{name}”，请核对",
        "the heading '{heading}' does not say which part it is; placed by position as part {ordinal} ({name_en}): check it",
    ),
    "import_parts_split": (
        "标题“{heading}”把第二部分“存在的不足和原因”和第四部分“下一年度主要安排”写在了一起，已拆为“{first}”和“{second}”两部分，分别排在第二、第四部分的位置，请核对",
        "the heading '{heading}' joins part 2 (shortcomings) and part 4 (plans): split into '{first}' and '{second}', placed as parts 2 and 4: check them",
    ),
    "import_parts_combined": (
        "标题“{heading}”把第二部分“存在的不足和原因”和第四部分“下一年度主要安排”写在了一起，找不到二者的分界：请把下一年度的安排单列为一部分",
        "the heading '{heading}' joins part 2 (shortcomings) and part 4 (plans), and where one ends is not clear: put the plans in a part of their own",
    ),
    "import_unplaced": (
        "无法归位：“{text}”，已保留在{place}中，请核对",
        "could not place '{text}'; kept in {place_en}: check it",
    ),
    "import_no_parts": (
        "没有找到“一、”“二、”等部分标题", "no part headings (一、二、…) found",
    ),
    "import_renumbered": (
        "序号“{marker}”用在第 {level} 级标题上，排版时按该级编号（如“{new}”）",
        "the marker '{marker}' numbers a level-{level} heading; it will be numbered as that level (e.g. '{new}')",
    ),
    "import_too_deep": (
        "层次超过四级：“{text}”改为正文段落", "deeper than four levels: '{text}' kept as a paragraph",
    ),
    "import_table": ("表格：{rows} 行 × {columns} 列", "table: {rows} row(s) x {columns} column(s)"),
    "import_table_one_row": (
        "表格只有一行，已改为正文段落", "a table with a single row, kept as a paragraph",
    ),
    "import_table_ragged": (
        "表格各行单元格数不一，已按 {columns} 列补齐空格", "table rows differ in length; padded to {columns} columns",
    ),
    "import_attachments": ("附件：{count} 件", "attachments: {count}"),
    "import_attachment_page": ("{label}：{text}", "{label}: {text}"),
    "import_signature": ("署名：{text}", "signature: {text}"),
    "import_no_signature": (
        "成文日期前没有找到署名，将以发文机关署名", "no signature before the date; the issuer will sign",
    ),
    "import_seal": ("署名和日期按加盖印章的位置排列", "signature and date are placed for a seal"),
    "import_date": ("成文日期：{text}", "issue date: {text}"),
    "import_title_year_in_figures": (
        "标题中的年份已改为半角阿拉伯数字：{text}", "the year in the title is now in half-width figures: {text}",
    ),
    "import_no_date": (
        "没有找到成文日期（正文后单独一行的日期，如 2023年12月7日）",
        "no issue date found (a date on its own line after the text, e.g. 2023年12月7日)",
    ),
    "import_note": ("附注：{text}", "note: {text}"),
    "import_end_block": ("版记：{text}", "end block: {text}"),
    "import_picture_dropped": (
        "此处的图片未导入：报告正文不排图片（印章图片请在报告中用 seal 指定）",
        "the picture here is not imported: a report's text holds no pictures (name a seal's image with seal: in the report)",
    ),
    "import_docx_footnote": (
        "此处的脚注未导入：报告正文不排脚注，请把需要的内容写入正文：{text}",
        "the footnote here is not imported: a report's text has no footnotes; put what is needed in the text: {text}",
    ),
    "import_docx_endnote": (
        "此处的尾注未导入：报告正文不排尾注，请把需要的内容写入正文：{text}",
        "the endnote here is not imported: a report's text has no endnotes; put what is needed in the text: {text}",
    ),
    "import_docx_comment": (
        "此处的批注未导入：{text}", "the comment here is not imported: {text}",
    ),
    "import_docx_hidden": (
        "此处的隐藏文字未导入（Word 中设为“隐藏”，打印时不显示）：{text}",
        "the hidden text here is not imported (set hidden in Word, it does not print): {text}",
    ),
    "import_docx_revisions": (
        "文档中留有 {count} 处修订，已按全部接受导入（删除的文字未导入），请核对",
        "the document keeps {count} tracked changes, imported as all accepted (deleted text left out); check them",
    ),
    "import_docx_header_footer": (
        "{place}中的文字未导入：{text}（报告的页码由排版生成；若这是发文机关标志，请在导入后的 header 中写明）",
        "the text of the page {place_en} is not imported: {text} (page numbers are made when rendering; if this is the issuing body's mark, write it under header in the imported report)",
    ),
    "import_docx_toc": (
        "目录（{count} 行）未导入：报告不排目录", "the table of contents ({count} lines) is not imported: a report has none",
    ),
    "import_docx_placeholder": (
        "此处未填写的内容控件的提示文字未导入：{text}", "the prompt of an unfilled content control here is not imported: {text}",
    ),
    "import_docx_object": (
        "此处嵌入的对象（{program}）未导入，只有它的图片：表格请在 Word 中复制其单元格、粘贴为表格后再导入",
        "the object embedded here ({program}) is not imported, only its picture is there: copy a table's cells "
        "and paste them into Word as a table, then import",
    ),
    "import_docx_chart": (
        "此处的图表未导入：报告正文不排图表，其中的数据请写成表格",
        "the chart here is not imported: a report's text holds no charts; put its figures in a table",
    ),
    "import_docx_symbol": (
        "此处的符号（{font} 字体 {char}）无法转换为文字，未导入，请核对",
        "the symbol here ({font} font, {char}) has no text equivalent and is not imported; check it",
    ),
    "import_end_block_completed": (
        "版记缺少印发机关或印发日期，已补为“{printer}　{date}印发”，请核对",
        "the end block has no printing office or date: '{printer}', {date} filled in; check them",
    ),
    "import_issuer_from_title": (
        "没有署名，发文机关取自标题：{text}", "no signature; the issuer is taken from the title: {text}",
    ),
    "import_date_from_disclosure": (
        "正文后没有成文日期，取自网页政府信息公开信息中的成文日期：{text}，请核对",
        "no issue date after the text; taken from the page's disclosure header: {text}: check it",
    ),
    "import_issuer_from_disclosure": (
        "没有署名，发文机关取自网页的发布机构：{text}", "no signature; the issuer is the page's publisher: {text}",
    ),
    "import_guess_dropped": (
        "“{text}”未通过检查（{reason}），已略去，请核对", "'{text}' left out, as it does not pass the checks ({reason_en}): check it",
    ),
    "import_year_from_date": (
        "标题或小标题中的年度与成文日期不符（{reason}），按成文日期推定为 {year} 年，请核对",
        "the year in the title or a heading does not fit the date ({reason_en}); {year} assumed from the date: check it",
    ),
    "import_need_date": (
        "没有找到成文日期：请在文末署名的下一行单独写上成文日期（如 2025年1月20日），再导入",
        "no issue date found: add it on a line of its own under the signature at the end (e.g. 2025年1月20日), then import again",
    ),
    "import_measures_gathered": (
        "“{text}”等 {count} 个标题看不出属于哪一部分，都在其他部分之前，已作为第{number}部分“{name}”的小标题（该部分用标准标题），请核对",
        "'{text}' and the {count} headings with it name no part and stand before the others: they are now sections of part {number} '{name_en}' (under its standard heading): check them",
    ),
    "import_need_day": (
        "成文日期“{text}”没有写日：请写全年、月、日（如 {example}），再导入",
        "the issue date '{text}' has no day: add the day (e.g. {example}), then import again",
    ),
    "import_need_issuer": (
        "没有找到发文机关：请在文末成文日期的上一行写上发文机关署名（如 青山县司法局），或在标题中写明，再导入",
        "no issuer found: add the issuing body's name on the line above the date at the end (e.g. 青山县司法局), or in the title, then import again",
    ),
    "import_need_content": (
        "第{number}部分“{name}”的标题下没有内容：请在标题下写上该部分的情况，再导入",
        "part {number} '{name_en}' ({key}) has nothing under its heading: add what it reports, then import again",
    ),
    "import_need_parts": (
        "没有找到报告正文的各部分：请按{headings}写上各部分的标题和内容，再导入",
        "none of the report's parts found: add them, headed {headings_en}, each with what it reports, then import again",
    ),
    "import_need_part": (
        "没有找到第{number}部分“{name}”：请加上以“{number}、{name}”为标题的一部分，再导入",
        "part {number} '{name_en}' ({key}) not found: add a part headed '{number}、{name}', then import again",
    ),
    "import_year_guessed": (
        "标题中没有年度，按成文日期推定为 {year} 年，请核对", "no year in the title; {year} assumed from the date: check it",
    ),
    "import_invisible": (
        "已删去 {count} 个看不见的格式字符（零宽空格、软连字符等，多为网页复制带入）",
        "removed {count} invisible format character(s) (zero-width spaces, soft hyphens, ...), usually from a web copy",
    ),
    "import_no_text_page": (
        "已略去“{text}”：这是原稿为只有署名和日期的一页所加的标记，排版时署名与正文相连，不需要它",
        "left out '{text}': the draft's mark for a page holding only the signature and date, which the layout does not need",
    ),
    "import_emoji": (
        "已删去 {count} 个表情符号（多为微信公众号文章带入）",
        "removed {count} emoji, usually from a WeChat article",
    ),
    "import_punctuation": (
        "{count} 处半角标点改为全角（保留原样请加 --keep-punctuation）",
        "{count} half-width punctuation mark(s) made full-width (--keep-punctuation keeps them)",
    ),
    "import_summary": (
        "已导入 {parts} 个部分、{sections} 个小标题、{paragraphs} 段正文、{tables} 个表格；无法归位 {unplaced} 处",
        "imported {parts} parts, {sections} headings, {paragraphs} paragraphs, {tables} tables; {unplaced} not placed",
    ),
    # rendering and output
    "format_unknown": (
        "不支持的输出格式“{format}”；可用：{known}",
        "unsupported output format '{format}'; available: {known}",
    ),
    "format_unavailable": (
        "输出格式“{format}”尚不可用：{reason}",
        "output format '{format}' is not available: {reason}",
    ),
    "output_is_input": ("输出文件与输入文件相同，拒绝覆盖输入", "the output is the input file; refusing to overwrite it"),
    "output_default_not_ours": (
        "“{path}”已存在，且不是本工具生成的文件，不会覆盖；请用 -o 指定输出文件",
        "'{path}' exists and was not written by report-composer, so it is left alone; name the output with -o",
    ),
    "output_default_is_input": (
        "默认的输出文件就是输入文件，拒绝覆盖输入；请用 -o 指定输出文件，如 -o 排版后.docx",
        "the default output is the input file; refusing to overwrite it: name the output with -o",
    ),
    "output_unwritable": ("无法写入输出文件：{reason}", "cannot write the output: {reason}"),
    "option_unsupported": (
        "选项 --{option} 不适用于 {format} 格式，只适用于：{formats}",
        "the option --{option} does not apply to the {format} format, only to: {formats}",
    ),
    "format_needed": (
        "无法从“{path}”判断输出格式，请用 --format 指定",
        "cannot tell the output format from '{path}'; give --format",
    ),
    # batch
    "batch_no_inputs": (
        "没有找到要排版的报告（文件夹中查找 *.yaml、*.yml{more}）",
        "no reports to render (folders are searched for *.yaml, *.yml{more_en})",
    ),
    "batch_drafts_left": (
        "文件夹中另有 {count} 份 Word、文本或网页文件（如“{example}”）未处理；加 --import 可一并导入排版",
        "the folder also holds {count} Word, text or web files (like '{example}'), not processed; --import imports and renders them too",
    ),
    "batch_time_limit": (
        "{seconds} 秒内未能完成，已停止；其余报告照常处理（可用 --time-limit 放宽）",
        "not done within {seconds} s, so stopped; the other reports went on (--time-limit allows more)",
    ),
    "batch_skip_special": (
        "不是普通文件（管道、套接字或设备），已跳过",
        "not a regular file (a pipe, socket or device); skipped",
    ),
    "batch_skip_link": (
        "符号链接指向的文件不存在或链接成环，已跳过",
        "a symbolic link to nothing, or a loop of links; skipped",
    ),
    "batch_jobs_capped": (
        "-j {asked} 超过本机 {cores} 核的 4 倍，按 {used} 个进程运行",
        "-j {asked} is more than 4 times this machine's {cores} cores; running {used} processes",
    ),
    "batch_internal_error": ("内部错误，本报告未生成：{detail}", "internal error; this report was not rendered: {detail}"),
    "batch_worker_died": (
        "排版此报告的进程意外退出（可能内存不足），重试后仍未成功",
        "the process rendering this report stopped unexpectedly (out of memory?), also when retried",
    ),
    # the style profile overlay (--profile FILE)
    "profile_syntax": (
        "版式文件不是有效的 TOML，请检查此处的方括号、引号、等号和逗号（{detail}）",
        "the profile is not valid TOML: {detail}",
    ),
    "profile_unknown_key": (
        "版式中没有“{key}”，是否应为“{close}”？",
        "the profile has no '{key}'; did you mean '{close}'?",
    ),
    "profile_unknown_key_known": (
        "版式中没有“{key}”；此处可用：{known}",
        "the profile has no '{key}'; known here: {known_en}",
    ),
    "profile_not_value_table": (
        "“{key}”应写成带单位的数值表，如 {example}",
        "'{key}' must be a value table with its unit, such as {example}",
    ),
    "profile_not_table": ("“{key}”应为一个表，写作 {header}", "'{key}' must be a table, written {header}"),
    "profile_missing": ("“{key}”缺少“{field}”", "'{key}' lacks '{field}'"),
    "profile_value_type": ("“{key}”应为{expected}，而不是 {got}", "'{key}' must be {expected_en}, not {got}"),
    "profile_unit": (
        "“{key}”的单位（unit）应为 {allowed}，而不是“{unit}”",
        "the unit of '{key}' must be {allowed_en}, not '{unit}'",
    ),
    "profile_choice": ("“{key}”应为 {allowed} 之一，而不是 {got}", "'{key}' must be one of {allowed_en}, not {got}"),
    "profile_range": ("“{key}”应{bound}，而不是 {value}", "'{key}' must be {bound_en}, not {value}"),
    "profile_color": (
        "“{key}”应为六位十六进制颜色（RRGGBB，如 FF0000），而不是“{value}”",
        "'{key}' must be a colour of six hex digits (RRGGBB, such as FF0000), not '{value}'",
    ),
    "profile_text_block": (
        "版心超出页面：页边距与版心之和（{sum} mm）大于页面的{side}（{page} mm）",
        "the text block does not fit the page: margins and text block ({sum} mm) exceed the page {side_en} ({page} mm)",
    ),
    "profile_font_file": ("找不到字体文件“{path}”", "font file not found: '{path}'"),
    "profile_invalid": ("“{key}”的值不正确：{detail}", "'{key}' is not valid: {detail}"),
    # fonts (PDF); a parameter that is a Problem (or a tuple of them) is worded in the same language
    "font_unavailable": ("找不到可用的字体：{detail}", "no usable font: {detail}"),
    "font_missing_character": (
        "{role}字体“{face}”中没有字符“{char}”（{codepoint}），位于{where}：“{context}”；"
        "请改用常用字，或在 --profile 文件的 [font_files] 中为{role}指定含有此字的字体",
        "the {role} face '{face}' has no glyph for '{char}' ({codepoint}), in {where}: '{context}'; "
        "use a common character, or name a face that has it under [font_files] in a --profile file",
    ),
    "font_substituted": (
        "本机缺少公文规定的字体，PDF、OFD 已用其他字体代替：{list}。安装规定字体后重新生成即可",
        "the official faces are not installed; the PDF and OFD use stand-ins: {list}. "
        "Install the official faces and render again",
    ),
    "font_stand_in": ("{role}用 {family} 代替 {requested}", "{role}: {family} for {requested}"),
    "font_borrowed": (
        "以下字符所用字体中没有，PDF 已改用其他字体：{list}",
        "characters their face lacks are drawn from another face: {list}",
    ),
    "font_lent": ("{role}中的“{chars}”用 {family}", "'{chars}' of the {role} from {family}"),
    "font_role_unknown": ("未知的字体角色“{role}”；可用：{roles}", "unknown font role '{role}'; roles are {roles}"),
    "font_no_face": (
        "{role}（{name}）没有可用的字体：请安装 {package}（pip install {package}），或在 --profile 文件的 "
        "[font_files] 中指定字体文件",
        "no face for the {role} ({name}): install {package} (pip install {package}) or configure a font file",
    ),
    "font_file_missing": ("配置的{role}字体文件不存在：{path}", "configured {role} font file not found: {path}"),
    "font_file_no_index": (
        "配置的{role}字体 {path} 中没有第 {index} 号字体", "configured {role} font {path} has no face #{index}"
    ),
    "font_not_installed": ("配置的{role}字体“{name}”未安装", "configured {role} face '{name}' is not installed"),
    "font_unreadable": ("无法读取字体 {path}：{reason}", "cannot read font {path}: {reason}"),
    "font_unusable": ("无法使用字体 {family}（{path}）：{reason}", "reportlab cannot use {family} ({path}): {reason}"),
    "font_lacks": ("{role}字体 {faces} 中没有 {chars}", "{role} font {faces} lacks {chars}"),
    "font_face": ("{role}：{family}{status}，{source}：{place}{fallback}", "{role}: {family}{status}, {source} at {place}{fallback}"),
    "font_face_stands_in": ("（代替 {requested}）", " (stands in for {requested})"),
    "font_face_fallback": ("；缺字时用 {family}", "; characters it lacks from {family}"),
    "font_source_configured": ("配置指定", "configured"),
    "font_source_installed": ("已安装", "installed"),
    "font_source_bundled": ("随附 {package}", "bundled {package}"),
    "empty": ("", ""),
    "role_title": ("标题", "title"),
    "role_body": ("正文", "body"),
    "role_heading1": ("一级标题", "heading 1"),
    "role_heading2": ("二级标题", "heading 2"),
    "role_page_number": ("页码", "page number"),
    # the kinds of text on a page, to say where a character is
    "block_numbered": ("第 {number} 段（{kind}）", "block {number} ({kind})"),
    "block_title": ("标题", "the title"),
    "block_addressee": ("主送机关", "the addressee"),
    "block_heading": ("小标题", "a heading"),
    "block_paragraph": ("正文", "the body text"),
    "block_table": ("表格", "a table"),
    "block_attachments": ("附件说明", "the attachments"),
    "block_attachment_label": ("附件标识", "the attachment's label"),
    "block_signature": ("署名和日期", "the signature and date"),
    "block_note": ("附注", "the note"),
    "block_header": ("版头", "the header"),
    "block_end_block": ("版记", "the end block"),
    "block_page_number": ("页码", "the page numbers"),
    # PDF/A
    "pdf_standard_unknown": (
        "不支持的 PDF 标准“{standard}”；可用：{known}",
        "unknown PDF standard '{standard}'; available: {known}",
    ),
    "pdf_transparency_refused": (
        "{what}含有透明部分，PDF/A-1b 不允许透明；请改用 --pdf-standard a-2b（默认）或 a-3b",
        "{what_en} has transparent parts, which PDF/A-1b does not allow; use --pdf-standard a-2b (the default) or a-3b",
    ),
    # what the PDF page cannot hold (a clipped page would lose the text silently)
    "layout_outside_text_block": (
        "{where}超出版心，PDF 无法完整印出：“{context}”；{hint}",
        "{where} does not fit the text block, so the PDF cannot print it whole: '{context}'; {hint}",
    ),
    "layout_hint_signature": ("署名应在一行内排完，请缩短署名", "a signature takes one line: shorten it"),
    "layout_hint_signers": (
        "签发人姓名每行排两个，请缩短姓名或减少签发人",
        "signers stand two to a line: shorten the names or name fewer signers",
    ),
    "layout_hint_header": ("版头须排在首页，请缩短版头的内容", "the header must fit the first page: shorten it"),
    "layout_hint_end_block": (
        "版记须排在一页之内，请缩短抄送机关名单", "the end block must fit one page: shorten the copy-to list"
    ),
    "layout_hint_text": ("请缩短此处文字", "shorten this text"),
    # lint (report-composer lint): rule codes S structure, P punctuation, N numbers and dates,
    # D deadline, W wording, L length, I issuers; S001 to S003 are the part_* messages above.
    "S004": (
        "第{number}部分“{name}”只有 {chars} 个字，内容过少（一般不少于 {minimum} 字）",
        "part {number} '{name_en}' has only {chars} characters, suspiciously short (at least {minimum} expected)",
    ),
    "S005": ("标题层次不对：“{marker}”是第{typed}级序号，{detail}", "heading level: '{marker}' is a level-{typed} marker that {detail_en}"),
    "S006": (
        "“{marker}{heading}”是唯一的下级标题：只有一项时不宜单独分级",
        "'{marker}{heading}' is the only sub-heading here: a single item should not get a level of its own",
    ),
    "S007": (
        "“{name}”与所附附件不符：附件说明按 attachments 中的名称和标题排印（现有：{names}）",
        "attachment '{name}' does not match the attachments' titles, which the printed note is made from (listed: {names})",
    ),
    "I001": (
        "{place}“{text}”没有写明发文机关“{names}”：与署名不一致",
        "{place_en} '{text}' does not name the issuer '{names}' the report signs with",
    ),
    "I002": (
        "{place}“{text}”中发文机关的顺序与署名不一致，应为“{names}”（主办机关在前）",
        "{place_en} '{text}' names the issuers in another order than they sign: {names} (the host first)",
    ),
    "P001": ("“{context}”中的半角“{old}”应为全角“{new}”", "half-width '{old}' in '{context}' should be full-width '{new}'"),
    "P002": ("括号或引号不成对：此处的 {mark} {detail}", "unbalanced bracket or quote: '{mark}' {detail_en}"),
    "P003": ("引号样式不统一：全文多用“{main}”，此处用了“{mark}”", "mixed quotation marks: the text mostly uses '{main}', here '{mark}'"),
    "P004": ("标点重复：“{marks}”", "repeated punctuation: '{marks}'"),
    "P005": ("小标题句末{ending}，同级其他小标题{expected}，宜统一", "this heading {ending_en}, while its siblings {expected_en}"),
    "P006": (
        "与正文同段的小标题“{heading}”末尾没有标点，会与正文连成一句；宜加句号",
        "the run-in heading '{heading}' has no final punctuation, so it runs into the text; end it with 。",
    ),
    "P007": (
        "这一行“#”之后的“{comment}”被 YAML 当作注释，不会印出；若它是正文，请给整段文字加引号",
        "what follows '#' on this line ('{comment}') is a YAML comment and is not printed; if it is part of the text, put the whole text in quotes",
    ),
    "N001": ("日期“{date}”不编虚位（不加前导零），应为“{fixed}”", "the date '{date}' must not have leading zeros: '{fixed}'"),
    "N002": (
        "发文字号“{number}”的年份应当用六角括号〔〕括入：“{fixed}”",
        "the document number '{number}' must put the year in 〔〕: '{fixed}'",
    ),
    "N004": ("数字“{number}”用了全角字符，应为半角“{fixed}”", "the number '{number}' is in full-width characters: '{fixed}'"),
    "N003": ("第一部分写的是{year}年的工作，此处却是“{found}年”，是否笔误？", "part one is about {year}, but this says {found}: a typo?"),
    "D001": (
        "成文日期{date}已过{next}年第一季度；年度报告应于每年第一季度报送",
        "the issue date {date} is after the first quarter of {next}; annual reports are due in the first quarter",
    ),
    "W001": ("词语重复：“{text}”", "doubled word: '{text}'"),
    "W002": ("单字重复：“{text}”（{context}），不是常见叠词，请核对", "doubled character '{text}' ({context}) is not a usual reduplication; check it"),
    "W003": ("“{text}”疑似漏字，是否应为“{phrase}”？", "'{text}' looks truncated; did you mean '{phrase}'?"),
    "L001": ("标题排成 {lines} 行（每行至多 {limit} 字），宜精简到两行以内", "the title takes {lines} lines (at most {limit} characters each); keep it to two"),
    "L002": (
        "标题“{heading}”连同序号和缩进宽 {width} 字，超过一行（{limit} 字），宜精简",
        "the heading '{heading}' is {width} characters wide with its number and indent, over one line ({limit})",
    ),
    "lint_unknown_rule": ("检查设置中的规则代码“{code}”不存在", "the lint settings name an unknown rule '{code}'"),
    "lint_unknown_option": (
        "没有代码为“{code}”的检查规则；可用的规则：{known}",
        "no lint rule has the code '{code}'; the rules are: {known}",
    ),
    "lint_fix_refused": (
        "--fix 只修改 YAML 报告，不改动源文件（仍照常检查）；请先用 report-composer import 转为 YAML 再修正",
        "--fix edits YAML reports only, not source files (still linted); import to YAML first, then fix",
    ),
    # report-composer serve: the web workbench and the HTTP API
    "serve_listening": (
        "工作台已启动：{url} （按 Ctrl-C 停止）", "the workbench is running at {url} (Ctrl-C to stop)",
    ),
    "serve_stopped": ("工作台已停止", "the workbench has stopped"),
    "serve_not_loopback": (
        "正在监听 {host}，本机以外的计算机也能访问并使用本服务；只在可信的网络中这样做",
        "listening on {host}: other computers can reach and use this server; do this on a trusted network only",
    ),
    "serve_port_busy": ("无法在 {host}:{port} 上监听：{reason}；请用 --port 换一个端口",
                        "cannot listen on {host}:{port}: {reason}; choose another port with --port"),
    "serve_extra_missing": (
        "工作台需要另外安装：pip install 'report-composer[serve]'（缺少 {module}）",
        "the workbench needs its extra: pip install 'report-composer[serve]' ({module} is missing)",
    ),
    "serve_time_limit": (
        "处理超过 {seconds} 秒仍未完成，已停止；报告是否过长？",
        "the task took more than {seconds} s and was stopped; is the report too long?",
    ),
    "serve_media_type": (
        "无法读取这种类型的内容（{type}）；可用 YAML、JSON，或导入 .docx .txt .md .html 文件",
        "cannot read this type of content ({type}); send YAML or JSON, or a .docx .txt .md .html file to import",
    ),
    "serve_file_missing": ("请求中没有文件（表单字段 file 或 files）", "the request holds no file (form field file or files)"),
    "serve_json": ("JSON 格式错误：{detail}", "malformed JSON: {detail}"),
    "serve_fix_place": ("要修正的问题须给出 code、line 和 column", "name the finding to fix by code, line and column"),
    "serve_zip": ("无法读取该 zip 压缩文件", "cannot read this zip file"),
    "serve_batch_count": ("一次最多处理 {limit} 份报告", "at most {limit} reports per batch"),
    "serve_host_refused": (
        "拒绝请求：主机名“{host}”不是本服务的地址", "refused: the host name '{host}' is not this server's",
    ),
    "serve_origin_refused": (
        "拒绝来自其他网站（{origin}）的请求", "refused a request from another site ({origin})",
    ),
    "lint_fixed": ("已修正 [{rule}]：“{before}” → “{after}”", "fixed [{rule}]: '{before}' -> '{after}'"),
    "lint_fix_alias": (
        "未自动修正 [{rule}]：这段文字经别名（&/*）在多处共用，请在锚点（&）处手动修改",
        "not fixed [{rule}]: this text is shared through an alias (&/*); edit it by hand at its anchor (&)",
    ),
    "lint_fix_failed": (
        "自动修正后的文件读回与预期不符，未作任何修改",
        "the fixed file did not read back as intended; nothing was changed",
    ),
}
MESSAGES.update(S001=MESSAGES["part_missing"], S002=MESSAGES["part_order"], S003=MESSAGES["part_empty"])

SEVERITY_LABEL: dict[str, tuple[str, str]] = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "info": ("提示", "info"),
}


@dataclass(frozen=True)
class Location:
    """Where a problem is: the file, a 1-based line and column, and the path in the model;
    `offset`, where known, the character inside the value at `path` (`locate` turns a path
    and offset into a line and column)."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()
    offset: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Problem:
    """One finding; `message(lang)` words it, `code` and `params` let tools act on it."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    location: Location = Location()
    severity: Severity = "error"

    def message(self, lang: Lang = "zh") -> str:
        zh, en = MESSAGES.get(self.code, ("{detail}", "{detail}"))
        template = zh if lang == "zh" else en
        try:
            return template.format(**{key: _worded(value, lang) for key, value in self.params.items()})
        except (KeyError, IndexError):
            return f"{template} {self.params}"

    def format(self, lang: Lang = "zh") -> str:
        """The one-line form a compiler would print: `file:line:column: 错误: message`."""
        label = SEVERITY_LABEL[self.severity][0 if lang == "zh" else 1]
        return f"{self.location}: {label}: {self.message(lang)}"

    def to_dict(self, lang: Lang = "zh") -> dict[str, Any]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message(lang),
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "path": list(loc.path),
        }


def _worded(value: Any, lang: Lang) -> Any:
    """A parameter as the message shows it: a Problem (a role's name, an item of a list) in
    the message's language, a tuple of them joined."""
    if isinstance(value, Problem):
        return value.message(lang)
    if isinstance(value, tuple) and value and all(isinstance(item, Problem) for item in value):
        return ("；" if lang == "zh" else "; ").join(item.message(lang) for item in value)
    return value


def locate(problem: Problem, report: Any) -> Problem:
    """The problem placed in the file `report` was read from: a problem found by model path
    (and offset in that value, where known) gets the line and column of that value, or of
    that character in it. The one place that does so for every stage after reading; a report
    built in Python has no file, and its problems keep their path."""
    source = getattr(report, "_source", None)
    where = problem.location
    if source is None or where.line is not None:
        return problem
    if not where.path:  # of the whole report (a face standing in): the file alone
        return replace(problem, location=replace(where, file=where.file or source.file))
    located = source.locate(where.path, where.offset, problem.params.get("char"))
    return replace(problem, location=replace(located, file=where.file or located.file))


def in_file(problems: Iterable[Problem], file: str) -> list[Problem]:
    """The problems, those without a file (found while rendering) placed in `file`."""
    return [p if p.location.file else replace(p, location=replace(p.location, file=file)) for p in problems]


class ReportError(Exception):
    """Raised when a report cannot be read, validated or rendered; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.format("en") for p in problems))
