// The workbench: a structured form and a YAML view of one report, kept in step; findings as the
// clerk types, beside the field or line they concern; the pages as they print; downloads.
// The YAML is the report: the form edits its data and the server writes it back as YAML.
"use strict";

const PART_KEYS = ["measures", "shortcomings", "leadership", "plans", "other"];
const MANDATED = PART_KEYS.slice(0, 4);
const KEY_ORDER = ["issuer", "year", "date", "title", "addressees", "opening", "parts", "attachments",
  "signature", "seal", "note", "header", "end_block"];
const TYPING_PAUSE_MS = 350;

const state = { data: {}, yaml: "", findings: [], generation: 0 };
const $ = (id) => document.getElementById(id);

// --- the report's data -------------------------------------------------------------------------

function asList(value) {
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value : [];
}

// The data as the form shows it: every mandated part present (empty when left out, so the
// clerk is told), one-item shorthands as lists.
function normalize(input) {
  const data = input && typeof input === "object" && !Array.isArray(input) ? { ...input } : {};
  const parts = data.parts && typeof data.parts === "object" && !Array.isArray(data.parts) ? { ...data.parts } : {};
  for (const key of PART_KEYS) {
    let part = parts[key];
    if (Array.isArray(part)) part = { content: part };
    if ((part === undefined || part === null) && !MANDATED.includes(key)) continue;
    part = part && typeof part === "object" ? { ...part } : {};
    part.content = Array.isArray(part.content) ? part.content : [];
    parts[key] = part;
  }
  data.parts = parts;
  for (const key of ["addressees", "opening", "attachments"]) if (key in data) data[key] = asList(data[key]);
  if (data.end_block && typeof data.end_block === "object" && "copy_to" in data.end_block) {
    data.end_block = { ...data.end_block, copy_to: asList(data.end_block.copy_to) };
  }
  return data;
}

function ordered(data) {
  const out = {};
  for (const key of KEY_ORDER) if (key in data) out[key] = data[key];
  for (const key of Object.keys(data)) if (!(key in out)) out[key] = data[key];
  if (out.parts) {
    const parts = {};
    for (const key of PART_KEYS) if (key in out.parts) parts[key] = out.parts[key];
    for (const key of Object.keys(out.parts)) if (!(key in parts)) parts[key] = out.parts[key];
    out.parts = parts;
  }
  return out;
}

function getAt(path) {
  let node = state.data;
  for (const step of path) {
    if (node === undefined || node === null) return undefined;
    node = node[step];
  }
  return node;
}

// Sets a value; undefined removes the key (an optional field left empty takes its default).
function setAt(path, value) {
  let node = state.data;
  for (const step of path.slice(0, -1)) {
    if (node[step] === undefined || node[step] === null) node[step] = {};
    node = node[step];
  }
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(node)) delete node[last];
  else node[last] = value;
}

// --- the form --------------------------------------------------------------------------------------

function pathKey(path) {
  return JSON.stringify(path);
}

function changed(path, value) {
  setAt(path, value);
  formEdited();
}

function textInput(path, { multiline = false, optional = true, number = false, placeholder } = {}) {
  const value = getAt(path);
  const attributes = {
    value: value === undefined || value === null ? "" : String(value),
    placeholder,
    oninput: (event) => {
      const text = event.target.value;
      const cleaned = number ? (text.trim() === "" ? undefined : Number(text)) : text;
      changed(path, optional && text.trim() === "" ? undefined : cleaned);
    },
  };
  if (multiline) return el("textarea", { rows: 3, ...attributes });
  return el("input", { type: number ? "number" : "text", ...attributes });
}

function linesInput(path) {
  const value = asList(getAt(path));
  return el("textarea", {
    rows: 2,
    value: value.join("\n"),
    oninput: (event) => {
      const lines = event.target.value.split("\n").map((line) => line.trim()).filter(Boolean);
      changed(path, lines.length ? lines : undefined);
    },
  });
}

function field(label, path, input) {
  return el("div", { class: "field", "data-path": pathKey(path) },
    el("label", {}, el("span", { class: "label" }, label), input),
    el("div", { class: "field-problems" }));
}

function toolButton(label, action, extra = {}) {
  return el("button", { type: "button", class: "tool", title: label, "aria-label": label, onclick: action, ...extra },
    extra.symbol || label);
}

