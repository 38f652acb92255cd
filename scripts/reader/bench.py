"""Benchmark of the model stage and the whole build on a synthetic corpus of many texts.

The corpus is made by recombining the paragraphs of the real texts in ``sources/`` with a seeded
random generator, so the same seed always gives the same bytes. Every measurement runs in a fresh
Python process (this module again, with the hidden ``--measure`` option), so each peak RSS
belongs to one measurement only:

a. the bare spaCy pipeline (``nlp.pipe`` over every block text, one process), and for reference
   the same with spaCy's own ``n_process=--jobs`` (a2);
b. the annotate stage with an empty cache, one process;
c. the annotate stage with an empty cache and ``--jobs`` worker processes;
d. annotate (cache filled by b) and glossary matching after one glossary entry was edited;
e. the full build (cold cache) for the real texts and for the synthetic corpus.

Besides wall-clock seconds, each measurement records the CPU seconds of its main process and of
its workers, and the CPU time that other processes on the machine used meanwhile ("other CPUs"):
on a shared machine the multi-process ratio is only meaningful when that figure is near zero.

Usage: ``PYTHONPATH=scripts python -m reader.bench [--texts N] [--jobs J] [--skip-site]``.
This is a measuring script, not a test: nothing here fails because something was slow; the
acceptance targets are only reported.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .convert import Document, convert
from .settings import Settings
from .sources import load_sources

ROOT = Path(__file__).resolve().parents[2]
"""The project directory (holds mkdocs.yml, sources/ and glossary/)."""

GIB_KIB = 1024 * 1024
SAMPLE_SECONDS = 0.2
"""How often the driver samples the resident memory of a measurement's process tree."""

TARGETS = {
    "cold_vs_raw": 0.85,
    "jobs_vs_one": 1.6,
    "edit_vs_cold": 0.10,
    "annotate_rss_gib": 1.5,
}
"""Acceptance targets: cold/raw ≥, jobs/one ≥, edit/cold ≤, peak RSS of the annotate stage ≤."""

PARAGRAPHS_PER_TEXT = (8, 25)
EDIT_PREFIX = "Benchmark edit:"
ALIAS_SUFFIX = " Jr"

Params = dict[str, Any]
Result = dict[str, Any]


# --------------------------------------------------------------------------- synthetic corpus


@dataclass(frozen=True)
class CorpusInfo:
    """Where a synthetic corpus was written and what it contains."""

    directory: Path
    texts: int
    paragraphs: int
    bytes: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"directory": str(self.directory.relative_to(ROOT)), "texts": self.texts,
                "paragraphs": self.paragraphs, "bytes": self.bytes, "sha256": self.sha256}


def paragraph_pool(sources_dir: Path) -> list[str]:
    """Every non-heading block text of the real texts, in a fixed order (by text id, then position)."""
    return [block.text for source in load_sources(sources_dir)
            for block in convert(source).blocks if block.kind != "heading"]


def source_file(title: str, paragraphs: list[str]) -> str:
    """A valid source file: front matter with unknown author and publication, one paragraph per line."""
    header = "\n".join([
        "---",
        f"title: {title}",
        "author: unknown",
        "publication: unknown",
        "language: en",
        "furniture: []",
        "headings: []",
        "---",
    ])
    return header + "\n" + "\n\n".join(paragraphs) + "\n"


def make_corpus(sources_dir: Path, target: Path, texts: int, seed: int) -> CorpusInfo:
    """Write ``texts`` synthetic sources into a fresh ``target``; the same seed gives the same bytes."""
    pool = paragraph_pool(sources_dir)
    low, high = PARAGRAPHS_PER_TEXT
    if len(pool) < high:
        raise SystemExit(f"the real texts have {len(pool)} paragraphs; at least {high} are needed")
    rng = random.Random(seed)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    digest = hashlib.sha256()
    paragraphs = size = 0
    width = max(4, len(str(texts)))
    for number in range(1, texts + 1):
        chosen = rng.sample(pool, rng.randint(low, high))
        name = f"bench-{number:0{width}d}"
        data = source_file(f"Bench text {number:0{width}d}", chosen).encode("utf-8")
        (target / f"{name}.txt").write_bytes(data)
        digest.update(name.encode() + b"\x00" + data)
        paragraphs += len(chosen)
        size += len(data)
    return CorpusInfo(target, texts, paragraphs, size, digest.hexdigest())


