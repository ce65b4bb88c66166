"""The page of ``govreport serve`` in a real browser: Debian's headless Chromium, driven by Selenium through
Debian's chromedriver (no browser is downloaded). A clerk's afternoon: the blank workbook, a workbook with two
errors, the corrected one, the preview, the Word and PDF files; then a report checked in the second tab."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import time
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as shown
from selenium.webdriver.support.ui import Select, WebDriverWait

import govreport

from .server_helpers import live_server, workbook_with_two_errors

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--no-first-run", "--disable-sync", "--window-size=1366,768")


@pytest.fixture(scope="module")
def address(tmp_path_factory):
    with live_server(tmp_path_factory.mktemp("browser"), "-t", "templates/三亚市") as (running, _):
        yield running


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    assert Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists(), "apt-get install chromium chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    driver.quit()


def wait(driver, seconds: float = 60) -> WebDriverWait:
    return WebDriverWait(driver, seconds)


def downloaded(folder: Path, suffix: str, before: set[Path], seconds: float = 120) -> Path:
    """The one new file with ``suffix`` once Chromium has finished writing it."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        new = [p for p in folder.iterdir() if p not in before and p.suffix == suffix]
        if new and not list(folder.glob("*.crdownload")):
            return new[0]
        time.sleep(0.2)
    raise AssertionError(f"no {suffix} was downloaded within {seconds} s: {sorted(folder.iterdir())}")


def test_a_clerk_downloads_the_workbook_fixes_two_errors_previews_and_downloads(browser, address, downloads, tmp_path):
    browser.get(address + "/")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#kind option"))
    assert browser.find_element(By.ID, "kind").get_attribute("value") == "performance_evaluation"

    before = set(downloads.iterdir())
    browser.find_element(By.ID, "workbook").click()
    blank = downloaded(downloads, ".xlsx", before)
    assert {"基本信息", "资金来源", "绩效指标"} <= set(load_workbook(blank).sheetnames)

    broken, cells = workbook_with_two_errors(tmp_path)
    browser.find_element(By.ID, "data-file").send_keys(str(broken))
    browser.find_element(By.ID, "validate").click()
    table = wait(browser).until(shown.visibility_of_element_located((By.ID, "problems")))
    rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")] for tr in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    assert sorted(rows) == sorted(["错误", cell, message] for cell, message in cells.items())
    assert browser.find_element(By.ID, "summary").text.startswith("错误.xlsx：发现 2 处错误。")
    assert not browser.find_element(By.ID, "preview-box").is_displayed()

    corrected = tmp_path / "项目.xlsx"  # the same workbook before the two mistakes
    browser.find_element(By.ID, "data-file").send_keys(str(corrected))
    browser.find_element(By.ID, "validate").click()
    frame = wait(browser).until(shown.visibility_of_element_located((By.ID, "preview")))
    assert browser.find_element(By.ID, "summary").text.startswith("项目.xlsx：数据检查通过。")
    report = govreport.load(corrected)
    title = govreport.render(report, "html").title
    browser.switch_to.frame(frame)
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "h1, h2, h3")]
    cells_shown = [td.text for td in browser.find_elements(By.TAG_NAME, "td")]
    browser.switch_to.default_content()
    assert headings[0].replace("\n", "") == title
    assert "一、项目概述" in headings and "绩效指标评分表" in headings
    assert "93.57" in cells_shown and "优" in cells_shown  # 总分 and 等级 of the contract example

    before = set(downloads.iterdir())
    browser.find_element(By.CSS_SELECTOR, "#downloads button[data-format='docx']").click()
    word = downloaded(downloads, ".docx", before)
    assert word.name == f"{title}.docx"
    assert word.read_bytes() == govreport.render(report, "docx")  # what govreport render writes for this workbook
    assert docx.Document(io.BytesIO(word.read_bytes())).paragraphs[0].text.replace("\n", "") in title

    assert shutil.which("soffice"), "LibreOffice (soffice) must be installed for the PDF"
    before = set(downloads.iterdir())
    browser.find_element(By.CSS_SELECTOR, "#downloads button[data-format='pdf']").click()
    pdf = downloaded(downloads, ".pdf", before, seconds=180)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "93.57" in text and "绩效指标评分表" in text.replace(" ", "")