function structural(action) {
  action();
  renderForm();
  formEdited(true);
}

function itemTools(list, index) {
  return el("span", { class: "item-tools" },
    toolButton(say("move_up"), () => structural(() => list.splice(index - 1, 0, list.splice(index, 1)[0])),
      { symbol: "↑", disabled: index === 0 }),
    toolButton(say("move_down"), () => structural(() => list.splice(index + 1, 0, list.splice(index, 1)[0])),
      { symbol: "↓", disabled: index === list.length - 1 }),
    toolButton(say("remove"), () => structural(() => list.splice(index, 1)), { symbol: "✕" }));
}

function cells(text) {
  return text.split("|").map((cell) => cell.trim());
}

function tableItem(path, item) {
  const table = item.table && typeof item.table === "object" ? item.table : (item.table = { header: [], rows: [] });
  const header = el("input", {
    type: "text", value: asList(table.header).join(" | "),
    oninput: (event) => changed([...path, "table", "header"], cells(event.target.value)),
  });
  const rows = el("textarea", {
    rows: 3, value: (Array.isArray(table.rows) ? table.rows : []).map((row) => asList(row).join(" | ")).join("\n"),
    oninput: (event) => changed([...path, "table", "rows"],
      event.target.value.split("\n").filter((line) => line.trim()).map(cells)),
  });
  return el("div", { class: "table-item" },
    field(say("caption"), [...path, "table", "caption"], textInput([...path, "table", "caption"])),
    field(say("table_header"), [...path, "table", "header"], header),
    field(say("table_rows"), [...path, "table", "rows"], rows));
}

function sectionItem(path, item, depth) {
  return el("div", { class: "section-item" },
    field(say("heading"), [...path, "heading"], textInput([...path, "heading"], { optional: false })),
    el("label", { class: "check" },
      el("input", { type: "checkbox", checked: item.run_in === true,
        onchange: (event) => changed([...path, "run_in"], event.target.checked ? true : undefined) }),
      say("run_in")),
    content([...path, "content"], depth + 1));
}

function content(path, depth = 1, paragraphsOnly = false) {
  let list = getAt(path);
  if (!Array.isArray(list)) {
    list = [];
    setAt(path, list);
  }
  const box = el("div", { class: "content", "data-path": pathKey(path) }, el("div", { class: "field-problems" }));
  list.forEach((item, index) => {
    const itemPath = [...path, index];
    let kind = "paragraph";
    let body;
    if (typeof item === "string" || item === null || typeof item !== "object") {
      body = textInput(itemPath, { multiline: true, optional: false });
    } else if ("table" in item) {
      kind = "table";
      body = tableItem(itemPath, item);
    } else {
      kind = "section";
      body = sectionItem(itemPath, item, depth);
    }
    box.append(el("div", { class: `item item-${kind}`, "data-path": pathKey(itemPath) },
      el("div", { class: "item-head" }, el("span", { class: "kind" }, say(kind)), itemTools(list, index)),
      body, el("div", { class: "field-problems" })));
  });
  const adders = el("div", { class: "adders" },
    toolButton(say("add_paragraph"), () => structural(() => list.push(""))),
    depth <= 3 && !paragraphsOnly ? toolButton(say("add_section"), () => structural(() => list.push({ heading: "", content: [""] }))) : null,
    paragraphsOnly ? null : toolButton(say("add_table"), () => structural(() => list.push({ table: { header: ["", ""], rows: [["", ""]] } }))));
  box.append(adders);
  return box;
}

function partBox(key) {
  const path = ["parts", key];
  return el("fieldset", { class: "part", "data-path": pathKey(path) },
    el("legend", {}, say(key)),
    el("div", { class: "field-problems" }),
    field(say("part_heading"), [...path, "heading"], textInput([...path, "heading"])),
    content([...path, "content"]));
}

function optionalGroup(key, legend, toggleLabel, build, empty) {
  const present = state.data[key] && typeof state.data[key] === "object";
  return el("fieldset", { class: "group-box", "data-path": pathKey([key]) },
    el("legend", {}, legend),
    el("label", { class: "check" },
      el("input", { type: "checkbox", checked: present,
        onchange: (event) => structural(() => {
          if (event.target.checked) state.data[key] = empty();
          else delete state.data[key];
        }) }),
      toggleLabel),
    el("div", { class: "field-problems" }),
    present ? build() : null);
}

