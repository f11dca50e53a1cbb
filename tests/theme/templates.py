"""Templates made at test time by python-pptx, pandoc, LibreOffice and code, and broken ones.

Nothing here is a stored binary: each template is produced in a temporary folder the first
time a test asks for it, once per test session.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu, Pt

from briefing.api import Options, base_template, build
from briefing.report import BuildReport

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "render"))
import pptx_checks as checks

EMU_4_3 = (9144000, 6858000)
EMU_16_9_PANDOC = (9144000, 5143500)
EMU_16_9_BASE = (12192000, 6858000)
EMU_16_10 = (12192000, 7620000)
TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_MAIN = (
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")
LOGO_NAME = "Corporate logo"
# Japanese names PowerPoint gives the layouts of its default master, in the same order.
JAPANESE_NAMES = ("タイトル スライド", "タイトルとコンテンツ", "セクション見出し",
                  "2 つのコンテンツ", "比較", "タイトルのみ", "白紙", "タイトル付きのコンテンツ",
                  "タイトル付きの図", "タイトルと縦書きテキスト", "縦書きタイトルと縦書きテキスト")
DARK_SCHEME = {"dk2": "1B2A3A", "lt2": "E6ECF2", "accent1": "1F3A5F", "accent2": "7A1F2B",
               "accent3": "2E5A3A", "accent4": "4A3B6B", "accent5": "5C4426",
               "accent6": "264D4D"}
TEMPLATE_NAMES = ("python-pptx", "pandoc", "libreoffice", "japanese-16x10", "potx")
ENGLISH_ROLES = {"title": "Title Slide", "content": "Title and Content",
                 "two_content": "Two Content", "title_only": "Title Only",
                 "section": "Section Header"}
JAPANESE_ROLES = {"title": "タイトル スライド", "content": "タイトルとコンテンツ",
                  "two_content": "2 つのコンテンツ", "title_only": "タイトルのみ",
                  "section": "セクション見出し"}
# LibreOffice's own layouts: none is made for section slides.
LIBREOFFICE_ROLES = {"title": "Title Slide", "content": "Title, Content",
                     "two_content": "Title, 2 Content", "title_only": "Title Only"}


@dataclass(frozen=True)
class MadeTemplate:
    """A template made for the tests and what is known about it from how it was made."""

    name: str
    path: Path
    size: tuple[int, int]  # slide width and height in EMU
    sample_texts: tuple[str, ...]  # texts found only on the template's own sample slides
    logo: str | None = None  # name of a picture on the slide master
    colors: dict[str, str] = field(default_factory=dict)  # theme colours it must keep
    title_kind: str = "ctrTitle"  # placeholder type of the title of its title-slide layout
    roles: dict[str, str] = field(default_factory=dict)  # slide role -> layout made for it
    sample_slides: int = 1


@dataclass(frozen=True)
class BuiltDeck:
    """A seed outline built with a made template."""

    template: MadeTemplate
    outline: Path
    path: Path
    report: BuildReport


# --- tools ------------------------------------------------------------------------------------

def require_tool(name: str) -> str:
    """Return the path of command ``name``; skip the test without it, but fail in CI."""
    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must make templates with {name}, but it is not on PATH")
        pytest.skip(f"{name} is not on PATH")
    return found


def soffice_convert(sources: list[Path], target: str, out_dir: Path) -> list[Path]:
    """Convert files with LibreOffice in one run (private profile); return the results."""
    soffice = require_tool("soffice")
    profile = Path("/tmp") / f"lo-profile-{uuid.uuid4().hex}"
    try:
        result = subprocess.run(
            [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", target, "--outdir", str(out_dir), *map(str, sources)],
            capture_output=True, text=True, timeout=240, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    made = [out_dir / f"{source.stem}.{target.split(':')[0]}" for source in sources]
    missing = [path.name for path in made if not path.is_file()]
    assert not missing, f"soffice did not write {missing}: {result.stdout}{result.stderr}"
    return made


# --- the templates ----------------------------------------------------------------------------

def placeholder_kinds(layout: object) -> list[str]:
    """Return the placeholder types of a python-pptx layout ('obj' when untyped)."""
    return [p._element.ph.get("type", "obj")
            for p in layout.placeholders]  # type: ignore[attr-defined]


def add_sample_slide(prs: object, title: str, body: str) -> None:
    """Add a slide holding ``title`` and ``body`` on the first layout with a title and one
    content placeholder (LibreOffice keeps only the masters that slides use)."""
    layout = next(layout for layout in prs.slide_layouts  # type: ignore[attr-defined]
                  if "title" in (kinds := placeholder_kinds(layout))
                  and kinds.count("obj") + kinds.count("body") == 1)
    slide = prs.slides.add_slide(layout)  # type: ignore[attr-defined]
    slide.shapes.title.text = title
    content = next(p for p in slide.placeholders
                   if p._element.ph.get("type", "obj") in ("obj", "body"))
    content.text = body


def make_python_pptx(folder: Path) -> MadeTemplate:
    """Return python-pptx's default template (4:3) saved with one sample slide."""
    texts = ("Sample slide of the python-pptx template", "Its body must not reach any deck")
    prs = Presentation()
    add_sample_slide(prs, *texts)
    path = folder / "python-pptx.pptx"
    prs.save(str(path))
    return MadeTemplate("python-pptx", path, EMU_4_3, texts, roles=ENGLISH_ROLES)