def edit_glossary(source: Path, target: Path) -> dict[str, str]:
    """Copy the glossary and change one entry's summary and one of its plain aliases.

    The entry is the first (by file name) that has an alias written as a plain string.
    """
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    for path in sorted(target.glob("*.md")):
        head, sep, body = path.read_text(encoding="utf-8").removeprefix("---\n").partition("\n---\n")
        data = yaml.safe_load(head)
        aliases = (data.get("aliases") or []) if isinstance(data, dict) else []
        plain = [i for i, alias in enumerate(aliases) if isinstance(alias, str)]
        if not sep or not plain:
            continue
        old_alias = aliases[plain[0]]
        aliases[plain[0]] = old_alias + ALIAS_SUFFIX
        data["summary"] = f"{EDIT_PREFIX} " + " ".join(str(data["summary"]).split()[:30])
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
        return {"entry": path.stem, "alias_before": old_alias, "alias_after": aliases[plain[0]],
                "summary_after": data["summary"]}
    raise SystemExit("no glossary entry has a plain-string alias to edit")


# --------------------------------------------------------------------------- measurements (child side)


def _settings(params: Params, **changes: Any) -> Settings:
    """The project's settings with the benchmark's paths and options."""
    base = Settings(root=ROOT, jobs=1, progress=False)
    return base.with_(**{k: Path(v) if k in {"sources", "glossary", "cache", "docs", "out", "reports"} else v
                         for k, v in {**params.get("settings", {}), **changes}.items()})


def _documents(sources_dir: Path) -> list[Document]:
    return [convert(source) for source in load_sources(sources_dir)]