function renderForm() {
  const data = state.data;
  const form = $("form");
  const parts = MANDATED.map(partBox);
  if (data.parts.other) parts.push(partBox("other"));
  form.replaceChildren(
    el("fieldset", { class: "group-box" },
      el("legend", {}, say("basics")),
      field(say("issuer"), ["issuer"], textInput(["issuer"], { optional: false })),
      el("div", { class: "row" },
        field(say("year"), ["year"], textInput(["year"], { number: true })),
        field(say("date"), ["date"], textInput(["date"], { placeholder: "2024-01-20" }))),
      field(say("title"), ["title"], textInput(["title"], { placeholder: say("title_hint") })),
      field(say("addressees"), ["addressees"], linesInput(["addressees"])),
      el("div", { class: "field", "data-path": pathKey(["opening"]) },
        el("span", { class: "label" }, say("opening")), el("div", { class: "field-problems" }),
        content(["opening"], 1, true))),
    ...parts,
    el("div", { class: "adders" },
      data.parts.other
        ? toolButton(say("remove_other"), () => structural(() => delete state.data.parts.other))
        : toolButton(say("add_other"), () => structural(() => { state.data.parts.other = { content: [""] }; }))),
    el("fieldset", { class: "group-box" },
      el("legend", {}, say("closing")),
      field(say("attachments"), ["attachments"], linesInput(["attachments"])),
      field(say("signature"), ["signature"], textInput(["signature"])),
      el("label", { class: "check" },
        el("input", { type: "checkbox", checked: data.seal === true,
          onchange: (event) => changed(["seal"], event.target.checked ? true : undefined) }),
        say("seal")),
      field(say("note"), ["note"], textInput(["note"]))),
    optionalGroup("header", say("header"), say("use_header"), () => el("div", {},
      field(say("mark"), ["header", "mark"], textInput(["header", "mark"])),
      field(say("number"), ["header", "number"], textInput(["header", "number"]))), () => ({})),
    optionalGroup("end_block", say("end_block"), say("use_end_block"), () => el("div", {},
      field(say("copy_to"), ["end_block", "copy_to"], linesInput(["end_block", "copy_to"])),
      el("div", { class: "row" },
        field(say("printer"), ["end_block", "printer"], textInput(["end_block", "printer"], { optional: false })),
        field(say("print_date"), ["end_block", "print_date"], textInput(["end_block", "print_date"], { optional: false })))),
    () => ({ printer: state.data.issuer ? `${state.data.issuer}办公室` : "", print_date: state.data.date || "" })),
  );
  showFindings();
}

// --- findings ------------------------------------------------------------------------------------

// The form's path of a finding: a part written as its list alone is a part's content; a
// missing part is shown at the (empty) part the form keeps for it.
function formPath(path, params = {}) {
  if (path.length === 1 && path[0] === "parts" && params.key) return ["parts", params.key];
  if (path[0] === "parts" && path.length > 2 && typeof path[2] === "number") return [path[0], path[1], "content", ...path.slice(2)];
  return path;
}

function holderOf(path) {
  for (let length = path.length; length > 0; length -= 1) {
    const holder = document.querySelector(`#form [data-path="${CSS.escape(pathKey(path.slice(0, length)))}"]`);
    if (holder) return holder;
  }
  return null;
}

function findingLine(finding, { beside = false } = {}) {
  const item = el("li", { class: `finding ${finding.severity}` },
    el("span", { class: "severity" }, finding.code),
    " ",
    el("span", { class: "message" }, finding.message),
    finding.where && !beside ? el("span", { class: "where" }, ` (${finding.where})`) : null);
  if (!beside && finding.line) {
    item.append(" ", el("button", { type: "button", class: "link", onclick: () => showLine(finding.line, finding.column) },
      say("line", { line: finding.line })));
  }
  if (!beside && finding.path && finding.path.length) {
    item.classList.add("jumps");
    item.querySelector(".message").addEventListener("click", () => focusPath(formPath(finding.path, finding.params)));
  }
  if (finding.fixable) {
    item.append(" ", el("button", { type: "button", class: "fix", onclick: () => applyFix(finding) }, say("fix")));
  }
  return item;
}

