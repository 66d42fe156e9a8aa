// The collecting office's page: many reports (or a zip) in, the batch summary as a table and
// a zip of the outputs with summary.csv and summary.json out.
"use strict";

const STATUS_WORDS = { rendered: "rendered", failed: "failed_status", interrupted: "interrupted" };
let lastZip = null;

function chosenFormats() {
  return [...document.querySelectorAll('input[name="format"]:checked')].map((box) => box.value).join(",") || "pdf";
}

async function collect(files) {
  if (!files.length) return;
  setStatus(say("loading"));
  const body = new FormData();
  for (const file of files) body.append("files", file, file.name);
  const answer = await callApi("/api/batch", { params: { formats: chosenFormats() }, body });
  if (!answer.ok) {
    setStatus(((answer.body && answer.body.problems) || []).map(problemText).join("\n") || String(answer.status), true);
    return;
  }
  const summary = answer.body.summary;
  lastZip = answer.body.zip;
  const rows = summary.reports.map((report) => {
    const lint = report.lint || {};
    const problems = el("ul", { class: "problems" },
      ...report.problems.map((problem) => el("li", { class: `finding ${problem.severity}` }, problemText(problem))));
    return el("tr", { class: report.status },
      el("td", {}, report.file.replace(/^收到的报告\//, "")),
      el("td", {}, report.issuer || ""),
      el("td", {}, report.year || ""),
      el("td", {}, say(STATUS_WORDS[report.status] || report.status)),
      el("td", { class: "number" }, report.pages ?? ""),
      el("td", { class: "number" }, report.lint ? `${lint.error} / ${lint.warning} / ${lint.info}` : ""),
      el("td", {}, problems));
  });
  const labels = [...document.querySelectorAll("#summary th")].map((th) => th.textContent);
  for (const row of rows) [...row.children].forEach((cell, index) => cell.setAttribute("data-label", labels[index]));
  document.querySelector("#summary tbody").replaceChildren(...rows);
  document.getElementById("summary").hidden = false;
  document.getElementById("download-zip").hidden = false;
  document.getElementById("summary-line").textContent = say("batch_done", summary.counts);
  setStatus("");
}

function setUp() {
  translatePage();
  document.title = say("collect_title");
  document.getElementById("workbench-link").href = LANG === "en" ? "/?lang=en" : "/";
  document.getElementById("files").addEventListener("change", (event) => {
    collect([...event.target.files]);
    event.target.value = "";
  });
  document.getElementById("download-zip").addEventListener("click", () => {
    if (lastZip) saveBlob(base64Blob(lastZip, "application/zip"), LANG === "en" ? "results.zip" : "排版结果.zip");
  });
  const drop = document.getElementById("drop");
  document.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  document.addEventListener("dragleave", () => drop.classList.remove("over"));
  document.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    collect([...event.dataTransfer.files]);
  });
}

document.addEventListener("DOMContentLoaded", setUp);
