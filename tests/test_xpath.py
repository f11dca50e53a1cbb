"""python-pptx's XPath, compiled once: same results as lxml's own evaluation, far fewer
compilations."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import _nsmap

from briefing import xpath
from briefing.api import Options, base_template, build
from briefing.kept import Kept
from briefing.render import pptx as renderer

EXPRESSIONS = ("./*[1]/p:nvPr/p:ph", "//@id", "./p:cSld/p:spTree/*", ".//a:off",
               "./p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph/@type='title']", "count(.//a:p)",
               "./p:clrMapOvr/*[1]", "string(./p:cSld/@name)", ".//a:lvl1pPr",
               "./p:nvSpPr/p:cNvPr/@name")


def test_compiled_expressions_select_what_lxml_selects() -> None:
    xpath.install()
    deck = Presentation(io.BytesIO(base_template().read_bytes()))
    elements = [layout.element for master in deck.slide_masters
                for layout in master.slide_layouts]
    elements += [shape.element for shape in deck.slide_layouts[0].shapes]
    checked = 0
    for element in elements:
        for expression in EXPRESSIONS:
            expected = etree.ElementBase.xpath(element, expression, namespaces=_nsmap)
            assert element.xpath(expression) == expected, expression
            checked += bool(expected)
    assert checked > 60  # the expressions select something


def test_a_build_compiles_each_expression_once(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    lookups: list[str] = []
    compile_ = etree.XPath
    lookup = xpath.compiled

    def counting_compile(expression: str, namespaces: dict[str, str]) -> etree.XPath:
        made.append(expression)
        return compile_(expression, namespaces=namespaces)

    def counting_lookup(expression: str) -> etree.XPath:
        lookups.append(expression)
        return lookup(expression)

    monkeypatch.setattr(etree, "XPath", counting_compile)
    monkeypatch.setattr(xpath, "compiled", counting_lookup)
    monkeypatch.setattr(xpath, "_local", threading.local())  # nothing compiled yet
    monkeypatch.setattr(renderer, "DRAWN", Kept(renderer.DRAWN.bound))  # every slide drawn afresh
    outline = Path(__file__).parent.parent / "outlines" / "nato-japan.en.yaml"
    build(outline, Options(out_dir=tmp_path, summary=False))
    assert len(lookups) > 5 * len(set(lookups))  # most lookups found a compiled one
    assert len(made) == len(set(made)) == len(set(lookups)) < 100


def test_each_thread_compiles_its_own() -> None:
    here = xpath.compiled(".//a:t")
    assert xpath.compiled(".//a:t") is here
    there: list[etree.XPath] = []
    thread = threading.Thread(target=lambda: there.append(xpath.compiled(".//a:t")))
    thread.start()
    thread.join()
    assert there and there[0] is not here
