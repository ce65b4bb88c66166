// govreport 网页：经 /api/v1 检查数据、预览和下载报告、检查已有报告。数据只在请求期间经过服务器，不保存。
"use strict";

const $ = (id) => document.getElementById(id);
const TOKEN_KEY = "govreport-token";
let kinds = [];

// ---- 请求：XMLHttpRequest 以便显示上传和下载进度 ----
function request(method, path, { body = null, responseType = "json", progress = null } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.responseType = responseType;
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token) xhr.setRequestHeader("Authorization", "Bearer " + token);
    if (progress) {
      xhr.upload.onprogress = (e) => e.lengthComputable && progress.step("上传", e.loaded / e.total);
      xhr.upload.onload = () => progress.working();
      xhr.onprogress = (e) => e.lengthComputable && e.total > 200000 && progress.step("下载", e.loaded / e.total);
    }
    xhr.onload = () => resolve(xhr);
    xhr.onerror = () => reject(new Error("无法连接服务器，请检查网络或稍后再试"));
    xhr.send(body);
  });
}

async function errorOf(xhr) {
  // 错误的回答都是 JSON：{error, message, problems}
  let data = xhr.response;
  if (data instanceof Blob) {
    try { data = JSON.parse(await data.text()); } catch (e) { data = null; }
  }
  if (!data || typeof data !== "object") data = { message: "服务器返回了错误（" + xhr.status + "）", problems: [] };
  if (xhr.status === 401) askToken(data.message);
  return data;
}

function askToken(message) {
  $("token-box").hidden = false;
  $("token-hint").textContent = message || "";
  $("token").focus();
}

// ---- 进度 ----
function progressFor(box) {
  const fill = box.querySelector(".fill"), bar = box.querySelector(".bar"), status = box.querySelector(".status");
  let timer = null, started = 0;
  return {
    start(text) { box.hidden = false; bar.classList.remove("busy"); fill.style.width = "0"; status.textContent = text; started = Date.now(); },
    step(what, share) { this.stopTimer(); bar.classList.remove("busy"); fill.style.width = Math.round(share * 100) + "%";
      status.textContent = what + " " + Math.round(share * 100) + "%"; },
    working(text = "正在处理") { bar.classList.add("busy"); fill.style.width = ""; this.stopTimer();
      const tick = () => { status.textContent = text + "……已用 " + Math.round((Date.now() - started) / 1000) + " 秒"; };
      tick(); timer = setInterval(tick, 1000); },
    stopTimer() { if (timer) clearInterval(timer); timer = null; },
    done() { this.stopTimer(); box.hidden = true; },
  };
}
const renderProgress = () => progressFor($("render-progress"));
const checkProgress = () => progressFor($("check-progress"));

