"""Timing a command as a child process: wall time, CPU time of the whole process tree, and
the peak of its summed resident memory (worker processes count)."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
BYTECODE_DIR = HERE / ".pycache"
SAMPLE_SECONDS = 0.005
MB = 1_000_000


class BenchmarkError(Exception):
    """A contender failed or a tool is missing: the figures would mean nothing."""


@dataclass(frozen=True, slots=True)
class Run:
    """One run: seconds of wall and CPU time, and the peak RSS of the process tree in bytes
    (0 when it was not sampled)."""

    wall: float
    cpu: float
    peak_rss: int


@dataclass(frozen=True, slots=True)
class Contender:
    """A command to time. ``corpus`` is a generated corpus whose ground truth the command's
    report must match (only for matterlint over a whole corpus); ``reset`` is a folder
    removed, untimed, before each run (a result cache the run must write afresh)."""

    key: str
    label: str
    command: tuple[str, ...]
    cwd: Path
    files: int
    ok: frozenset[int] = frozenset({0})
    corpus: Path | None = None
    reset: Path | None = None


@dataclass(frozen=True, slots=True)
class Timing:
    """A contender's timed runs, the standard output of the last one, and the peak RSS of a
    separate run that sampled memory."""

    contender: Contender
    runs: tuple[Run, ...]
    output: str
    peak_rss: int

    @property
    def wall(self) -> float:
        return statistics.median(run.wall for run in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return self.peak_rss / MB

    @property
    def files_per_second(self) -> float:
        return self.contender.files / self.wall


def rss(pid: int) -> int:
    """Resident set size of ``pid`` in bytes; 0 once it has exited."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    """The direct children of ``pid``, from every thread's ``children`` file."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as listing:
                found += [int(child) for child in listing.read().split()]
        except OSError:
            continue
    return found


def tree_rss(pid: int) -> int:
    """Summed RSS of ``pid`` and all its descendants, in bytes."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss(current)
        stack += children(current)
    return total


class PeakRss:
    """Samples a process tree's RSS on a thread until :meth:`stop`; keeps the highest sum."""

    def __init__(self, pid: int) -> None:
        self.peak = 0
        self._pid = pid
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.is_set():
            self.peak = max(self.peak, tree_rss(self._pid))
            self._done.wait(SAMPLE_SECONDS)

    def stop(self) -> int:
        """Stop sampling and return the peak in bytes."""
        self._done.set()
        self._thread.join()
        return self.peak


def child_environment() -> dict[str, str]:
    """This environment, but with Python writing bytecode (to ``.pycache/``), as installs do.

    Without it (``PYTHONDONTWRITEBYTECODE`` is set on some machines) every run recompiles the
    editable sources, which costs matterlint's start-up 0.1 to 0.2 s that no user pays. The
    prefix keeps the bytecode out of ``src/``.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(BYTECODE_DIR)
    return environment


def measure(contender: Contender, sample: bool = False) -> tuple[Run, str]:
    """Run the contender once; return its figures and standard output. ``sample`` samples the
    memory of its process tree, which costs CPU that timed runs must not lose.

    Output goes to temporary files, not pipes, so a large report never blocks the child and
    no reader thread competes with it. Raises :class:`BenchmarkError` on an unexpected exit.
    """
    if contender.reset is not None:
        shutil.rmtree(contender.reset, ignore_errors=True)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(
            contender.command, cwd=contender.cwd, env=child_environment(), stdout=out, stderr=err
        )
        sampler = PeakRss(process.pid) if sample else None
        code = process.wait()
        wall = time.perf_counter() - start
        peak = sampler.stop() if sampler is not None else 0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        err.seek(0)
        errors = err.read().decode(errors="replace")
        # An uncaught Python exception exits 1, which matterlint also uses for "problems found".
        if code not in contender.ok or "Traceback (most recent call last)" in errors:
            raise BenchmarkError(f"{contender.label} exited {code}:\n{errors[-3000:]}")
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        out.seek(0)
        return Run(wall, cpu, peak), out.read().decode(errors="replace")


def time_contender(contender: Contender, runs: int) -> Timing:
    """One untimed warm-up run, ``runs`` timed ones, then one that samples memory.

    Sampling reads ``/proc`` every 5 ms from this process: on two cores it took a share of the
    CPU that a contender with worker processes needs, and slowed it by up to a third.
    """
    print(f"timing {contender.label} ({runs} runs) ...", file=sys.stderr, flush=True)
    measure(contender)
    results = [measure(contender) for _ in range(runs)]
    memory, _ = measure(contender, sample=True)
    return Timing(contender, tuple(run for run, _ in results), results[-1][1], memory.peak_rss)