def make_potx(folder: Path) -> MadeTemplate:
    """Return python-pptx's default template with a sample slide, saved as a .potx."""
    made = make_python_pptx(folder)
    parts = checks.read_parts(made.path)
    types = parts["[Content_Types].xml"]
    assert PRESENTATION_MAIN.encode() in types
    parts["[Content_Types].xml"] = types.replace(PRESENTATION_MAIN.encode(),
                                                 TEMPLATE_MAIN.encode())
    path = folder / "python-pptx.potx"
    checks.write_parts(parts, path)
    made.path.unlink()
    return MadeTemplate("potx", path, EMU_4_3, made.sample_texts, roles=ENGLISH_ROLES)


def make_pandoc(folder: Path) -> MadeTemplate:
    """Return pandoc's default reference.pptx (16:9, four sample slides)."""
    pandoc = require_tool("pandoc")
    path = folder / "ref.pptx"
    result = subprocess.run([pandoc, "-o", str(path), "--print-default-data-file",
                             "reference.pptx"], capture_output=True, text=True, timeout=60,
                            check=False)
    assert result.returncode == 0 and path.is_file(), f"pandoc failed: {result.stderr}"
    prs = Presentation(str(path))
    samples = tuple(text for slide in prs.slides for shape in slide.shapes
                    if shape.has_text_frame and len(text := shape.text_frame.text.strip()) >= 8)
    assert samples, "pandoc's reference.pptx has no sample slides any more"
    return MadeTemplate("pandoc", path, EMU_16_9_PANDOC, samples, roles=ENGLISH_ROLES,
                        sample_slides=len(prs.slides))


def make_libreoffice(folder: Path) -> MadeTemplate:
    """Return the built-in base deck with a sample slide, saved by LibreOffice as .odp and
    then back as .pptx (its own masters, layout names and placeholder markup)."""
    texts = ("Sample slide saved by LibreOffice", "Only in the template")
    prs = Presentation(str(base_template()))
    add_sample_slide(prs, *texts)
    source = folder / "lo-source.pptx"
    prs.save(str(source))
    odp = soffice_convert([source], "odp", folder / "odp")
    out = soffice_convert(odp, "pptx", folder / "pptx")[0]
    path = folder / "libreoffice.pptx"
    out.replace(path)
    return MadeTemplate("libreoffice", path, EMU_16_9_BASE, texts, title_kind="title",
                        roles=LIBREOFFICE_ROLES)