// ---- 保存下载的文件 ----
function fileName(xhr, fallback) {
  const header = xhr.getResponseHeader("Content-Disposition") || "";
  const match = /filename\*=UTF-8''([^;]+)/i.exec(header);
  return match ? decodeURIComponent(match[1]) : fallback;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// ---- 生成报告 ----
function selectedKind() { return kinds.find((k) => k.name === $("kind").value); }

function options() {
  const query = new URLSearchParams();
  query.set("kind", $("kind").value);
  if (!$("outline-row").hidden && $("outline").value) query.set("outline", $("outline").value);
  if ($("templates").value) query.append("templates", $("templates").value);
  return query;
}

function chosenData() {
  const file = $("data-file").files[0];
  if (!file) { showSummary("summary", "请先选择填好的数据文件（.xlsx、.json 或 .yaml）。", "bad"); return null; }
  const form = new FormData();
  form.append("file", file, file.name);
  return form;
}

function showSummary(id, text, tone) {
  const box = $(id);
  box.hidden = false;
  box.className = "summary" + (tone ? " " + tone : "");
  box.textContent = text;
}

function showProblems(problems) {
  const table = $("problems"), body = table.querySelector("tbody");
  body.replaceChildren();
  for (const p of problems) {
    const row = document.createElement("tr");
    row.className = p.severity;
    for (const [cls, text] of [["label", p.severity === "error" ? "错误" : "提示"], ["where", p.path || "—"], ["message", p.message]]) {
      const cell = document.createElement("td");
      cell.className = cls;
      cell.textContent = text;
      row.appendChild(cell);
    }
    row.title = p.text;
    body.appendChild(row);
  }
  table.hidden = problems.length === 0;
}

function resetResult() {
  $("render-placeholder").hidden = true;
  $("preview-box").hidden = true;
  $("downloads").hidden = true;
  $("problems").hidden = true;
  $("summary").hidden = true;
}

async function validateAndPreview() {
  const form = chosenData();
  if (!form) return;
  resetResult();
  const progress = renderProgress();
  progress.start("正在上传数据");
  $("validate").disabled = true;
  try {
    const checked = await request("POST", "/api/v1/validate?" + options(), { body: form, progress });
    if (checked.status !== 200) return failed(await errorOf(checked));
    const result = checked.response;
    showProblems(result.problems);
    const warnings = result.problems.filter((p) => p.severity === "warning").length;
    if (!result.valid) {
      showSummary("summary", result.message + "请按下表逐条改正后重新上传。", "bad");
      return;
    }
    showSummary("summary", result.message + (warnings ? "（另有 " + warnings + " 条提示，见下表）" : ""), warnings ? "warn" : "");
    progress.start("正在生成预览");
    const shown = await request("POST", "/api/v1/render?format=html&" + options(), { body: chosenData(), responseType: "text", progress });
    if (shown.status !== 200) return failed(await errorOf(shown));
    $("preview").srcdoc = shown.response;
    $("preview-box").hidden = false;
    $("downloads").hidden = false;
    $("download-xlsx").hidden = !selectedKind().formats.includes("xlsx");
  } catch (e) {
    failed({ message: e.message, problems: [] });
  } finally {
    progress.done();
    $("validate").disabled = false;
  }
}

function failed(error) {
  showSummary("summary", error.message, "bad");
  showProblems(error.problems || []);
}

async function download(format, button) {
  const form = chosenData();
  if (!form) return;
  const progress = renderProgress();
  progress.start(format === "pdf" ? "正在生成 PDF（需要几秒钟）" : "正在生成");
  button.disabled = true;
  try {
    const xhr = await request("POST", "/api/v1/render?format=" + format + "&" + options(), { body: form, responseType: "blob", progress });
    if (xhr.status !== 200) return failed(await errorOf(xhr));
    save(xhr.response, fileName(xhr, "报告." + format));
    showSummary("summary", "已生成：" + fileName(xhr, "报告." + format), "");
  } catch (e) {
    failed({ message: e.message, problems: [] });
  } finally {
    progress.done();
    button.disabled = false;
  }
}

async function downloadWorkbook() {
  const progress = renderProgress();
  progress.start("正在生成空白工作簿");
  progress.working("正在生成空白工作簿");
  try {
    const xhr = await request("GET", "/api/v1/workbook/" + encodeURIComponent($("kind").value), { responseType: "blob" });
    if (xhr.status !== 200) return failed(await errorOf(xhr));
    save(xhr.response, fileName(xhr, "数据.xlsx"));
  } finally {
    progress.done();
  }
}

function fillOutlines() {
  // 下拉框中只写提纲的简称，完整说明写在下面，窄屏也不会截断
  const kind = selectedKind();
  const select = $("outline");
  select.replaceChildren(...kind.outlines.map((o) => {
    const option = new Option(o.short, o.name);
    option.title = o.label;
    return option;
  }));
  $("outline-row").hidden = kind.outlines.length < 2;
  describeOutline();
}

function describeOutline() {
  const chosen = selectedKind().outlines.find((o) => o.name === $("outline").value);
  $("outline-note").textContent = chosen ? chosen.label : "";
}

// ---- 检查已有报告 ----
function markedExcerpt(excerpt) {
  // 摘录中问题处用‹ ›标出：改为底色标记，其余原样作为文字
  const parts = [], pattern = /‹([^›]*)›/g;
  let last = 0, match;
  while ((match = pattern.exec(excerpt))) {
    parts.push(document.createTextNode(excerpt.slice(last, match.index)));
    const mark = document.createElement("mark");
    mark.textContent = match[1];
    parts.push(mark);
    last = pattern.lastIndex;
  }
  parts.push(document.createTextNode(excerpt.slice(last)));
  return parts;
}

function element(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function checkReport() {
  const file = $("check-file").files[0];
  if (!file) { showSummary("check-summary", "请先选择要检查的报告（.docx、.md 或 .txt）。", "bad"); return; }
  const form = new FormData();
  form.append("file", file, file.name);
  $("check-placeholder").hidden = true;
  $("findings").replaceChildren();
  const progress = checkProgress();
  progress.start("正在上传");
  $("check").disabled = true;
  try {
    const xhr = await request("POST", "/api/v1/check", { body: form, progress });
    if (xhr.status !== 200) {
      const error = await errorOf(xhr);
      showSummary("check-summary", error.message, "bad");
      return;
    }
    const findings = xhr.response.findings;
    showSummary("check-summary", findings.length ? xhr.response.file + "：发现 " + findings.length + " 处问题。"
                                                 : xhr.response.file + "：没有发现问题。", findings.length ? "bad" : "");
    for (const f of findings) {
      const item = element("li", "finding");
      const passage = element("div", "passage");
      passage.append(element("span", "where", f.where), ...markedExcerpt(f.excerpt));
      const note = element("div", "note");
      note.append(element("span", "kind", f.kind_label), element("div", "message", f.message));
      if (f.fix) note.append(element("span", "fix", "可机械修正：“" + f.fix[0] + "”→“" + f.fix[1] + "”"));
      item.append(passage, note);
      $("findings").append(item);
    }
  } catch (e) {
    showSummary("check-summary", e.message, "bad");
  } finally {
    progress.done();
    $("check").disabled = false;
  }
}

// ---- 页面 ----
function showTab(name) {
  for (const tab of ["render", "check"]) {
    $("tab-" + tab).setAttribute("aria-selected", String(tab === name));
    $("panel-" + tab).hidden = tab !== name;
  }
}

async function start() {
  const listed = await request("GET", "/api/v1/kinds");
  if (listed.status !== 200) {
    const error = await errorOf(listed);
    showSummary("summary", error.message, "bad");
    return;
  }
  kinds = listed.response;
  $("kind").replaceChildren(...kinds.map((k) => new Option(k.label, k.name)));
  fillOutlines();
  const folders = await request("GET", "/api/v1/templates");
  if (folders.status === 200 && folders.response.length) {
    $("templates").append(...folders.response.map((f) => new Option(f.name, f.name)));
    $("templates-row").hidden = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("tab-render").addEventListener("click", () => showTab("render"));
  $("tab-check").addEventListener("click", () => showTab("check"));
  $("kind").addEventListener("change", () => { fillOutlines(); resetResult(); $("render-placeholder").hidden = false; });
  $("outline").addEventListener("change", describeOutline);
  $("workbook").addEventListener("click", downloadWorkbook);
  $("validate").addEventListener("click", validateAndPreview);
  for (const button of document.querySelectorAll("#downloads button")) {
    button.addEventListener("click", () => download(button.dataset.format, button));
  }
  $("check").addEventListener("click", checkReport);
  $("token-save").addEventListener("click", () => {
    sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    $("token-box").hidden = true;
    start();
  });
  $("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
  start();
});
