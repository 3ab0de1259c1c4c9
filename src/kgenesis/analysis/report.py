"""Analysis results as text: titled tables as an aligned table, Markdown, CSV or JSON.

Each analysis returns ``Table``s of plain values (str, int, float); this module writes
them the way ``kgenesis query`` writes rows (same alignment rules for Korean text).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..terms import Term

REPORT_FORMATS = ("table", "json", "md", "csv")
_XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass
class Table:
    """One titled table: ``name`` is its key in JSON, ``title`` its heading in text."""

    name: str
    title: str
    columns: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    note: str | None = None  # a line printed under the table (an approximation, a total)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _term(value: Any) -> Term | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return Term("literal", str(value).lower())
    if isinstance(value, int):
        return Term("literal", str(value), datatype=f"{_XSD}integer")
    if isinstance(value, float):
        return Term("literal", f"{value:.4f}", datatype=f"{_XSD}decimal")
    return Term("literal", str(value))


def render(tables: Sequence[Table], fmt: str, extra: dict[str, Any] | None = None) -> str:
    """``tables`` in ``fmt`` (one of REPORT_FORMATS); ``extra`` adds top-level JSON keys."""
    from ..sparql.results import render_markdown, render_table

    if fmt == "json":
        data: dict[str, Any] = dict(extra or {})
        for t in tables:
            data[t.name] = t.records()
            if t.note:
                data[f"{t.name}_note"] = t.note
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        if len(tables) != 1:
            raise ValueError("CSV holds one table")
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(tables[0].columns)
        writer.writerows(["" if v is None else _term(v) for v in row] for row in tables[0].rows)
        return buf.getvalue()
    parts = []
    for t in tables:
        rows = [[_term(v) for v in row] for row in t.rows]
        if fmt == "md":
            body = render_markdown(t.columns, rows)
            parts.append(f"## {t.title}\n\n{body}" + (f"\n{t.note}\n" if t.note else ""))
        else:
            body = render_table(t.columns, rows, max_width=60)
            parts.append(f"{t.title}\n{body}" + (f"{t.note}\n" if t.note else ""))
    return "\n".join(parts)
