// What both pages share: the language, the words of the interface, building elements
// (author text only ever through textContent and value, never as HTML), calling the API.
"use strict";

const LANG = new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh";

const WORDS = {
  app_title: ["法治政府建设年度报告排版工作台", "Annual report workbench"],
  collect_title: ["汇总多份报告", "Collect many reports"],
  new: ["新建", "New"],
  open: ["打开文件", "Open file"],
  collect: ["汇总多份报告", "Collect many reports"],
  workbench: ["返回工作台", "Back to the workbench"],
  editor: ["编辑", "Edit"],
  tab_form: ["表单", "Form"],
  tab_yaml: ["YAML", "YAML"],
  drop_hint: ["把报告草稿（Word、WPS、文本、网页、YAML）拖到这里，或点“打开文件”",
              "Drop a draft here (Word, WPS, text, web page, YAML), or use Open file"],
  import_notes: ["导入说明", "Import notes"],
  findings: ["检查结果", "Findings"],
  preview: ["预览", "Preview"],
  pages: ["共 {n} 页", "{n} pages"],
  stale: ["（报告有错误，预览未更新）", "(the report has errors; preview not updated)"],
  no_findings: ["没有发现问题", "No findings"],
  counts: ["错误 {error} · 警告 {warning} · 提示 {info}", "{error} errors · {warning} warnings · {info} info"],
  fix: ["修正", "Fix"],
  line: ["第 {line} 行", "line {line}"],
  loading: ["正在处理……", "Working…"],
  imported: ["已导入 {name}", "Imported {name}"],
  import_failed: ["{name} 未能导入为有效的报告，请按下列问题修改", "{name} did not import as a valid report; see the problems below"],
  failed: ["请求失败：{detail}", "Request failed: {detail}"],
  downloaded: ["已下载 {name}", "Downloaded {name}"],
  basics: ["基本信息", "Basics"],
  title: ["标题", "Title"],
  title_hint: ["省略时为“发文机关＋年度＋法治政府建设年度报告”", "omitted: issuer + year + the standard title"],
  issuer: ["发文机关", "Issuer"],
  year: ["报告年度", "Year"],
  date: ["成文日期", "Date"],
  addressees: ["主送机关（每行一个）", "Addressees (one a line)"],
  opening: ["导语", "Opening"],
  part_heading: ["部分标题（省略时用规定的标准表述）", "Part heading (omitted: the standard wording)"],
  measures: ["一、主要举措和成效", "1. Main measures and results"],
  shortcomings: ["二、存在的不足和原因", "2. Shortcomings and their causes"],
  leadership: ["三、党政主要负责人履行第一责任人职责情况", "3. How the principal leaders fulfilled their duty"],
  plans: ["四、下一年度主要安排", "4. Plans for the next year"],
  other: ["五、其他需要报告的情况（可选）", "5. Other matters (optional)"],
  add_other: ["加上第五部分", "Add part 5"],
  remove_other: ["去掉第五部分", "Remove part 5"],
  paragraph: ["段落", "Paragraph"],
  section: ["小标题", "Heading"],
  table: ["表格", "Table"],
  add_paragraph: ["+ 段落", "+ Paragraph"],
  add_section: ["+ 小标题", "+ Heading"],
  add_table: ["+ 表格", "+ Table"],
  heading: ["小标题（不写序号）", "Heading (no number)"],
  run_in: ["与第一段同段", "Run in with the first paragraph"],
  caption: ["表题", "Caption"],
  table_header: ["表头（单元格用 | 分隔）", "Header (cells separated by |)"],
  table_rows: ["表格行（每行一行，单元格用 | 分隔）", "Rows (one a line, cells separated by |)"],
  move_up: ["上移", "Move up"],
  move_down: ["下移", "Move down"],
  remove: ["删除", "Remove"],
  closing: ["落款和附件", "Sign-off and attachments"],
  attachments: ["附件（每行一个，不加书名号）", "Attachments (one a line)"],
  signature: ["署名（省略时同发文机关）", "Signature (omitted: the issuer)"],
  seal: ["加盖印章", "Sealed"],
  note: ["附注", "Note"],
  header: ["版头（红头）", "Red header"],
  use_header: ["使用版头", "Use a red header"],
  mark: ["发文机关标志（省略时为“发文机关＋文件”）", "Issuer mark (omitted: issuer + 文件)"],
  number: ["发文字号，如 同科字〔2024〕5号", "Document number, e.g. 同科字〔2024〕5号"],
  end_block: ["版记", "End block"],
  use_end_block: ["使用版记", "Use an end block"],
  copy_to: ["抄送机关（每行一个）", "Copy to (one a line)"],
  printer: ["印发机关", "Printing office"],
  print_date: ["印发日期", "Print date"],
  collect_hint: ["把各单位的报告（YAML、Word、文本、网页，或一个 zip）拖到这里，或点“选择文件”",
                 "Drop the agencies' reports here (YAML, Word, text, web pages, or one zip), or choose files"],
  choose_files: ["选择文件", "Choose files"],
  formats: ["输出格式", "Formats"],
  download_zip: ["下载结果（zip）", "Download the results (zip)"],
  col_file: ["文件", "File"],
  col_issuer: ["发文机关", "Issuer"],
  col_year: ["年度", "Year"],
  col_status: ["状态", "Status"],
  col_pages: ["页数", "Pages"],
  col_lint: ["错误 / 警告 / 提示", "Errors / warnings / info"],
  col_problems: ["问题", "Problems"],
  rendered: ["已生成", "rendered"],
  failed_status: ["失败", "failed"],
  interrupted: ["已中断", "interrupted"],
  batch_done: ["共 {total} 份：已生成 {rendered} 份，失败 {failed} 份", "{total} reports: {rendered} rendered, {failed} failed"],
};