function showFindings() {
  for (const slot of document.querySelectorAll("#form .field-problems")) slot.replaceChildren();
  const list = $("findings-list");
  list.replaceChildren(...state.findings.map((finding) => findingLine(finding)));
  if (!state.findings.length) list.append(el("li", { class: "none" }, say("no_findings")));
  for (const finding of state.findings) {
    const holder = holderOf(formPath(finding.path || [], finding.params));
    if (!holder) continue;
    const slot = holder.querySelector(":scope > .field-problems");
    if (slot) slot.append(findingLine(finding, { beside: true }));
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of state.findings) counts[finding.severity] = (counts[finding.severity] || 0) + 1;
  $("counts").textContent = say("counts", counts);
}

function focusPath(path) {
  showTab("form");
  const holder = holderOf(path);
  if (!holder) return;
  holder.scrollIntoView({ block: "center" });
  const input = holder.querySelector("input, textarea");
  if (input) input.focus();
}

function showLine(line, column) {
  showTab("yaml");
  const textarea = $("yaml");
  const lines = textarea.value.split("\n");
  let start = 0;
  for (let index = 0; index < line - 1 && index < lines.length; index += 1) start += lines[index].length + 1;
  const end = start + (lines[line - 1] || "").length;
  textarea.focus();
  textarea.setSelectionRange(start + Math.max(0, (column || 1) - 1), end);
  const lineHeight = textarea.scrollHeight / Math.max(lines.length, 1);
  textarea.scrollTop = Math.max(0, (line - 5) * lineHeight);
}

// --- talking to the server -----------------------------------------------------------------------------

let formTimer = null;
let yamlTimer = null;

function formEdited(now = false) {
  clearTimeout(formTimer);
  formTimer = setTimeout(syncFromForm, now ? 0 : TYPING_PAUSE_MS);
}

async function syncFromForm() {
  const generation = ++state.generation;
  const answer = await callApi("/api/yaml", { body: JSON.stringify(ordered(state.data)), type: "application/json" });
  if (generation !== state.generation || !answer.ok) return;
  setYaml(answer.body);
  await check(generation, false);
  refreshPreview();
}

function yamlEdited() {
  clearTimeout(yamlTimer);
  yamlTimer = setTimeout(async () => {
    state.yaml = $("yaml").value;
    const generation = ++state.generation;
    await check(generation, true);
    refreshPreview();
  }, TYPING_PAUSE_MS);
}

function setYaml(text) {
  state.yaml = text;
  $("yaml").value = text;
}

// Lint (validation included) of the YAML; from the YAML view, the form follows its data.
async function check(generation, formFollows) {
  const answer = await callApi("/api/lint", { body: state.yaml, type: "text/yaml; charset=utf-8" });
  if (generation !== state.generation) return;
  if (answer.ok) {
    state.findings = answer.body.findings;
    if (formFollows && answer.body.data) {
      state.data = normalize(answer.body.data);
      renderForm();
    }
  } else {
    state.findings = (answer.body && answer.body.problems) || [];
  }
  showFindings();
}

let previewBusy = false;
let previewAgain = false;

// The latest YAML's pages; changes made while a preview renders are previewed after it.
async function refreshPreview() {
  if (previewBusy) {
    previewAgain = true;
    return;
  }
  previewBusy = true;
  try {
    do {
      previewAgain = false;
      await previewOnce(state.yaml);
    } while (previewAgain);
  } finally {
    previewBusy = false;
  }
}

async function previewOnce(text) {
  const answer = await callApi("/api/preview", { body: text, type: "text/yaml; charset=utf-8" });
  const view = $("pages-view");
  if (!answer.ok) {
    view.classList.add("stale");
    $("pages").textContent = (view.dataset.pages ? `${say("pages", { n: view.dataset.pages })} ` : "") + say("stale");
    return;
  }
  view.classList.remove("stale");
  const images = answer.body.images.map((data, index) => el("img", {
    src: `data:image/jpeg;base64,${data}`, alt: `${index + 1}`, class: "page", width: 744, height: 1052,
  }));
  view.replaceChildren(...images);
  $("pages").textContent = say("pages", { n: answer.body.pages });
  view.dataset.pages = answer.body.pages;
}