def cpu_seconds() -> dict[str, float]:
    """User + system CPU seconds used so far by this process and by its waited-for children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"self": own.ru_utime + own.ru_stime, "children": children.ru_utime + children.ru_stime}


def cpu_since(start: dict[str, float]) -> dict[str, float]:
    """CPU seconds used since ``start`` (a ``cpu_seconds()`` reading), by this process and its children."""
    now = cpu_seconds()
    return {key: round(now[key] - start[key], 3) for key in now}


def peak_rss_kib() -> dict[str, int]:
    """Peak resident set size of this process and of its largest waited-for child (KiB on Linux)."""
    return {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def measure_raw(params: Params) -> Result:
    """The bare pipeline: load it, then ``nlp.pipe`` over every block text of the corpus.

    With ``jobs`` above 1 this is spaCy's own ``n_process``: the ceiling for the annotate stage.
    """
    from .nlp import load_pipeline

    settings = _settings(params)
    texts = [block.text for document in _documents(settings.path(settings.sources)) for block in document.blocks]
    cpu = cpu_seconds()
    started = time.perf_counter()
    nlp = load_pipeline(settings.model, tuple(settings.components))
    loaded = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=settings.batch_size, n_process=settings.jobs):
        tokens += len(doc)
    finished = time.perf_counter()
    return {"seconds": finished - started, "load_seconds": loaded - started, "pipe_seconds": finished - loaded,
            "jobs": settings.jobs, "cpu_seconds": cpu_since(cpu),
            "blocks": len(texts), "tokens": tokens, "pipeline": list(nlp.pipe_names),
            "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}-{nlp.meta.get('version')}",
            "rss_kib": peak_rss_kib()}


def _docbin_tokens(annotated: list) -> int:
    from spacy.tokens import DocBin

    from .annotate import DOCBIN_ATTRS

    return sum(len(tokens) for item in annotated
               for tokens in DocBin(attrs=DOCBIN_ATTRS).from_bytes(item.docbin).tokens)


def measure_annotate(params: Params) -> Result:
    """The annotate stage as the build runs it (all documents collected), then glossary matching."""
    from .annotate import annotate
    from .glossary import load_glossary
    from .match import GlossaryMatcher

    settings = _settings(params)
    documents = _documents(settings.path(settings.sources))
    stats: dict = {}
    cpu = cpu_seconds()
    started = time.perf_counter()
    annotated = list(annotate(documents, settings, stats))
    annotate_seconds = time.perf_counter() - started
    annotate_cpu, rss = cpu_since(cpu), peak_rss_kib()
    started = time.perf_counter()
    matcher = GlossaryMatcher(load_glossary(settings.path(settings.glossary)))
    annotations = [matcher.annotate(item) for item in annotated]
    match_seconds = time.perf_counter() - started
    return {"seconds": annotate_seconds, "match_seconds": match_seconds, "jobs": settings.jobs,
            "cpu_seconds": annotate_cpu,
            "documents": len(documents), "tokens_in_output": _docbin_tokens(annotated),
            "mentions": sum(len(a.mentions) for a in annotations), "stats": stats,
            "rss_kib": rss, "rss_kib_after_match": peak_rss_kib()}


def measure_edit(params: Params) -> Result:
    """After a glossary edit: annotate over a filled cache, then load the edited glossary and match."""
    from .annotate import annotate
    from .glossary import load_glossary
    from .match import GlossaryMatcher

    settings = _settings(params)
    documents = _documents(settings.path(settings.sources))
    stats: dict = {}
    cpu = cpu_seconds()
    started = time.perf_counter()
    annotated = list(annotate(documents, settings, stats))
    annotated_at = time.perf_counter()
    glossary = load_glossary(settings.path(settings.glossary))
    matcher = GlossaryMatcher(glossary)
    annotations = [matcher.annotate(item) for item in annotated]
    finished = time.perf_counter()
    edited = params["edited_entry"]
    return {"seconds": finished - started, "annotate_seconds": annotated_at - started,
            "match_seconds": finished - annotated_at, "stats": stats, "cpu_seconds": cpu_since(cpu),
            "edited_summary_seen": glossary[edited].summary.startswith(EDIT_PREFIX),
            "mentions": sum(len(a.mentions) for a in annotations), "rss_kib": peak_rss_kib()}


def measure_build(params: Params) -> Result:
    """The whole build (``reader.build.build``) into the benchmark's own docs, site and cache."""
    from .build import build

    settings = _settings(params)
    cpu = cpu_seconds()
    timer = build(settings, site=params.get("site", True))
    used, rss = cpu_since(cpu), peak_rss_kib()
    docs, site = settings.path(settings.docs), settings.path(settings.out)
    index = site / "search" / "search_index.json"
    return {"seconds": sum(timer.seconds.values()), "stages": timer.seconds, "jobs": settings.jobs, "cpu_seconds": used,
            "pages_md": sum(1 for _ in docs.rglob("*.md")),
            "pages_html": sum(1 for _ in site.rglob("*.html")) if site.is_dir() else 0,
            "search_index_bytes": index.stat().st_size if index.is_file() else None,
            "search_index_docs": len(json.loads(index.read_text(encoding="utf-8"))["docs"]) if index.is_file() else None,
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) if site.is_dir() else 0,
            "rss_kib": rss}


MEASUREMENTS: dict[str, Callable[[Params], Result]] = {
    "raw": measure_raw, "annotate": measure_annotate, "edit": measure_edit, "build": measure_build,
}


# --------------------------------------------------------------------------- driver side


def _tree_rss_kib(pid: int) -> int:
    """Summed VmRSS of a process and all its descendants, from /proc (0 where /proc is missing)."""
    parents: dict[int, int] = {}
    proc = Path("/proc")
    if not proc.is_dir():
        return 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent and child not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for member in tree:
        try:
            for line in Path(f"/proc/{member}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def machine_busy_seconds() -> float | None:
    """CPU seconds all processors have spent busy since boot, from /proc/stat (None elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_measurement(kind: str, params: Params, workdir: Path) -> Result:
    """Run one measurement in a fresh interpreter.

    Adds the sampled peak RSS of its process tree, the CPU seconds of that tree, and the CPU
    seconds the rest of the machine used meanwhile: other work on a shared machine makes the
    wall-clock figures, above all the multi-process ones, unreliable, and this says when.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir) as scratch:
        params_path, result_path = Path(scratch, "params.json"), Path(scratch, "result.json")
        params_path.write_text(json.dumps(params), encoding="utf-8")
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "scripts"), env.get("PYTHONPATH")) if p)
        command = [sys.executable, "-m", "reader.bench", "--measure", kind,
                   "--params", str(params_path), "--result", str(result_path)]
        before, busy = cpu_seconds(), machine_busy_seconds()
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sys.stderr)
        tree_peak = 0
        while child.poll() is None:
            tree_peak = max(tree_peak, _tree_rss_kib(child.pid))
            time.sleep(SAMPLE_SECONDS)
        if child.returncode != 0:
            raise SystemExit(f"measurement '{kind}' failed with exit status {child.returncode}")
        elapsed = time.perf_counter() - started
        after, busy_after = cpu_seconds(), machine_busy_seconds()
        tree_cpu = after["children"] - before["children"]
        own_cpu = after["self"] - before["self"]  # this driver's sampling
        result = json.loads(result_path.read_text(encoding="utf-8"))
    result["process_seconds"] = elapsed
    result["rss_kib"]["tree_sampled"] = tree_peak
    result["tree_cpu_seconds"] = round(tree_cpu, 3)
    if busy is not None and busy_after is not None:
        result["other_cpu_seconds"] = round(max(0.0, busy_after - busy - tree_cpu - own_cpu), 3)
        result["other_cpus_busy"] = round(result["other_cpu_seconds"] / elapsed, 3)
    return result