def logo_png() -> bytes:
    """Return a small logo: a dark square with a light ring, drawn with Pillow."""
    image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 95, 95), fill=(31, 58, 95, 255))
    draw.ellipse((18, 18, 77, 77), outline=(230, 236, 242, 255), width=8)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def scale_shapes(root: etree._Element, sx: float, sy: float) -> None:
    """Scale the position and size of every shape in a master's or layout's shape tree."""
    for xfrm in root.iterfind("p:cSld/p:spTree/*/p:spPr/a:xfrm", checks.NS):
        for child, first, second in (("off", "x", "y"), ("ext", "cx", "cy")):
            element = xfrm.find(f"a:{child}", checks.NS)
            if element is not None:
                element.set(first, str(round(int(element.get(first, "0")) * sx)))
                element.set(second, str(round(int(element.get(second, "0")) * sy)))


def make_japanese(folder: Path) -> MadeTemplate:
    """Return a 16:10 template made in code: Japanese layout names in a shuffled order, dark
    theme colours, Noto Sans JP theme fonts, a logo on the master and a sample slide."""
    texts = ("見本スライドの題名", "テンプレートだけにある本文")
    prs = Presentation()
    sx, sy = EMU_16_10[0] / EMU_4_3[0], EMU_16_10[1] / EMU_4_3[1]
    prs.slide_width, prs.slide_height = Emu(EMU_16_10[0]), Emu(EMU_16_10[1])
    master = prs.slide_master
    scale_shapes(master._element, sx, sy)
    for layout, name in zip(prs.slide_layouts, JAPANESE_NAMES, strict=True):
        scale_shapes(layout._element, sx, sy)
        layout._element.cSld.set("name", name)
    # Reverse the order so that no layout sits where the default master has it.
    id_list = master._element.get_or_add_sldLayoutIdLst()
    for entry in reversed(list(id_list)):
        id_list.append(entry)
    _, rid = master.part.get_or_add_image_part(io.BytesIO(logo_png()))
    size = Pt(36)
    pic = CT_Picture.new_pic(100, LOGO_NAME, "Logo", rid, Emu(EMU_16_10[0]) - size - Pt(18),
                             Pt(14), size, size)
    master.shapes._spTree.append(pic)
    add_sample_slide(prs, *texts)
    source = folder / "japanese-source.pptx"
    prs.save(str(source))
    parts = checks.read_parts(source)
    theme_name = checks.related(parts, "ppt/slideMasters/slideMaster1.xml", checks.REL_THEME)[0]
    parts[theme_name] = recoloured_theme(parts[theme_name])
    path = folder / "japanese-16x10.pptx"
    checks.write_parts(parts, path)
    source.unlink()
    return MadeTemplate("japanese-16x10", path, EMU_16_10, texts, LOGO_NAME, DARK_SCHEME,
                        roles=JAPANESE_ROLES)


def recoloured_theme(data: bytes) -> bytes:
    """Return a theme part with the dark colour scheme and Noto Sans JP fonts."""
    root = checks.parse(data)
    scheme = root.find(".//a:clrScheme", checks.NS)
    assert scheme is not None
    scheme.set("name", "Dark corporate")
    for slot, value in DARK_SCHEME.items():
        element = scheme.find(f"a:{slot}", checks.NS)
        assert element is not None, f"theme has no {slot}"
        for child in list(element):
            element.remove(child)
        etree.SubElement(element, f"{{{checks.A}}}srgbClr", val=value)
    for kind in ("majorFont", "minorFont"):
        font = root.find(f".//a:fontScheme/a:{kind}", checks.NS)
        assert font is not None
        for face in ("latin", "ea"):
            element = font.find(f"a:{face}", checks.NS)
            assert element is not None
            element.set("typeface", "Noto Sans JP")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


