"""The scale benchmark: every State of the Union address, imported as sources, built into the whole site.

Run it with ``make bench`` (its own environment, benchmarks/requirements.lock) or
``.venv-bench/bin/python benchmarks/bench.py [--texts N] [--repeats R]``. Figures go to
``build/bench/bench.json`` and a table is printed. Method, for every figure: one unrecorded warm-up
run, then ``--repeats`` (at least 3) recorded runs, reported as the median with the min–max spread.

What each figure includes:
- *cold build*: ``annotated-reader build`` as a new process with an empty model cache and no
  previous site: process start, model load, every stage, the engine and the CSP pass.
- *rebuild after an entry edit / a source edit*: the same command right after a cold build, once one
  glossary entry's summary and body (or one paragraph of one address) were changed.
- *model stage vs raw nlp.pipe*: in a fresh process per run, on the first ``--model-texts``
  addresses: the model is loaded first and timed apart ("model load"); then either bare
  ``nlp.pipe`` over every block (one process) or the project's annotate stage with an empty cache
  (``--jobs 1`` and the default jobs). Texts per second and tokens per second. The three kinds
  run in rounds (one run of each per round, the order rotating), and each ratio to raw is taken
  within a round, so a slow spell of the machine weighs on both sides of it.
- *peak memory*: the resident memory of the whole process tree (the build and its workers),
  sampled every 50 ms with psutil.
- *pages*: the largest HTML page, and the largest sum of a page's own scripts and data (our
  scripts it loads plus the preview data of every entry it links to; the theme's bundle excluded).
- *search*: in Chromium (Playwright), over HTTP from this machine, a new browser context (empty
  cache) per run: bytes of search data downloaded from opening the page until the first result of
  a one-word query shows, and the time to it, for "Search the texts" (the chunked index) and for
  the theme's search box (titles, headings, glossary).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import pages  # noqa: E402

MODEL_ROUNDS = 5
"""Fewest recorded rounds of the model-stage figures: one run varies by about 10 % on this machine
(the same raw run took 11.8 to 13.6 s), so the ratios need more rounds than the builds."""
TARGETS = {"entry_edit_vs_cold": 0.15, "source_edit_vs_cold": 0.20, "page_kib": 150, "own_kib": 100,
           "search_mib": 3.0, "peak_gib": 1.5, "one_process_vs_raw": 0.95, "jobs_vs_raw": 1.85}


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def run_tree(command: list[str], env: dict | None = None) -> tuple[float, int, str]:
    """Run a command; wall seconds, peak resident bytes of its whole process tree, its output."""
    started = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
    reader.start()
    parent = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    reader.join()
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{''.join(out)[-3000:]}")
    return seconds, peak, "".join(out)


def spread(values: list[float]) -> dict:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": values}


def repeated(label: str, repeats: int, once) -> list:
    """One unrecorded warm-up run, then ``repeats`` recorded ones."""
    say(f"{label}: warm-up")
    once(warm=True)
    results = []
    for i in range(repeats):
        say(f"{label}: run {i + 1}/{repeats}")
        results.append(once(warm=False))
    return results


# --------------------------------------------------------------------------- model stage


def measure_model(kind: str, sources: Path, texts: int, jobs: int) -> dict:
    """In this (fresh) process: load the model (timed), then one model-stage run over ``texts`` addresses."""
    import tempfile

    from annotated_reader.pipeline.analyse import convert_all
    from annotated_reader.inputs.sources import load_sources
    from annotated_reader.pipeline.nlp import load_pipeline
    from annotated_reader.settings import Settings

    import resource

    settings = Settings(sources=sources, jobs=jobs, progress=False)
    documents = convert_all(load_sources(sources))[:texts]

    def cpu() -> float:  # CPU seconds of this process and of its finished workers
        own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime
    started = time.perf_counter()
    nlp = load_pipeline(settings.model, tuple(settings.components))
    load = time.perf_counter() - started
    blocks = [b.text for d in documents for b in d.blocks]
    started, cpu_started = time.perf_counter(), cpu()
    if kind == "raw":
        tokens = sum(len(doc) for doc in nlp.pipe(blocks, batch_size=settings.batch_size))
    else:
        from annotated_reader.pipeline.annotate import annotate

        with tempfile.TemporaryDirectory() as cache:
            analyses = list(annotate(documents, settings.with_(cache=Path(cache))))
        tokens = sum(len(b.tokens) for a in analyses for b in a.blocks)
    seconds = time.perf_counter() - started
    return {"load_seconds": load, "seconds": seconds, "cpu_seconds": cpu() - cpu_started, "texts": len(documents),
            "tokens": tokens}


def model_figures(sources: Path, texts: int, jobs: int, repeats: int) -> dict:
    def child(kind: str, j: int):
        def once(warm: bool) -> dict:
            _, peak, out = run_tree([sys.executable, __file__, "--measure-model", kind, "--sources", str(sources),
                                     "--model-texts", str(texts), "--jobs", str(j)])
            result = json.loads(out.strip().splitlines()[-1])
            result["peak_bytes"] = peak
            return result
        return once

    # Rounds, not blocks: each round runs the three kinds one after the other (in an order that
    # rotates), so a slow spell of the machine weighs on all three alike, and each ratio is taken
    # within one round; the figure is the median of the rounds' ratios, with their spread.
    kinds = (("raw_one_process", "raw", 1), ("stage_one_process", "stage", 1), (f"stage_jobs_{jobs}", "stage", jobs))
    runs: dict[str, list[dict]] = {name: [] for name, _, _ in kinds}
    for round_ in range(repeats + 1):
        order = kinds[round_ % 3:] + kinds[:round_ % 3]
        for name, kind, j in order:
            label = "warm-up" if round_ == 0 else f"round {round_}/{repeats}"
            say(f"model: {name}: {label}")
            result = child(kind, j)(warm=round_ == 0)
            if round_:
                runs[name].append(result)
    figures = {}
    for name, _, _ in kinds:
        done = runs[name]
        figures[name] = {"texts_per_second": spread([r["texts"] / r["seconds"] for r in done]),
                         "tokens_per_second": spread([r["tokens"] / r["seconds"] for r in done]),
                         "seconds": spread([r["seconds"] for r in done]),
                         "model_load_seconds": spread([r["load_seconds"] for r in done]),
                         "cpu_seconds": spread([r["cpu_seconds"] for r in done]),
                         "texts": done[0]["texts"], "tokens": done[0]["tokens"]}
    raw = runs["raw_one_process"]
    figures["one_process_vs_raw"] = spread([r["seconds"] / s["seconds"] for r, s in zip(raw, runs["stage_one_process"])])
    figures["jobs_vs_raw"] = spread([r["seconds"] / s["seconds"] for r, s in zip(raw, runs[f"stage_jobs_{jobs}"])])
    # CPU seconds for the same work: what the project's code adds around the model, whatever the machine's load.
    figures["raw_cpu_vs_one_process_cpu"] = spread(
        [r["cpu_seconds"] / s["cpu_seconds"] for r, s in zip(raw, runs["stage_one_process"])])
    figures["raw_cpu_vs_jobs_cpu"] = spread(
        [r["cpu_seconds"] / s["cpu_seconds"] for r, s in zip(raw, runs[f"stage_jobs_{jobs}"])])
    return figures


# --------------------------------------------------------------------------- builds


def edit_entry(glossary: Path, entry_id: str) -> None:
    """A real edit: a new sentence in the entry's summary and body (what an editor most often changes)."""
    path = glossary / f"{entry_id}.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^summary: (['\"]?)", r"summary: \1Edited. ", text, count=1)
    path.write_text(text.rstrip("\n") + "\n\nA sentence added by the benchmark to measure a rebuild.\n", encoding="utf-8")