def _fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def run_benchmark(texts: int, seed: int, jobs: int, skip_site: bool) -> dict[str, Any]:
    """Build the corpus and run every measurement, in order; return everything as plain data."""
    from .annotate import model_key

    bench = ROOT / "build" / "bench"
    corpus = make_corpus(ROOT / "sources", bench / f"corpus-{texts}", texts, seed)
    _say(f"corpus: {corpus.texts} texts, {corpus.paragraphs} paragraphs, {corpus.bytes:,} bytes, sha256 {corpus.sha256[:16]}")
    base = {"sources": _rel(corpus.directory), "glossary": "glossary"}
    cold_cache = _fresh(bench / "cache-one")
    runs: dict[str, Result] = {}

    _say("a. raw nlp.pipe, one process")
    runs["raw"] = run_measurement("raw", {"settings": base}, bench)
    _say(f"a2. raw nlp.pipe, n_process {jobs} (spaCy's own multiprocessing, for reference)")
    runs["raw_jobs"] = run_measurement("raw", {"settings": {**base, "jobs": jobs}}, bench)
    _say("b. annotate, cold cache, one process")
    runs["cold_one"] = run_measurement("annotate", {"settings": {**base, "cache": _rel(cold_cache), "jobs": 1}}, bench)
    _say(f"c. annotate, cold cache, jobs {jobs}")
    runs["cold_jobs"] = run_measurement(
        "annotate", {"settings": {**base, "cache": _rel(_fresh(bench / "cache-jobs")), "jobs": jobs}}, bench)
    edit = edit_glossary(ROOT / "glossary", bench / "glossary-edited")
    _say(f"d. annotate + match after editing glossary entry '{edit['entry']}' (cache from b)")
    runs["edit"] = run_measurement("edit", {"settings": {**base, "glossary": _rel(bench / "glossary-edited"),
                                                         "cache": _rel(cold_cache), "jobs": 1},
                                            "edited_entry": edit["entry"]}, bench)
    runs["edit"]["edit"] = edit
    builds = [("build_real", "sources", "real")]
    if not skip_site:
        builds.append(("build_corpus", _rel(corpus.directory), f"corpus-{texts}"))
    for name, sources, label in builds:
        target = _fresh(bench / f"build-{label}")
        _say(f"e. full build, cold cache: {label} ({sources})")
        settings = {"sources": sources, "glossary": "glossary", "jobs": jobs, "cache": _rel(target / "cache"),
                    "docs": _rel(target / "docs"), "out": _rel(target / "site"), "reports": _rel(target / "reports")}
        runs[name] = run_measurement("build", {"settings": settings}, bench)
    environment = {"python": platform.python_version(), "platform": platform.platform(),
                   "cpus": os.cpu_count(), "model_key": model_key(Settings(root=ROOT)),
                   "batch_size": Settings().batch_size}
    return {"parameters": {"texts": texts, "seed": seed, "jobs": jobs, "skip_site": skip_site},
            "environment": environment, "corpus": corpus.as_dict(), "measurements": runs,
            "summary": summarise(runs, jobs)}


