"""Benchmark the build: the seed outlines against a bare python-pptx/fpdf2 floor, and scaling."""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from briefing.outline.model import Outline, Point, Section
    from briefing.outline.validate import LoadedOutline

ROOT = Path(__file__).resolve().parent.parent
SEEDS = (ROOT / "outlines" / "nato-japan.yaml", ROOT / "outlines" / "nato-japan.en.yaml")
IMAGE = ROOT / "assets" / "nato-japan-map.png"
FLOOR_RATIO_MAX = 1.5
LARGE_SECONDS_MAX = 10.0
LINEARITY_MAX = 1.3
SIZES = (150, 300, 600)
MIN_TIMEOUT = 1.5 * LARGE_SECONDS_MAX
PART_EVERY = 25
SLIDE_W, SLIDE_H = 12_192_000, 6_858_000  # EMU, 16:9 like the deck
PDF_FONT_SIZE = 6.5
PNG_DPI = 110  # render_png's default
A4_POINTS = (595.28, 841.89)
SUMMARY_PARTS = (("briefing.layout.summary", "layout_summary"),
                 ("briefing.render.pdf", "render_pdf"), ("briefing.render.png", "render_png"))

WORKER = """
import json, logging, resource, sys, tempfile, time
from pathlib import Path
logging.disable(logging.CRITICAL)
from briefing.api import Options, build

def once(outline, summary):
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        start, cpu = time.perf_counter(), time.process_time()
        report = build(Path(outline), Options(out_dir=Path(folder), summary=summary))
        return time.perf_counter() - start, time.process_time() - cpu, report.slides

target, warm, summary = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
if warm:
    once(warm, summary)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("start", time.time(), flush=True)
seconds, cpu, slides = once(target, summary)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "cpu": cpu, "slides": slides, "base_kib": base,
                  "peak_kib": peak}))
"""

JA_PHRASES = ("日本とNATOの協力は新たな段階に入った", "サイバー防衛の分野で連携を強化する",
              "宇宙・AI・量子技術での共同研究", "地域の安定と抑止に寄与する",
              "情報共有の枠組みを整備し、定期協議を行う", "相互運用性を高める共同演習",
              "国内の理解と支持を広げることが課題", "偽情報対策で知見を共有",
              "東京連絡事務所の開設準備", "防衛装備品の共同開発を検討")
EN_PHRASES = ("interoperability drills", "cyber defence (CCDCOE)", "Indo-Pacific partners",
              "ITPP signed in 2023", "space situational awareness", "disinformation response",
              "maritime security", "capacity building", "Article 5 commitments",
              "emerging and disruptive technologies")


# --- results ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Check:
    """One target: what was measured, the limit, and whether it held (None: not measured)."""

    name: str
    value: str
    target: str
    passed: bool | None


@dataclass
class Report:
    """Table rows (label, value) and target checks gathered during the run."""

    rows: list[tuple[str, str]] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def row(self, label: str, value: str) -> None:
        """Add a table row and echo it, so progress shows during a long run."""
        self.rows.append((label, value))
        print(f"  {label}: {value}", flush=True)


@dataclass(frozen=True)
class ChildResult:
    """What a build in a fresh interpreter reported, with the wall time seen from outside."""

    wall: float
    seconds: float
    cpu: float
    slides: int
    base_kib: int
    peak_kib: int


@dataclass(frozen=True)
class Stopped:
    """A child stopped at the time budget, with how long its timed build had been running."""

    build_seconds: float


# --- the build under test -----------------------------------------------------------------------