def test_a_report_checked_in_the_second_tab_shows_each_finding_beside_its_passage(browser, address, tmp_path):
    document = docx.Document()
    document.add_paragraph("截至目前，项目已投入资金XX万元。")
    document.add_paragraph("特困人群医疗救助利用率为2.53%，比去年提高1.04%。")
    path = tmp_path / "旧报告.docx"
    document.save(path)
    browser.get(address + "/")
    browser.find_element(By.ID, "tab-check").click()
    browser.find_element(By.ID, "check-file").send_keys(str(path))
    browser.find_element(By.ID, "check").click()
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#findings .finding"))
    findings = browser.find_elements(By.CSS_SELECTOR, "#findings .finding")
    by_kind = {f.find_element(By.CLASS_NAME, "kind").text: f for f in findings}
    placeholder = by_kind["占位符未填"]
    assert placeholder.find_element(By.TAG_NAME, "mark").text == "XX"
    assert "第1段" in placeholder.find_element(By.CLASS_NAME, "where").text
    points = by_kind["百分点"]
    assert "1.04%" in points.find_element(By.TAG_NAME, "mark").text
    assert "第2段" in points.find_element(By.CLASS_NAME, "where").text
    assert "个百分点" in points.find_element(By.CLASS_NAME, "message").text
    passage, note = placeholder.find_element(By.CLASS_NAME, "passage"), placeholder.find_element(By.CLASS_NAME, "note")
    assert passage.location["y"] == note.location["y"] and passage.location["x"] < note.location["x"]  # side by side


def test_a_long_report_shows_its_progress_until_the_preview_stands(browser, address, tmp_path):
    """3,000 indicators take seconds to check and render: the page says it is working and for how long."""
    indicator = {"level1": "产出指标", "level2": "数量指标", "op": ">=", "target": 1, "actual": 1, "weight": Decimal("0.03")}
    data = {"kind": "self_evaluation", "meta": {"department": "民政局", "project": "医疗救助", "year": 2025, "date": "2026-01-20"},
            "funds": {"sources": [{"name": "中央财政补助", "budget": 1, "spent": 1}]},
            "indicators": [{**indicator, "name": f"指标{i}"} for i in range(1, 3001)]}
    path = tmp_path / "长报告.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    browser.get(address + "/")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#kind option"))
    Select(browser.find_element(By.ID, "kind")).select_by_value("self_evaluation")
    browser.find_element(By.ID, "data-file").send_keys(str(path))
    browser.find_element(By.ID, "validate").click()
    box = browser.find_element(By.ID, "render-progress")
    status = WebDriverWait(browser, 60, poll_frequency=0.05).until(
        lambda d: box.is_displayed() and re.fullmatch(r"正在处理……已用 \d+ 秒", box.text.strip()) and box.text.strip())
    assert status.startswith("正在处理")
    wait(browser, 120).until(shown.visibility_of_element_located((By.ID, "preview")))
    assert not box.is_displayed()


def test_an_outlines_full_description_stands_under_its_short_name_at_1024_pixels(browser, address):
    """The outline's description is too long for the drop-down of a 1024-pixel screen: the drop-down shows the
    short name (vocabulary/words.py OUTLINES), the line under it the whole description, for the outline chosen."""
    browser.set_window_size(1024, 768)
    browser.get(address + "/")
    wait(browser).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#outline option"))
    outline = Select(browser.find_element(By.ID, "outline"))
    assert [o.text for o in outline.options] == ["项目概述…可持续发展八章", "财预〔2020〕10号附件3参考提纲"]
    note = browser.find_element(By.ID, "outline-note")
    assert note.text == "项目概述…可持续发展八章（三亚市民政局范本的结构）"
    outline.select_by_value("mof2020")
    assert note.text == "财预〔2020〕10号附件3参考提纲，附资金使用情况表和绩效评价指标评分表"