def edit_source(sources: Path) -> Path:
    """A real edit: one more sentence at the end of the middle paragraph of the middle text (a new last
    paragraph when the text pins paragraph ids with former_ids, which an edited paragraph would break)."""
    files = sorted(sources.glob("*.txt"))
    path = files[len(files) // 2]
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    if "\nformer_ids:" in head:
        path.write_text(head + "\n---\n" + body.rstrip("\n") + "\n\nThe benchmark added this paragraph.\n", encoding="utf-8")
        return path
    lines = body.split("\n")
    prose = [i for i, line in enumerate(lines) if len(line.split()) > 30]
    target = prose[len(prose) // 2]
    lines[target] += " The benchmark added this sentence."
    path.write_text(head + "\n---\n" + "\n".join(lines), encoding="utf-8")
    return path


def build_figures(work: Path, sources: Path, repeats: int, jobs: int, entry_id: str, save=lambda partial: None,
                  query: str = pages.QUERY) -> dict:
    glossary = work / "glossary"
    out, docs, cache = work / "out" / "site", work / "out" / "docs", work / "out" / "cache"
    original = sources.with_name("sources.original")

    def command(src: Path) -> list[str]:
        return [sys.executable, "-m", "annotated_reader", "build", "--sources", str(src), "--glossary", str(glossary),
                "--out", str(out), "--docs", str(docs), "--cache", str(cache), "--jobs", str(jobs), "--no-progress"]

    def reset() -> None:
        shutil.rmtree(work / "out", ignore_errors=True)
        shutil.rmtree(glossary, ignore_errors=True)
        shutil.copytree(ROOT / "glossary", glossary)
        if original.exists():
            shutil.rmtree(sources)
            shutil.copytree(original, sources)
        else:
            shutil.copytree(sources, original)

    def warm(warm: bool) -> None:
        small = work / "warm-sources"
        shutil.rmtree(small, ignore_errors=True)
        small.mkdir()
        for path in sorted(sources.glob("*.txt"))[:5]:
            shutil.copy(path, small / path.name)
        reset()
        run_tree(command(small))

    runs = []
    say("builds: warm-up (a cold build of the first five addresses)")
    warm(True)
    for i in range(repeats):
        reset()
        say(f"builds: run {i + 1}/{repeats}: cold build")
        cold, peak, _ = run_tree(command(sources))
        cold_stages = _stages()
        site_figures = pages.measure(out) if i == repeats - 1 else None
        edit_entry(glossary, entry_id)
        say(f"builds: run {i + 1}/{repeats}: rebuild after editing glossary/{entry_id}.md")
        entry, entry_peak, _ = run_tree(command(sources))
        entry_stages = _stages()
        edited = edit_source(sources)
        say(f"builds: run {i + 1}/{repeats}: rebuild after editing {edited.name}")
        source, source_peak, _ = run_tree(command(sources))
        runs.append({"cold": cold, "peak": max(peak, entry_peak, source_peak), "entry": entry, "source": source,
                     "site": site_figures, "stages": {"cold": cold_stages, "entry": entry_stages, "source": _stages()}})
        save({"build_runs": runs})
    search = pages.search_figures(out, repeats, query)
    reset()
    cold = spread([r["cold"] for r in runs])
    return {"cold_build_seconds": cold, "entry_edit_seconds": spread([r["entry"] for r in runs]),
            "source_edit_seconds": spread([r["source"] for r in runs]),
            "entry_edit_vs_cold": statistics.median(r["entry"] / r["cold"] for r in runs),
            "source_edit_vs_cold": statistics.median(r["source"] / r["cold"] for r in runs),
            "peak_memory_gib": spread([r["peak"] / 2**30 for r in runs]),
            "edited_entry": entry_id, "site": runs[-1]["site"], "search": search,
            "stages": [r["stages"] for r in runs]}


def _stages() -> dict:
    """The stage timings the build just wrote (build/reports/stages.json below the project)."""
    return json.loads((ROOT / "build" / "reports" / "stages.json").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- report


def table(report: dict) -> str:
    def row(label, figure, unit="", fmt="{:.1f}"):
        if isinstance(figure, dict):
            shown = f"{fmt.format(figure['median'])} ({fmt.format(figure['min'])}–{fmt.format(figure['max'])})"
        else:
            shown = fmt.format(figure)
        return f"| {label} | {shown} {unit} |"

    m, b = report.get("model"), report.get("builds")
    lines = [f"Corpus: {report['corpus']['texts']} texts, {report['corpus']['words']:,} words; "
             f"{report['repeats']} runs after a warm-up (model stage: {max(report['repeats'], MODEL_ROUNDS)} rounds); "
             "median (min–max).", "", "| figure | value |", "| --- | --- |"]
    if m:
        jobs = report["jobs"]
        lines += [row("model load (apart from every figure below)", m["raw_one_process"]["model_load_seconds"], "s", "{:.2f}"),
                  row(f"raw nlp.pipe, 1 process ({m['raw_one_process']['texts']} texts)", m["raw_one_process"]["texts_per_second"], "texts/s", "{:.2f}"),
                  row("model stage, --jobs 1", m["stage_one_process"]["texts_per_second"], "texts/s", "{:.2f}"),
                  row(f"model stage, --jobs {jobs}", m[f"stage_jobs_{jobs}"]["texts_per_second"], "texts/s", "{:.2f}"),
                  row("model stage --jobs 1 / raw, per round (target ≥ 0.95)", m["one_process_vs_raw"], "×", "{:.2f}"),
                  row(f"model stage --jobs {jobs} / raw, per round (target ≥ 1.85)", m["jobs_vs_raw"], "×", "{:.2f}"),
                  row("CPU seconds: raw / model stage --jobs 1", m["raw_cpu_vs_one_process_cpu"], "×", "{:.2f}"),
                  row(f"CPU seconds: raw / model stage --jobs {jobs}", m["raw_cpu_vs_jobs_cpu"], "×", "{:.2f}")]
    if b:
        site, search = b["site"], b["search"]
        lines += [row("cold build", b["cold_build_seconds"], "s"),
                  row(f"rebuild after editing one entry ({b['edited_entry']})", b["entry_edit_seconds"], "s"),
                  row("rebuild after editing one source", b["source_edit_seconds"], "s"),
                  row("entry edit / cold (target ≤ 0.15)", b["entry_edit_vs_cold"], "×", "{:.3f}"),
                  row("source edit / cold (target ≤ 0.20)", b["source_edit_vs_cold"], "×", "{:.3f}"),
                  row("peak memory of the whole build (target ≤ 1.5)", b["peak_memory_gib"], "GiB", "{:.2f}"),
                  row(f"HTML pages ({site['html_pages']}), largest: {site['largest_page']}", site["largest_page_kib"], "KiB"),
                  row(f"page-own scripts and data, largest: {site['largest_own']}", site["largest_own_kib"], "KiB"),
                  row(f"site: {site['site_mib']:.0f} MiB; theme's search index", site["search_index_mib"], "MiB", "{:.2f}")]
        for name, label in (("text_search", "Search the texts"), ("header_search", "the theme's search (titles, glossary)")):
            found = search[name]
            lines += [row(f"{label}: data downloaded before the first result", found["download_mib"], "MiB", "{:.3f}"),
                      row(f"{label}: first result after typing", found["first_result_seconds"], "s", "{:.2f}"),
                      row(f"{label}: first result from opening the page", found["from_open_seconds"], "s", "{:.2f}")]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, help="use this many addresses, spread over time (default: all)")
    parser.add_argument("--model-texts", type=int, default=48, help="addresses for the model-stage figures (default: 48)")
    parser.add_argument("--repeats", type=int, default=3, help="recorded runs per figure (default: 3, at least 3)")
    parser.add_argument("--jobs", type=int, default=max(1, os.cpu_count() or 1), help="model processes (default: cores)")
    parser.add_argument("--entry", default="united-states", help="the glossary entry the edit figure changes")
    parser.add_argument("--out", type=Path, help="the JSON file of the results (default: below --work)")
    parser.add_argument("--query", default=pages.QUERY, help=f"the word searched for (default: {pages.QUERY})")
    parser.add_argument("--corpus", type=Path, help="measure this sources directory (e.g. sources, the seed texts) "
                                                     "instead of the State of the Union addresses")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="working directory")
    parser.add_argument("--skip-model", action="store_true", help="leave out the model-stage figures")
    parser.add_argument("--skip-builds", action="store_true", help="leave out the build figures")
    parser.add_argument("--measure-model", choices=("raw", "stage"), help=argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure_model:
        print(json.dumps(measure_model(args.measure_model, args.sources, args.model_texts, args.jobs)))
        return 0
    if args.repeats < 3:
        parser.error("--repeats must be at least 3 (medians of repeats)")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    work = args.work / ("seed" if args.corpus else f"texts-{args.texts}" if args.texts else "all")
    work.mkdir(parents=True, exist_ok=True)
    if args.corpus:
        sources = work / "corpus" / "sources"
        shutil.rmtree(work / "corpus", ignore_errors=True)
        shutil.copytree(args.corpus, sources, ignore=shutil.ignore_patterns("*.md"))
        texts = [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted(sources.glob("*.txt"))]
        info = {"texts": len(texts), "words": sum(len(t.split()) for t in texts), "source": str(args.corpus)}
    else:
        say("importing the addresses through tools/import_source.py (once; reused while unchanged)")
        sources, info = corpus.prepare(work / "corpus", ROOT / "glossary", args.texts, say)
    report: dict = {"corpus": info, "repeats": args.repeats, "jobs": args.jobs, "machine": {
        "cpus": os.cpu_count(), "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": sys.version.split()[0]}, "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    target = args.out or args.work / ("bench-seed.json" if args.corpus else f"bench-texts-{args.texts}.json" if args.texts else "bench.json")
    partial = target.with_suffix(".partial.json")

    def save(figures: dict) -> None:  # what is measured so far, in case the run is stopped
        partial.write_text(json.dumps({**report, **figures}, indent=1) + "\n")

    if not args.skip_builds:
        report["builds"] = build_figures(work, sources, args.repeats, args.jobs, args.entry, save, args.query)
        save({})
    if not args.skip_model:
        report["model"] = model_figures(sources, args.model_texts, args.jobs, max(args.repeats, MODEL_ROUNDS))
    report["targets"] = TARGETS
    target.write_text(json.dumps(report, indent=1) + "\n")
    print(table(report))
    print(f"\nwritten: {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