def summarise(runs: dict[str, Result], jobs: int) -> dict[str, Any]:
    """Throughputs, ratios and the acceptance targets met or missed."""
    tokens = runs["raw"]["tokens"]
    raw, raw_jobs, one, many, edit = (runs[k]["seconds"] for k in ("raw", "raw_jobs", "cold_one", "cold_jobs", "edit"))
    rss_one = runs["cold_one"]["rss_kib"]
    rss_many = runs["cold_jobs"]["rss_kib"]
    annotate_rss = max(rss_one["self"], rss_one["tree_sampled"], rss_many["tree_sampled"])
    ratios = {
        "cold_vs_raw": raw / one,
        "jobs_vs_one": one / many,
        "edit_vs_cold": edit / one,
        "annotate_rss_gib": annotate_rss / GIB_KIB,
    }
    met = {
        "cold_vs_raw": ratios["cold_vs_raw"] >= TARGETS["cold_vs_raw"],
        "jobs_vs_one": ratios["jobs_vs_one"] >= TARGETS["jobs_vs_one"],
        "edit_vs_cold": ratios["edit_vs_cold"] <= TARGETS["edit_vs_cold"],
        "annotate_rss_gib": ratios["annotate_rss_gib"] <= TARGETS["annotate_rss_gib"],
    }
    main_cpu = runs["cold_jobs"]["cpu_seconds"]["self"]
    return {
        "tokens": tokens,
        "tokens_per_second": {"raw": tokens / raw, "raw_pipe_only": tokens / runs["raw"]["pipe_seconds"],
                              f"raw_jobs_{jobs}": tokens / raw_jobs,
                              "cold_one": tokens / one, f"cold_jobs_{jobs}": tokens / many},
        "ratios": ratios, "targets": TARGETS, "met": met,
        "reference": {
            "raw_jobs_vs_raw": raw / raw_jobs,
            "cold_jobs_vs_raw_jobs": raw_jobs / many,
            "cold_jobs_main_process_cpu_seconds": main_cpu,
            "cold_jobs_main_process_share_of_one_process_cpu": main_cpu / sum(runs["cold_one"]["cpu_seconds"].values()),
        },
        "tokens_match": all(runs[k]["tokens_in_output"] == tokens for k in ("cold_one", "cold_jobs")),
    }


# --------------------------------------------------------------------------- report


def _gib(kib: int) -> str:
    return f"{kib / GIB_KIB:.2f}"


def _rss(result: Result) -> str:
    rss = result["rss_kib"]
    return f"{_gib(rss['self'])} / {_gib(rss['children'])} / {_gib(rss['tree_sampled'])}"


def _cpu(result: Result) -> str:
    cpu = result["cpu_seconds"]
    return f"{cpu['self']:.1f} / {cpu['children']:.1f}"


def _row(label: str, result: Result, rate: float | None, ratio: str, target: str) -> str:
    rate_text = f"{rate:.0f}" if rate is not None else ""
    other = result.get("other_cpus_busy")
    other_text = f"{other:.2f}" if other is not None else "?"
    return (f"{label:<42}{result['seconds']:>8.1f}{rate_text:>10}  {ratio:<19}{target:<16}"
            f"{_cpu(result):>13}{other_text:>7}  {_rss(result)}")


