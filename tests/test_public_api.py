"""The package's own API: one render returning the document with its title, and no module it shadows."""

from __future__ import annotations

import importlib

import pytest

import govreport

from .conftest import CONTRACT


def test_render_returns_the_document_with_its_title():
    document = govreport.render(govreport.load(CONTRACT), "md")
    assert isinstance(document, bytes) and document.content == bytes(document)
    assert document.title == "三亚市民政局2025年健康扶贫保障资金项目绩效评价报告"  # meta: 三亚市民政局, 2025, 健康扶贫保障资金项目
    assert document.decode("utf-8").startswith("# 三亚市民政局2025年健康扶贫保障资金项目绩效评价报告")


def test_render_as_is_a_deprecated_alias():
    report = govreport.load(CONTRACT)
    with pytest.deprecated_call():
        old = govreport.render_as(report, "md")
    assert old == govreport.render(report, "md") and old.title == govreport.render(report, "md").title


@pytest.mark.parametrize("name", ["load", "validate", "render", "render_to"])
def test_no_module_shares_a_name_with_a_function(name):
    assert callable(getattr(govreport, name))
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(f"govreport.{name}")