function say(key, params = {}) {
  const pair = WORDS[key];
  let text = pair ? pair[LANG === "en" ? 1 : 0] : key;
  for (const [name, value] of Object.entries(params)) text = text.replaceAll(`{${name}}`, String(value));
  return text;
}

// An element; children are elements or strings (set as text, so never read as HTML).
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "value") node.value = value;
    else if (name === "checked") node.checked = Boolean(value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function translatePage() {
  document.documentElement.lang = LANG === "en" ? "en" : "zh-CN";
  for (const node of document.querySelectorAll("[data-text]")) node.textContent = say(node.dataset.text);
  const langLink = document.getElementById("lang-link");
  if (langLink) {
    langLink.textContent = LANG === "en" ? "中文" : "English";
    langLink.href = LANG === "en" ? location.pathname : "?lang=en";
  }
  for (const link of document.querySelectorAll("a[data-keep-lang]")) {
    if (LANG === "en") link.href = link.getAttribute("href") + "?lang=en";
  }
}

function apiUrl(path, params = {}) {
  const query = new URLSearchParams({ ...params, lang: LANG });
  return `${path}?${query}`;
}

// A JSON answer of the API; an error status gives {ok: false, status, body} with the problems.
async function callApi(path, { params = {}, body, type } = {}) {
  const options = { method: body === undefined ? "GET" : "POST" };
  if (body !== undefined) {
    options.body = body;
    if (type) options.headers = { "Content-Type": type };
  }
  const response = await fetch(apiUrl(path, params), options);
  const kind = response.headers.get("content-type") || "";
  const payload = kind.includes("json") ? await response.json() : kind.startsWith("text/") ? await response.text() : await response.blob();
  return { ok: response.ok, status: response.status, body: payload, headers: response.headers };
}

function problemText(problem) {
  const place = problem.line ? say("line", { line: problem.line }) + "：" : "";
  return place + problem.message;
}

function saveBlob(blob, name) {
  const link = el("a", { href: URL.createObjectURL(blob), download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
}

function base64Blob(text, type) {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

function setStatus(text, isError = false) {
  const status = document.getElementById("status");
  status.textContent = text;
  status.classList.toggle("error", isError);
}