async function applyFix(finding) {
  const answer = await callApi("/api/fix", {
    params: { code: finding.code, line: finding.line, column: finding.column },
    body: state.yaml, type: "text/yaml; charset=utf-8",
  });
  if (!answer.ok) {
    setStatus(say("failed", { detail: ((answer.body.problems || [])[0] || {}).message || answer.status }), true);
    return;
  }
  setYaml(answer.body.yaml);
  setStatus((answer.body.changes || []).map((change) => change.message).join("；"));
  const generation = ++state.generation;
  await check(generation, true);
  refreshPreview();
}

function reportName() {
  const data = state.data;
  return (data.title || (data.issuer && data.year ? `${data.issuer}${data.year}年法治政府建设年度报告` : "report")).trim();
}

async function download(format) {
  const name = `${reportName()}.${format}`;
  if (format === "yaml") {
    saveBlob(new Blob([state.yaml], { type: "text/yaml;charset=utf-8" }), name);
    setStatus(say("downloaded", { name }));
    return;
  }
  setStatus(say("loading"));
  const answer = await callApi("/api/render", { params: { format }, body: state.yaml, type: "text/yaml; charset=utf-8" });
  if (!answer.ok) {
    setStatus(((answer.body && answer.body.problems) || []).map(problemText).join("\n") || String(answer.status), true);
    return;
  }
  const blob = answer.body instanceof Blob ? answer.body : new Blob([answer.body], { type: answer.headers.get("content-type") });
  saveBlob(blob, name);
  setStatus(say("downloaded", { name }));
}

async function importFile(file) {
  setStatus(say("loading"));
  const body = new FormData();
  body.append("file", file, file.name);
  const answer = await callApi("/api/import", { body });
  const result = answer.body || {};
  const notes = [...(result.notes || []), ...(result.problems || [])];
  const list = $("notes-list");
  list.replaceChildren(...notes.map((note) => {
    const item = el("li", { class: `finding ${note.severity}` }, el("span", { class: "message" }, problemText(note)));
    if (note.path && note.path.length) {
      item.classList.add("jumps");
      item.addEventListener("click", () => focusPath(formPath(note.path, note.params)));
    }
    return item;
  }));
  $("notes").hidden = notes.length === 0;
  if (!result.yaml && !result.data) {
    setStatus(notes.map(problemText).join("\n") || say("failed", { detail: answer.status }), true);
    return;
  }
  state.data = normalize(result.data);
  renderForm();
  if (result.yaml) {
    setYaml(result.yaml);
    const generation = ++state.generation;
    await check(generation, false);
    refreshPreview();
  } else {
    await syncFromForm();
  }
  setStatus(answer.ok ? say("imported", { name: file.name }) : say("import_failed", { name: file.name }), !answer.ok);
}

async function startFromTemplate() {
  const answer = await callApi("/api/template");
  if (!answer.ok) return;
  setYaml(answer.body);
  $("notes").hidden = true;
  const generation = ++state.generation;
  await check(generation, true);
  refreshPreview();
}

function showTab(name) {
  $("tab-form").setAttribute("aria-selected", String(name === "form"));
  $("tab-yaml").setAttribute("aria-selected", String(name === "yaml"));
  $("form").hidden = name !== "form";
  $("yaml-view").hidden = name !== "yaml";
}

function setUp() {
  translatePage();
  document.title = say("app_title");
  $("collect-link").href = LANG === "en" ? "/collect?lang=en" : "/collect";
  $("new").addEventListener("click", startFromTemplate);
  $("file").addEventListener("change", (event) => {
    if (event.target.files.length) importFile(event.target.files[0]);
    event.target.value = "";
  });
  for (const button of document.querySelectorAll("#downloads button")) {
    button.addEventListener("click", () => download(button.dataset.format));
  }
  $("tab-form").addEventListener("click", () => showTab("form"));
  $("tab-yaml").addEventListener("click", () => showTab("yaml"));
  $("yaml").addEventListener("input", yamlEdited);
  $("form").addEventListener("submit", (event) => event.preventDefault());
  document.addEventListener("dragover", (event) => {
    event.preventDefault();
    $("drop").classList.add("over");
  });
  document.addEventListener("dragleave", () => $("drop").classList.remove("over"));
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    $("drop").classList.remove("over");
    if (event.dataTransfer.files.length) importFile(event.dataTransfer.files[0]);
  });
  state.data = normalize({});
  renderForm();
  startFromTemplate();
}

document.addEventListener("DOMContentLoaded", setUp);