def make_importable() -> None:
    """Put the repository root on sys.path so ``briefing`` imports without installing it."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def source_stamps() -> dict[Path, int]:
    """Return the modification time of every source file of ``briefing``."""
    return {path: path.stat().st_mtime_ns for path in (ROOT / "briefing").rglob("*.py")}


def note_changes(before: dict[Path, int], report: Report) -> None:
    """Note the source files added, changed or removed since ``before`` was taken."""
    after = source_stamps()
    changed = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    if changed:
        names = ", ".join(sorted(str(path.relative_to(ROOT)) for path in changed))
        report.notes.append(f"the code changed during the run, so numbers mix versions: {names}")


def summary_problem() -> str | None:
    """Return why the one-page summary cannot be built here, or None when it can."""
    for module, name in SUMMARY_PARTS:
        try:
            getattr(importlib.import_module(module), name)
        except Exception as exc:  # a module being written may fail in any way
            return f"{module}.{name} unavailable ({type(exc).__name__}: {exc})"
    return None


def build_once(outline: Path, folder: Path, summary: bool) -> int:
    """Build ``outline`` into ``folder`` and return the number of slides."""
    from briefing.api import Options, build

    return build(outline, Options(out_dir=folder, summary=summary)).slides


def summary_works(outline: Path) -> str | None:
    """Return why a build with the summary fails, or None when it succeeds."""
    problem = summary_problem()
    if problem is None:
        try:
            timed(lambda folder: build_once(outline, folder, True))
        except Exception as exc:  # the summary code may be unfinished
            problem = f"build with summary=True failed ({type(exc).__name__}: {exc})"
    return problem


# --- timing -------------------------------------------------------------------------------------

def timed(action: Callable[[Path], object]) -> float:
    """Return the seconds ``action`` takes to write into a fresh temporary folder."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        start = time.perf_counter()
        action(Path(folder))
        return time.perf_counter() - start


def median_time(action: Callable[[Path], object], runs: int) -> float:
    """Return the median of ``runs`` timings of ``action`` (warm it up first)."""
    return statistics.median(timed(action) for _ in range(runs))


@dataclass(frozen=True)
class Budget:
    """A deadline for the child builds, so a slow build cannot stretch the run for ever."""

    deadline: float

    def timeout(self) -> float:
        """Return the seconds a child may take: what is left, but enough to prove a miss."""
        return max(MIN_TIMEOUT, self.deadline - time.perf_counter())

    def spent(self) -> bool:
        """Return whether the deadline has passed."""
        return time.perf_counter() >= self.deadline


def child_env() -> dict[str, str]:
    """Return the environment for a child interpreter that imports ``briefing`` from ROOT."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def run_child(outline: Path, warm: Path | None, summary: bool, timeout: float) -> ChildResult:
    """Build ``outline`` once in a fresh interpreter (after building ``warm``, if given)."""
    command = [sys.executable, "-c", WORKER, str(outline), str(warm or ""), str(int(summary))]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, text=True,
                          timeout=timeout, check=True)
    wall = time.perf_counter() - start
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return ChildResult(wall, data["seconds"], data["cpu"], data["slides"], data["base_kib"],
                       data["peak_kib"])


def build_started(output: str | bytes | None) -> float | None:
    """Return the wall-clock time at which the child said its timed build started."""
    text = output.decode(errors="replace") if isinstance(output, bytes) else output or ""
    starts = [line.split()[1] for line in text.splitlines() if line.startswith("start ")]
    return float(starts[-1]) if starts else None


def try_child(outline: Path, warm: Path | None, summary: bool, timeout: float,
              report: Report) -> ChildResult | Stopped | None:
    """Return ``run_child``'s result, Stopped at the timeout, or None (noted) on failure."""
    try:
        return run_child(outline, warm, summary, timeout)
    except subprocess.TimeoutExpired as exc:
        started = build_started(exc.stdout)
        report.notes.append(f"{outline.name} (summary={summary}) stopped after {timeout:.0f} s")
        return Stopped(time.time() - started if started else 0.0)
    except subprocess.CalledProcessError as exc:
        tail = (exc.stderr or "").strip().splitlines()[-1:] or ["no output"]
        report.notes.append(f"{outline.name} (summary={summary}) failed: {tail[0]}")
    return None


# --- the floor: the same slides and text, no layout work ----------------------------------------

@dataclass(frozen=True)
class FloorSlide:
    """A slide of the floor deck: title, bullet lines (text, level), picture and notes."""

    title: str
    lines: tuple[tuple[str, int], ...] = ()
    notes: str | None = None
    image: Path | None = None
    cover: bool = False