def format_table(report: dict[str, Any]) -> str:
    """The plain-text table printed at the end of a run."""
    runs, summary, jobs = report["measurements"], report["summary"], report["parameters"]["jobs"]
    rate = summary["tokens_per_second"]
    ratios, met, targets, reference = summary["ratios"], summary["met"], summary["targets"], summary["reference"]

    def target(key: str, sign: str) -> str:
        return f"{sign} {targets[key]} {'met' if met[key] else 'MISSED'}"

    corpus, environment = report["corpus"], report["environment"]
    edit, one = runs["edit"], runs["cold_one"]
    lines = [
        f"corpus: {corpus['texts']} texts, {corpus['paragraphs']} paragraphs, {summary['tokens']:,} tokens, "
        f"seed {report['parameters']['seed']}, sha256 {corpus['sha256'][:16]}",
        f"model {runs['raw']['model']} ({'+'.join(runs['raw']['pipeline'])}), batch size "
        f"{environment['batch_size']}, {environment['cpus']} CPUs, Python {environment['python']}",
        "",
        f"{'measurement':<42}{'seconds':>8}{'tokens/s':>10}  {'ratio':<19}{'target':<16}"
        f"{'CPU s main':>13}{'other':>7}  peak RSS GiB",
        f"{'':<42}{'':>8}{'':>10}  {'':<19}{'':<16}{'/ workers':>13}{'CPUs':>7}  self / children / tree",
        _row("a. raw nlp.pipe, 1 process (incl. load)", runs["raw"], rate["raw"], "", ""),
        _row(f"a2. raw nlp.pipe, n_process {jobs} (reference)", runs["raw_jobs"], rate[f"raw_jobs_{jobs}"],
             f"{reference['raw_jobs_vs_raw']:.2f}x raw", ""),
        _row("b. annotate cold, 1 process", one, rate["cold_one"],
             f"{ratios['cold_vs_raw']:.2f}x raw", target("cold_vs_raw", ">=")),
        _row(f"c. annotate cold, jobs {jobs}", runs["cold_jobs"], rate[f"cold_jobs_{jobs}"],
             f"{ratios['jobs_vs_one']:.2f}x b", target("jobs_vs_one", ">=")),
        _row("d. annotate+match after a glossary edit", edit, None,
             f"{ratios['edit_vs_cold']:.3f} of b", target("edit_vs_cold", "<=")),
        f"   d = annotate from cache {edit['annotate_seconds']:.1f} s + glossary load and match "
        f"{edit['match_seconds']:.1f} s (b's match after the cold annotate: {one['match_seconds']:.1f} s)",
        f"   peak RSS of the annotate stage (max of b, c): {ratios['annotate_rss_gib']:.2f} GiB, "
        f"{target('annotate_rss_gib', '<=')}",
        "   'other CPUs': CPUs kept busy by other processes on the machine during the measurement "
        "(above ~0.1 the wall-clock ratios are not reliable)",
    ]
    builds = [(k, label) for k, label in (("build_real", "3 real texts"), ("build_corpus", f"{corpus['texts']} texts"))
              if k in runs]
    stages = list(runs["build_real"]["stages"])
    lines += ["", f"{'e. full build, cold cache':<26}" + "".join(f"{s:>10}" for s in stages)
              + f"{'total':>10}{'pages':>7}{'index KiB':>11}{'other':>7}  peak RSS GiB self / children / tree"]
    for key, label in builds:
        result = runs[key]
        index = result["search_index_bytes"]
        lines.append(f"{label:<26}" + "".join(f"{result['stages'].get(s, 0.0):>10.2f}" for s in stages)
                     + f"{result['seconds']:>10.2f}{result['pages_md']:>7}"
                     + f"{(index or 0) / 1024:>11.0f}{result.get('other_cpus_busy', float('nan')):>7.2f}  {_rss(result)}")
    if not summary["tokens_match"]:
        lines.append("WARNING: the annotate output has a different token count from the raw run")
    return "\n".join(lines)


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- command line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m reader.bench",
        description="Benchmark the model stage and the build on a synthetic corpus recombined from sources/.")
    parser.add_argument("--texts", type=int, default=1000, metavar="N", help="texts in the synthetic corpus (default: 1000)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed of the corpus (default: 2026)")
    parser.add_argument("--jobs", type=int, default=2, metavar="J", help="worker processes for measurement c and the builds (default: 2)")
    parser.add_argument("--out", type=Path, default=Path("build/reports/bench.json"), metavar="PATH",
                        help="where the JSON results go, relative to the project (default: build/reports/bench.json)")
    parser.add_argument("--skip-site", action="store_true", help="skip the full build of the synthetic corpus")
    parser.add_argument("--measure", choices=sorted(MEASUREMENTS), help=argparse.SUPPRESS)
    parser.add_argument("--params", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or, with the internal ``--measure``, one measurement in this process)."""
    args = build_parser().parse_args(argv)
    if args.measure:
        params = json.loads(args.params.read_text(encoding="utf-8"))
        result = MEASUREMENTS[args.measure](params)
        args.result.write_text(json.dumps(result), encoding="utf-8")
        return 0
    if args.texts < 1 or args.jobs < 1:
        print("--texts and --jobs must be at least 1", file=sys.stderr)
        return 2
    report = run_benchmark(args.texts, args.seed, args.jobs, args.skip_site)
    out = args.out if args.out.is_absolute() else ROOT / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(format_table(report))
    print(f"\nwritten {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
