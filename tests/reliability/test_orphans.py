"""A killed run leaves nothing behind: SIGKILL of the main process alone (not its process group) ends
its pool workers too, instead of leaving them blocked for ever on a pipe nobody reads."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.conftest import RAW

CLI = [sys.executable, "-m", "hdir_extract.cli"]
#: how long the workers may take to notice their parent is gone (the kernel signal is immediate on
#: Linux; the portable watcher polls every quarter second)
GRACE = 5.0

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups and SIGKILL are POSIX")


# --- process table: psutil when importable, else /proc ---------------------------------------------


def _proc_stat(pid: int) -> tuple[str, int, int] | None:
    """(state, ppid, start time) of a live process from /proc, None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # the command name may hold spaces and parentheses
    return fields[0], int(fields[1]), int(fields[19])


def _descendants(pid: int) -> set[tuple[int, float]]:
    """(pid, start time) of every live descendant of `pid`: the start time tells a reused pid apart."""
    try:
        import psutil
    except ImportError:
        psutil = None
    if psutil is not None:
        with contextlib.suppress(psutil.NoSuchProcess):
            return {
                (c.pid, c.create_time())
                for c in psutil.Process(pid).children(recursive=True)
                if c.status() != psutil.STATUS_ZOMBIE
            }
        return set()
    if not Path("/proc/self/stat").exists():
        pytest.skip("neither psutil nor /proc is available to list child processes")
    parents: dict[int, int] = {}
    starts: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _proc_stat(int(entry.name))) and st[0] != "Z":
            parents[int(entry.name)], starts[int(entry.name)] = st[1], st[2]
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {c for c, p in parents.items() if p in frontier} - found
        found |= frontier
    return {(c, starts[c]) for c in found}


def _alive(procs: set[tuple[int, float]]) -> set[tuple[int, float]]:
    """The processes of `procs` still running (a zombie has ended: it only waits to be reaped)."""
    try:
        import psutil
    except ImportError:
        psutil = None
    left = set()
    for pid, start in procs:
        if psutil is not None:
            with contextlib.suppress(psutil.NoSuchProcess):
                p = psutil.Process(pid)
                if p.create_time() == start and p.status() != psutil.STATUS_ZOMBIE:
                    left.add((pid, start))
        elif (st := _proc_stat(pid)) and st[0] != "Z" and st[2] == start:
            left.add((pid, start))
    return left


def _poll(deadline: float, done: Callable[[], bool]) -> bool:
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.05)
    return done()


@contextlib.contextmanager
def _run(cmd: list[str], stdout: int = subprocess.DEVNULL) -> Iterator[subprocess.Popen]:
    """Start `cmd` in its own process group; whatever the test's outcome, the group is killed after."""
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # workers keep the group id even when orphaned
        proc.wait()


def test_killing_only_the_parent_ends_its_workers(tmp_path: Path):
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    cmd = [*CLI, "extract", str(raw), "--out", str(tmp_path / "out"), "--no-cache", "--workers", "2"]
    with _run(cmd) as proc:
        workers: set[tuple[int, float]] = set()

        def started() -> bool:
            nonlocal workers
            workers = _descendants(proc.pid)
            return len(workers) >= 2

        assert _poll(time.monotonic() + 60, started), "the two workers never started"
        assert proc.poll() is None, "the run ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)  # the parent only, as `kill -9 PID` does
        proc.wait()
        assert _poll(time.monotonic() + GRACE, lambda: not _alive(workers)), (
            f"workers left running after their parent was killed: {sorted(_alive(workers))}"
        )
    assert not (tmp_path / "out" / "run.json").exists()  # nothing was written: the run never finished


def test_a_worker_whose_parent_died_before_it_started_ends_at_once():
    # the race the kernel signal cannot cover: the parent died between the fork and prctl
    code = "from hdir_extract.pipeline import _die_with_parent; _die_with_parent(1, True); print('alive')"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 70 and "alive" not in proc.stdout


WORKER = """
import sys, time
import hdir_extract.pipeline as p
p._set_pdeathsig = lambda: None  # no kernel signal: the portable watcher alone must end this process
p._die_with_parent(int(sys.argv[1]), True)
print("ready", flush=True)
time.sleep(120)
"""
PARENT = """
import os, subprocess, sys, time
cmd = [sys.executable, "-c", sys.argv[1], str(os.getpid())]
worker = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
assert worker.stdout.readline().strip() == "ready"
print(worker.pid, flush=True)
time.sleep(120)
"""


def test_without_the_kernel_signal_the_watcher_ends_an_orphaned_worker():
    with _run([sys.executable, "-c", PARENT, WORKER], stdout=subprocess.PIPE) as parent:
        assert parent.stdout is not None
        worker_pid = int(parent.stdout.readline())
        (worker,) = [w for w in _descendants(parent.pid) if w[0] == worker_pid]
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait()
        assert _poll(time.monotonic() + GRACE, lambda: not _alive({worker}))