def points_lines(points: Sequence[Point]) -> tuple[tuple[str, int], ...]:
    """Return points and their sub-points as (text, level) lines."""
    return tuple(line for p in points for line in ((p.text, 0), *((s, 1) for s in p.points)))


def section_lines(section: Section) -> tuple[tuple[str, int], ...]:
    """Return the text of a section of any kind as (text, level) lines."""
    lines = list(points_lines(section.points))
    for event in section.events:
        lines += [(f"{event.date} {event.title}", 0), *([(event.text, 1)] if event.text else [])]
    for column in section.columns:
        lines += [(column.title, 0), *((t, 1) for t, _ in points_lines(column.points))]
    if section.quote:
        lines += [(section.quote.text, 0), *([(section.quote.by, 1)] if section.quote.by else [])]
    lines += [(f"{f.value} {f.label}", 0) for f in section.figures]
    if section.image and (section.image.caption or section.image.credit):
        lines += [(t, 1) for t in (section.image.caption, section.image.credit) if t]
    return tuple(lines)


def section_slides(loaded: LoadedOutline, section: Section) -> list[FloorSlide]:
    """Return the slides of one section: a divider when it starts a part, then its content."""
    image = loaded.resolve(section.image.path) if section.image else None
    content = FloorSlide(section.title, section_lines(section), section.notes, image)
    return [FloorSlide(section.part), content] if section.part else [content]


def opening_slides(outline: Outline) -> list[FloorSlide]:
    """Return the cover, the bottom line and the agenda."""
    from briefing.labels import label

    byline = [t for t in (outline.subtitle, outline.author, outline.organization,
                          outline.date.isoformat() if outline.date else None) if t]
    slides = [FloorSlide(outline.title, tuple((t, 0) for t in byline), cover=True)]
    if outline.summary:
        slides.append(FloorSlide(label(outline.language, "bottom_line"),
                                 tuple((t, 0) for t in outline.summary)))
    parts = [s.part for s in outline.sections if s.part]
    entries = parts or [s.title for s in outline.sections]
    if len(outline.sections) >= 3:
        slides.append(FloorSlide(label(outline.language, "agenda"),
                                 tuple((t, 0) for t in entries)))
    return slides


def closing_slides(outline: Outline) -> list[FloorSlide]:
    """Return the sources slide and the closing slide."""
    from briefing.labels import label

    lang = outline.language
    slides = []
    if outline.sources:
        entries = [f"{n}. {s.title} {s.note or ''}".strip()
                   for n, s in enumerate(outline.sources, start=1)]
        slides.append(FloorSlide(label(lang, "sources"), tuple((e, 0) for e in entries)))
    slides.append(FloorSlide(label(lang, "qa"), ((label(lang, "thanks"), 0),)))
    return slides


def floor_slides(loaded: LoadedOutline, count: int) -> list[FloorSlide]:
    """Return the floor's slides, continued like the deck until there are ``count``."""
    outline = loaded.outline
    slides = opening_slides(outline)
    for section in outline.sections:
        slides += section_slides(loaded, section)
    slides += closing_slides(outline)
    return continue_longest(slides, count, outline.language)


def continue_longest(slides: list[FloorSlide], count: int, lang: str) -> list[FloorSlide]:
    """Return ``slides`` with the longest one split in two until there are ``count``."""
    from briefing.labels import continued

    while len(slides) < count:
        index = max(range(len(slides)), key=lambda i: len(slides[i].lines))
        slide = slides[index]
        if len(slide.lines) < 2:
            break
        half = len(slide.lines) // 2
        first = FloorSlide(slide.title, slide.lines[:half], slide.notes, slide.image)
        rest = FloorSlide(continued(lang, slide.title), slide.lines[half:], slide.notes)
        slides[index:index + 1] = [first, rest]
    return slides


