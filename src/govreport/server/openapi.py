"""The OpenAPI 3.1 description of ``/api/v1``, served at ``/api/v1/openapi.json``; the data schemas are the models'."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .. import __version__
from ..kinds import KINDS
from ..proofread import KINDS as FINDING_KINDS
from ..proofread.passages import SUFFIXES as CHECKED_SUFFIXES
from ..vocabulary.words import OUTPUT_FORMATS
from .responses import CODES
from .uploads import BODY_TYPES

_DATA_BODY = {
    "description": "数据文件：JSON、YAML 或 Excel 工作簿作为请求体，或在 multipart 表单的 file 字段上传",
    "required": True,
    "content": {
        "application/json": {"schema": {"oneOf": [{"$ref": f"#/components/schemas/{k}"} for k in KINDS]}},
        "application/yaml": {"schema": {"type": "string"}},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string",
                                                                                          "format": "binary"}},
        "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
            "file": {"type": "string", "format": "binary"},
            "templates_zip": {"type": "string", "format": "binary",
                              "description": "县级模板目录的 .zip（排在模板链最前）；仅当服务器以 --allow-template-upload "
                                             "启动时接受，否则 403"}}}},
    },
}
_DOCUMENT_BODY = {
    "description": "要检查的报告（.docx、.md、.txt），在 multipart 表单的 file 字段上传，或作为请求体",
    "required": True,
    "content": {  # the bodies ``/api/v1/check`` takes, as uploads reads them
        **{media: {"schema": {"type": "string", **({"format": "binary"} if suffix == ".docx" else {})}}
           for media, suffix in BODY_TYPES.items() if suffix in CHECKED_SUFFIXES},
        "multipart/form-data": {"schema": {"type": "object", "required": ["file"],
                                           "properties": {"file": {"type": "string", "format": "binary"}}}}},
}
_OPTIONS = [
    {"name": "kind", "in": "query", "schema": {"enum": list(KINDS)},
     "description": "按另一种兼容的报告类型生成（如把绩效评价数据生成 self_evaluation）"},
    {"name": "outline", "in": "query", "schema": {"type": "string"}, "description": "提纲，如 mof2020"},
    {"name": "templates", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True,
     "description": "服务器上配置的县级模板目录名（见 /api/v1/templates），可写多次，先写的优先"},
]
_KIND_PATH = {"name": "kind", "in": "path", "required": True, "schema": {"enum": list(KINDS)}}


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(s): {"description": CODES[s], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for s in statuses}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_PROBLEM = {"type": "object", "properties": {
    "path": {"type": "string", "description": "字段路径（targets.indicators[5].ratio）或工作表和单元格（绩效指标!H7）"},
    "message": {"type": "string"}, "severity": {"enum": ["error", "warning"]},
    "text": {"type": "string", "description": "命令行打印的那一行"}}}
_ERROR = {"type": "object", "required": ["error", "message", "problems"], "properties": {
    "error": {"enum": sorted(set(CODES.values()))}, "message": {"type": "string", "description": "中文说明"},
    "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}}
_FINDING = {"type": "object", "properties": {
    "kind": {"enum": list(FINDING_KINDS)}, "kind_label": {"type": "string"}, "where": {"type": "string"},
    "excerpt": {"type": "string", "description": "摘录，问题处用‹ ›标出"}, "message": {"type": "string"},
    "fix": {"type": ["array", "null"], "items": {"type": "string"}}}}


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    schemas: dict[str, Any] = {}
    for name, kind in KINDS.items():
        schema = kind.model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[name] = schema
    schemas.update({"Problem": _PROBLEM, "Error": _ERROR, "Finding": _FINDING})
    document = {
        "type": "object", "properties": {name: {} for name in OUTPUT_FORMATS}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "govreport API", "version": __version__,
                 "description": "由项目数据生成绩效评价报告、绩效自评表和工作总结，检查数据和已有报告。"
                                "设置了访问令牌时，请求头须带 Authorization: Bearer 令牌。"},
        "components": {"schemas": schemas, "securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "security": [{"token": []}],
        "paths": {
            "/api/v1/render": {"post": {
                "summary": "生成报告，返回文档",
                "parameters": [{"name": "format", "in": "query", "schema": {"enum": list(document["properties"]),
                                                                            "default": "docx"}}, *_OPTIONS],
                "requestBody": _DATA_BODY,
                "responses": {"200": {"description": "文档；响应头 X-Govreport-Warnings 为提示的条数",
                                      "content": {"application/octet-stream": {}}},
                              **_errors(400, 401, 403, 413, 415, 422, 500, 503)}}},
            "/api/v1/validate": {"post": {
                "summary": "检查数据，列出全部问题（字段路径或单元格）",
                "parameters": _OPTIONS, "requestBody": _DATA_BODY,
                "responses": {"200": _json("检查结果（有错误时 valid 为 false）", {"type": "object", "properties": {
                    "valid": {"type": "boolean"}, "message": {"type": "string"},
                    "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}}),
                    **_errors(400, 401, 403, 413, 415, 422, 503)}}},
            "/api/v1/check": {"post": {
                "summary": "检查已有报告（govreport check）",
                "parameters": [{"name": "ignore", "in": "query", "explode": True,
                                "schema": {"type": "array", "items": {"enum": list(FINDING_KINDS)}}}],
                "requestBody": _DOCUMENT_BODY,
                "responses": {"200": _json("发现的问题", {"type": "object", "properties": {
                    "file": {"type": "string"},
                    "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}),
                    **_errors(400, 401, 413, 415, 422, 503)}}},
            "/api/v1/kinds": {"get": {"summary": "报告类型、输出格式、提纲", "responses": {
                "200": _json("报告类型", {"type": "array", "items": {"type": "object"}}), **_errors(401)}}},
            "/api/v1/schema/{kind}": {"get": {"summary": "某一报告类型数据的 JSON Schema", "parameters": [_KIND_PATH],
                                              "responses": {"200": _json("JSON Schema", {"type": "object"}),
                                                            **_errors(401, 404)}}},
            "/api/v1/workbook/{kind}": {"get": {
                "summary": "空白 Excel 数据工作簿", "parameters": [_KIND_PATH],
                "responses": {"200": {"description": "工作簿", "content": {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}, **_errors(401, 404)}}},
            "/api/v1/templates": {"get": {"summary": "服务器上可选的县级模板目录", "responses": {
                "200": _json("目录名", {"type": "array", "items": {"type": "object"}}), **_errors(401)}}},
            "/api/v1/health": {"get": {"summary": "服务是否在运行（不需要令牌）", "security": [],
                                       "responses": {"200": _json("状态", {"type": "object"})}}},
            "/api/v1/openapi.json": {"get": {"summary": "本说明", "responses": {"200": _json("OpenAPI", {"type": "object"})}}},
        },
    }
