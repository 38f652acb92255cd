"""Run a command and measure it: wall time and the peak resident memory of its whole process tree."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(frozen=True)
class Run:
    returncode: int | None
    """None when the command was stopped at the time limit."""
    seconds: float
    peak_bytes: int
    stdout: str
    stderr: str


def measured(args: list[str], cwd: Path, *, limit_seconds: float, env: dict | None = None) -> Run:
    """Run ``args``, sampling the memory of it and its children every 50 ms; stop it at ``limit_seconds``."""
    started = time.perf_counter()
    out, err = cwd / ".measure-stdout", cwd / ".measure-stderr"
    with out.open("w") as stdout, err.open("w") as stderr:
        process = psutil.Popen(args, cwd=cwd, stdout=stdout, stderr=stderr, env=env)
        peak = 0
        returncode = None
        while True:
            try:
                tree = [process] + process.children(recursive=True)
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            returncode = process.poll()
            if returncode is not None:
                break
            if time.perf_counter() - started > limit_seconds:
                for p in process.children(recursive=True) + [process]:
                    try:
                        p.kill()
                    except psutil.Error:
                        pass
                process.wait()
                returncode = None
                break
            time.sleep(0.05)
    seconds = time.perf_counter() - started
    run = Run(returncode, seconds, peak, out.read_text(), err.read_text())
    out.unlink()
    err.unlink()
    return run