def add_floor_slide(prs: Any, slide: FloorSlide) -> None:
    """Add ``slide`` with the default template's title and content layouts, nothing else."""
    layout = prs.slide_layouts[0 if slide.cover else 1 if slide.lines else 5]
    added = prs.slides.add_slide(layout)
    added.shapes.title.text = slide.title
    if slide.lines:
        frame = added.placeholders[1].text_frame
        frame.text = slide.lines[0][0]
        for text, level in slide.lines[1:]:
            paragraph = frame.add_paragraph()
            paragraph.text, paragraph.level = text, level
    if slide.image:
        added.shapes.add_picture(str(slide.image), SLIDE_W // 2, SLIDE_H // 4,
                                 width=SLIDE_W // 3)
    if slide.notes:
        added.notes_slide.notes_text_frame.text = slide.notes


def write_floor_deck(slides: Sequence[FloorSlide], path: Path) -> None:
    """Write the floor deck with bare python-pptx calls."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(SLIDE_W), Emu(SLIDE_H)
    for slide in slides:
        add_floor_slide(prs, slide)
    prs.save(str(path))


def sheet_text(outline: Outline) -> str:
    """Return all the text the one-page summary could hold (it keeps less when it must cut)."""
    lines = [outline.title, outline.subtitle or "", *(f"• {t}" for t in outline.summary)]
    for section in outline.sections:
        lines.append(section.title)
        lines += [f"{'    ' * level}  • {text}" for text, level in section_lines(section)]
    lines += [f"{n}. {s.title}" for n, s in enumerate(outline.sources, start=1)]
    return "\n".join(line for line in lines if line)


def write_floor_pdf(text: str, image: Path | None, path: Path) -> None:
    """Write ``text`` (and the first picture) on one A4 page with bare fpdf2 calls."""
    from fpdf import FPDF

    from briefing.text.fonts import bundled_font_path

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.add_font("body", fname=str(bundled_font_path()))
    pdf.set_font("body", size=PDF_FONT_SIZE)
    if image:
        pdf.image(str(image), x=130, y=10, w=70)
    pdf.multi_cell(110, PDF_FONT_SIZE * 0.45, text=text)
    pdf.output(str(path))


def write_floor_png(text: str, image: Path | None, path: Path) -> None:
    """Write ``text`` (and the first picture) on an A4 page with bare Pillow calls."""
    from PIL import Image, ImageDraw, ImageFont

    from briefing.text.fonts import bundled_font_path

    size = tuple(round(side * PNG_DPI / 72) for side in A4_POINTS)
    page = Image.new("RGB", (size[0], size[1]), "white")
    font = ImageFont.truetype(str(bundled_font_path()), round(PDF_FONT_SIZE * PNG_DPI / 72))
    ImageDraw.Draw(page).multiline_text((50, 50), text, fill="black", font=font, spacing=2)
    if image:
        with Image.open(image) as picture:
            picture.thumbnail((size[0] // 3, size[1] // 4))
            page.paste(picture, (size[0] * 2 // 3 - 20, 50))
    page.save(path, format="PNG")


def floor_build(outline_path: Path, folder: Path, count: int, summary: bool) -> None:
    """Load the outline and write the floor deck (and one-page PDF and PNG when ``summary``)."""
    from briefing.outline.validate import load_outline

    loaded = load_outline(outline_path)
    stem = outline_path.name.removesuffix(".yaml")
    write_floor_deck(floor_slides(loaded, count), folder / f"{stem}.pptx")
    if summary:
        first = next((s.image for s in loaded.outline.sections if s.image), None)
        image = loaded.resolve(first.path) if first else None
        text = sheet_text(loaded.outline)
        write_floor_pdf(text, image, folder / f"{stem}-summary.pdf")
        write_floor_png(text, image, folder / f"{stem}-summary.png")


def floor_count(outline_path: Path, count: int) -> int:
    """Return how many slides the floor writes for ``outline_path`` when aiming at ``count``."""
    from briefing.outline.validate import load_outline

    return len(floor_slides(load_outline(outline_path), count))


# --- the seed outlines --------------------------------------------------------------------------

def bench_seed(outline: Path, summary: bool, runs: int, budget: Budget,
               report: Report) -> None:
    """Time ours and the floor on one seed outline, warm and cold, and check the ratio."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        slides = build_once(outline, Path(folder), summary)  # the warm-up
    ours = median_time(lambda folder: build_once(outline, folder, summary), runs)
    timed(lambda folder: floor_build(outline, folder, slides, summary))
    floor = median_time(lambda folder: floor_build(outline, folder, slides, summary), runs)
    name = outline.name
    report.row(f"{name}: ours, median of {runs} warm", f"{ours:.3f} s ({slides} slides)")
    report.row(f"{name}: floor, median of {runs} warm",
               f"{floor:.3f} s ({floor_count(outline, slides)} slides)")
    cold = try_child(outline, None, summary, budget.timeout(), report)
    if isinstance(cold, ChildResult):
        report.row(f"{name}: ours, cold (new interpreter)",
                   f"{cold.wall:.3f} s wall, {cold.seconds:.3f} s of it in build() "
                   f"({cold.cpu:.3f} s CPU)")
    bench_new_text(outline, summary, floor, budget, report)
    ratio = ours / floor
    report.checks.append(Check(f"{name}: ours/floor", f"{ratio:.2f}x", f"<= {FLOOR_RATIO_MAX}x",
                               ratio <= FLOOR_RATIO_MAX))


def bench_new_text(outline: Path, summary: bool, floor: float, budget: Budget,
                   report: Report) -> None:
    """Time ``outline`` in a process warmed up on the other seed: caches warm, text unseen."""
    other = next(seed for seed in SEEDS if seed != outline)
    fresh = try_child(outline, other, summary, budget.timeout(), report)
    if isinstance(fresh, ChildResult):
        report.row(f"{outline.name}: ours, warm process, text not seen before",
                   f"{fresh.seconds:.3f} s ({fresh.seconds / floor:.2f}x the floor; "
                   f"after building {other.name})")


# --- the synthetic outline ----------------------------------------------------------------------

def mixed_text(rng: random.Random, tag: str) -> str:
    """Return a point mixing a Japanese phrase and an English term; ``tag`` keeps it unique."""
    ja, en = rng.choice(JA_PHRASES), rng.choice(EN_PHRASES)
    return rng.choice((f"{ja}({en}、案件{tag})", f"{en} {tag}: {ja}", f"{ja}。{en} を重視({tag})"))


def bullet_section(rng: random.Random, index: int) -> dict[str, Any]:
    """Return a bullets section with 3-5 points, some with sub-points."""
    points: list[Any] = []
    for number in range(rng.randint(3, 5)):
        tag = f"{index + 1}.{number + 1}"
        text = mixed_text(rng, tag)
        subs = ([f"{rng.choice(EN_PHRASES)} ({tag}a)", f"{rng.choice(JA_PHRASES)}({tag}b)"]
                if number % 3 == 1 else [])
        points.append({"text": text, "points": subs} if subs else text)
    return {"title": f"論点 {index + 1}: {rng.choice(EN_PHRASES)}", "points": points}


def timeline_section(rng: random.Random, index: int) -> dict[str, Any]:
    """Return a timeline section with 4-6 dated events."""
    events = [{"date": f"{2000 + 3 * n}年", "title": rng.choice(EN_PHRASES),
               "text": f"{rng.choice(JA_PHRASES)}({index + 1}.{n + 1})"}
              for n in range(rng.randint(4, 6))]
    return {"title": f"経緯 {index + 1}", "events": events}


def comparison_section(rng: random.Random, index: int) -> dict[str, Any]:
    """Return a two-column comparison with three points per column."""
    columns = [{"title": title, "points": [mixed_text(rng, f"{index + 1}{side}{n + 1}")
                                           for n in range(3)]}
               for side, title in (("A", "Benefits / 意義"), ("B", "Risks / 課題"))]
    return {"title": f"比較 {index + 1}", "columns": columns}


def synthetic_section(rng: random.Random, index: int) -> dict[str, Any]:
    """Return section ``index``: mostly bullets, with timelines, comparisons and parts."""
    maker = {3: timeline_section, 7: comparison_section}.get(index % 10, bullet_section)
    section = maker(rng, index)
    section["notes"] = f"{rng.choice(JA_PHRASES)}。{rng.choice(EN_PHRASES)} ({index + 1})."
    if index % PART_EVERY == 0:
        section["part"] = f"第{index // PART_EVERY + 1}部 {rng.choice(EN_PHRASES)}"
    if index % 40 == 0:
        section["keep"] = True
    if index == 0:
        section["image"] = {"path": str(IMAGE), "caption": "NATO加盟国と日本",
                            "credit": "Natural Earth"}
    return section


def synthetic_outline(sections: int) -> dict[str, Any]:
    """Return a mixed Japanese/English outline with ``sections`` sections (deterministic)."""
    rng = random.Random(sections)
    return {"title": "合成ベンチマーク:NATOと日本 (synthetic)", "lang": "ja",
            "date": "2026-11-26", "author": "Bench", "organization": "Policy Lab",
            "classification": "社内限り",
            "summary": [mixed_text(rng, f"S{n}") for n in range(1, 4)],
            "sections": [synthetic_section(rng, i) for i in range(sections)],
            "sources": [{"title": f"Source {n}: {rng.choice(EN_PHRASES)}", "note": "合成"}
                        for n in range(1, 6)]}


def write_synthetic(folder: Path, sections: int) -> Path:
    """Write the synthetic outline with ``sections`` sections into ``folder``."""
    path = folder / f"synthetic-{sections}.yaml"
    text = yaml.safe_dump(synthetic_outline(sections), allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Scaling:
    """Synthetic builds of one kind: finished sizes, and a lower bound from a stopped one."""

    summary: bool
    results: dict[int, ChildResult] = field(default_factory=dict)
    at_least: float = 0.0
    because: str = ""

    @property
    def what(self) -> str:
        """Return what was built, for labels."""
        return "deck + summary" if self.summary else "deck only"

    def bound(self, seconds: float, because: str) -> None:
        """Record that the largest build takes at least ``seconds``, and why."""
        if seconds > self.at_least:
            self.at_least, self.because = seconds, because


def bench_sizes(folder: Path, scaling: Scaling, budget: Budget, report: Report) -> None:
    """Build the synthetic outline at each size in a fresh, warmed-up interpreter."""
    skip = ""
    for size in SIZES:
        label = f"{size} sections, {scaling.what}"
        skip = skip or ("time budget spent (raise --budget)" if budget.spent() else "")
        if skip:
            report.row(label, f"not run: {skip}")
            continue
        result = try_child(write_synthetic(folder, size), SEEDS[0], scaling.summary,
                           budget.timeout(), report)
        if isinstance(result, ChildResult):
            scaling.results[size] = result
            scaling.bound(result.seconds, f"the {size}-section build took that long")
            report.row(label, f"{result.seconds:.2f} s ({result.cpu:.2f} s CPU), "
                       f"{1000 * result.seconds / size:.1f} ms/section ({result.slides} slides)")
            continue
        skip = f"the {size}-section build did not finish"
        if isinstance(result, Stopped):
            scaling.bound(result.build_seconds, f"the {size}-section build was stopped then")
            report.row(label, f"> {result.build_seconds:.0f} s (stopped; raise --budget)")


def check_large(scaling: Scaling, deck_only: Scaling, report: Report) -> None:
    """Check the largest size's time: measured, or known to be over from a smaller build."""
    large = SIZES[-1]
    name = f"{large} sections, {scaling.what}"
    target = f"<= {LARGE_SECONDS_MAX:g} s"
    done = scaling.results.get(large)
    if done is not None:
        report.checks.append(Check(name, f"{done.seconds:.2f} s", target,
                                   done.seconds <= LARGE_SECONDS_MAX))
        report.row(f"{name}: peak RSS", f"{done.peak_kib / 1024:.0f} MiB (the warm-up "
                   f"build alone reached {done.base_kib / 1024:.0f} MiB)")
        return
    known = max((scaling, deck_only), key=lambda s: s.at_least)
    if known.at_least > LARGE_SECONDS_MAX:
        where = "" if known is scaling else f" ({known.what})"
        report.checks.append(Check(name, f"> {known.at_least:.0f} s: {known.because}{where}",
                                   target, False))
    else:
        report.checks.append(Check(name, "not measured", target, None))


def check_linearity(scaling: Scaling, report: Report) -> None:
    """Check the per-section time of the largest finished size against the smallest."""
    small = SIZES[0]
    large = max(scaling.results, default=small)
    name = f"linearity, {scaling.what}: ms/section at {SIZES[-1]} vs {small}"
    if large == small:
        report.checks.append(Check(name, "not measured", f"<= {LINEARITY_MAX}", None))
        return
    results = scaling.results
    ratio = (results[large].seconds / large) / (results[small].seconds / small)
    cpu = (results[large].cpu / large) / (results[small].cpu / small)
    value = f"{ratio:.2f} (on CPU time: {cpu:.2f})"
    value += "" if large == SIZES[-1] else f", only up to {large} sections"
    report.checks.append(Check(name, value, f"<= {LINEARITY_MAX}", ratio <= LINEARITY_MAX))


def bench_synthetic(summary: bool, budget: Budget, report: Report) -> None:
    """Time the synthetic outlines (deck only, then with the summary when it exists)."""
    kinds = [Scaling(False), *([Scaling(True)] if summary else [])]
    with tempfile.TemporaryDirectory(prefix="bench-synthetic-") as folder:
        for scaling in kinds:
            bench_sizes(Path(folder), scaling, budget, report)
    for scaling in kinds:
        check_large(scaling, kinds[0], report)
        check_linearity(scaling, report)
    if not summary:
        report.checks.append(Check(f"{SIZES[-1]} sections, deck + summary", "not built",
                                   f"<= {LARGE_SECONDS_MAX:g} s", None))


# --- output -------------------------------------------------------------------------------------

def print_table(report: Report) -> None:
    """Print every measurement, then one PASS/FAIL line per target, then the notes."""
    width = max(len(label) for label, _ in report.rows) if report.rows else 0
    print("\nMeasurement".ljust(width + 3) + "Value")
    print("-" * (width + 40))
    for label, value in report.rows:
        print(f"{label.ljust(width)}  {value}")
    print()
    for check in report.checks:
        status = {True: "PASS", False: "FAIL", None: "SKIP"}[check.passed]
        print(f"{status}  {check.name}: {check.value} (target {check.target})")
    for note in report.notes:
        print(f"note: {note}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per seed (median)")
    parser.add_argument("--budget", type=float, default=170.0,
                        help="seconds from the start after which no new child build starts "
                             "and a running one is stopped")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    return parser.parse_args(argv)


def choose_summary(report: Report) -> bool:
    """Return whether the summary can be benchmarked; note why not when it cannot."""
    problem = summary_works(SEEDS[0])
    if problem:
        report.notes.append(f"summary not benchmarked, deck only: {problem}")
        print(f"note: {problem}; benchmarking with summary=False", flush=True)
    return problem is None


def main(argv: Sequence[str] | None = None) -> int:
    """Run every benchmark, print the table and return the exit status."""
    args = parse_args(argv)
    budget = Budget(time.perf_counter() + args.budget)
    stamps = source_stamps()
    make_importable()
    logging.disable(logging.CRITICAL)
    report = Report()
    report.row("load average (1 min) at start",
               f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    summary = choose_summary(report)
    for outline in SEEDS:
        bench_seed(outline, summary, args.runs, budget, report)
    bench_synthetic(summary, budget, report)
    report.row("load average (1 min) at end", f"{os.getloadavg()[0]:.2f}")
    note_changes(stamps, report)
    print_table(report)
    missed = any(check.passed is False for check in report.checks)
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