MAKERS: dict[str, Callable[[Path], MadeTemplate]] = {
    "python-pptx": make_python_pptx, "pandoc": make_pandoc, "libreoffice": make_libreoffice,
    "japanese-16x10": make_japanese, "potx": make_potx,
}


class TemplateFiles:
    """Makes each template once, on first use, in its own folder under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.made: dict[str, MadeTemplate] = {}
        self.decks: dict[tuple[str, Path], BuiltDeck] = {}

    def get(self, name: str) -> MadeTemplate:
        """Return the template called ``name``, making it now if need be."""
        if name not in self.made:
            folder = self.root / name
            folder.mkdir(parents=True, exist_ok=True)
            self.made[name] = MAKERS[name](folder)
        return self.made[name]

    def deck(self, name: str, outline: Path) -> BuiltDeck:
        """Return ``outline`` built with the template called ``name`` (built once)."""
        key = (name, outline)
        if key not in self.decks:
            made = self.get(name)
            out = self.root / "decks" / name
            report = build(outline, Options(out_dir=out, template=made.path, summary=False))
            path = next(path for path in report.written if path.suffix == ".pptx")
            self.decks[key] = BuiltDeck(made, outline, path, report)
        return self.decks[key]


_SESSIONS: dict[Path, TemplateFiles] = {}


@pytest.fixture(scope="session")
def template_files(tmp_path_factory: pytest.TempPathFactory) -> TemplateFiles:
    """Return the session's templates (shared by every module that uses this fixture)."""
    base = tmp_path_factory.getbasetemp()
    if base not in _SESSIONS:
        _SESSIONS[base] = TemplateFiles(tmp_path_factory.mktemp("templates"))
    return _SESSIONS[base]


@pytest.fixture(scope="module", params=TEMPLATE_NAMES)
def made_template(request: pytest.FixtureRequest, template_files: TemplateFiles) -> MadeTemplate:
    """Return each template in turn."""
    return template_files.get(request.param)


# --- templates that lack something, and files that are no template ---------------------------

def without_layouts(source: Path, target: Path, drop: Callable[[object], bool]) -> Path:
    """Write ``source`` to ``target`` without its sample slides and the layouts ``drop`` picks."""
    prs = Presentation(str(source))
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
    for layout in [layout for layout in prs.slide_layouts if drop(layout)]:
        prs.slide_layouts.remove(layout)
    prs.save(str(target))
    return target


def body_count(layout: object) -> int:
    """Return how many body or content placeholders a python-pptx layout holds."""
    kinds = placeholder_kinds(layout)
    return kinds.count("obj") + kinds.count("body")


def with_no_layouts(source: Path, target: Path) -> Path:
    """Write ``source`` to ``target`` with every entry of its master's layout list removed."""
    parts = checks.read_parts(source)
    name = "ppt/slideMasters/slideMaster1.xml"
    root = checks.parse(parts[name])
    id_list = root.find("p:sldLayoutIdLst", checks.NS)
    assert id_list is not None
    for entry in list(id_list):
        id_list.remove(entry)
    parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    checks.write_parts(parts, target)
    return target


def not_a_zip(target: Path) -> Path:
    """Write a text file named like a template."""
    target.write_text("this is not a presentation\n", encoding="utf-8")
    return target


def plain_zip(target: Path) -> Path:
    """Write a zip that holds no Office package at all."""
    with zipfile.ZipFile(target, "w") as package:
        package.writestr("readme.txt", "just a zip")
    return target


def word_document(target: Path) -> Path:
    """Write a minimal Word package: an Office file, but not a presentation."""
    word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    types = (f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{checks.CT}">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/word/document.xml" ContentType="{word}"/></Types>')
    rels = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{checks.PR}">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    document = ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body>'
                '</w:document>')
    checks.write_parts({"[Content_Types].xml": types.encode(), "_rels/.rels": rels.encode(),
                        "word/document.xml": document.encode()}, target)
    return target
