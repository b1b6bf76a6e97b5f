"""One search over linear regions shared between processes.

The open cells of :mod:`exactlip.region_search` are independent: each one's regions are
searched with the target (the best value verified so far, or the floor) as the only
shared state. Once a search has run ``PARALLEL_AFTER`` seconds in the calling process
(the coordinator) with cells to spare, it starts ``processes − 1`` workers, fresh
interpreters running :func:`serve` (nothing of the caller's main module runs again in
them), each with its own LP model. Work moves one cell at a time, always the bottom
cell of the giver's depth-first stack, the largest subtree it holds:

- an idle worker says so, and the coordinator gives it its bottom cell when it holds
  two or more;
- when the coordinator runs dry, or a worker is idle and the coordinator has no cell
  to spare, the coordinator asks a busy worker for its bottom cell.

Every verified value reaches every process, so each one prunes against the best found
anywhere (the point stays with whoever found it until the end); each worker also says
at each of its checks how many cells it has visited, so that the progress reports
count the cells of every process. The search is over
when no process holds a cell. At a deadline or on Ctrl-C the coordinator stops the
workers, and the bound of every cell still open anywhere enters the upper bound; a
worker that dies leaves the bounds of the cells it was given there, and the search
does not count as closed. Process i of n names its cuts i, i + n, i + 2n, ..., so the
rows of a cell keep distinct names in every process's LP model
(:class:`~exactlip.region_search._CellLP` matches rows by name).

On two cores the four random-init 16-20-40-80-2 sweep draws close 1.6–1.9× sooner
with two processes than with one (at `c96a746`: 3.5, 13.7, 4.6 and 76.7 s against
5.6, 25.3, 7.4 and 146 s).
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

import numpy as np

# Workers start once the search has run this long (a worker needs about 0.6 s to start).
PARALLEL_AFTER = 1.0
# How long the coordinator waits for a stopped worker's last report before killing it.
STOP_TIMEOUT = 30.0


def process_count(threads: int | None) -> int:
    """Processes for one search: ``threads`` when given, else the cores this process
    may run on."""
    if threads is not None:
        return threads
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass
class Report:
    """A worker's last report: its best verified value (``point`` None when it found
    nothing above the value it started from), the largest value of its leaves too thin
    to verify, its counters, and the largest bound of the cells it still held."""

    value: float
    point: np.ndarray | None
    direction: np.ndarray | None
    unverified: float
    cells: int
    leaves: int
    lps: int
    open_bound: float


@dataclass
class _Worker:
    """The coordinator's view of one worker: ``busy`` while it holds cells, the largest
    bound of the cells ``given`` to it since it was last idle (a bound on every region
    and leaf it holds), and its last report once it has stopped."""

    process: subprocess.Popen
    connection: Connection
    busy: bool = False
    given: float = -np.inf
    report: Report | None = None
    dead: bool = False
    started: bool = False  # it has said it is idle once: it has read the problem
    cells: int = 0  # the cells it has visited, as it last said

    @property
    def live(self) -> bool:
        """Running and not yet stopped."""
        return not self.dead and self.report is None


class Team:
    """The coordinator's side: starts the workers, passes cells and values between
    them and the coordinator's own search (a :class:`~exactlip.region_search._SearchState`),
    and gathers their reports."""

    def __init__(self, search, problem: tuple, processes: int):
        self.search = search
        handle, self.problem_path = tempfile.mkstemp(prefix="exactlip-regions-", suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(problem, out)
        self.workers: list[_Worker] = []
        try:
            for index in range(1, processes):
                self.workers.append(self._launch(index, processes))
        except (OSError, ValueError):
            self._close()
            raise
        self.asked: _Worker | None = None  # the worker asked for a cell, until it answers
        self.sent_value = search.best_value

    def _launch(self, index: int, processes: int) -> _Worker:
        mine, theirs = socket.socketpair()
        package_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p)}
        entry = "from exactlip.region_workers import serve; serve()"
        command = [sys.executable, "-c", entry, str(theirs.fileno()), self.problem_path, str(index), str(processes)]
        process = subprocess.Popen(command, pass_fds=(theirs.fileno(),), env=env, stdin=subprocess.DEVNULL)
        theirs.close()
        return _Worker(process, Connection(mine.detach()))

    def open_bound(self) -> float:
        """An upper bound on every region the workers hold."""
        return max([-np.inf] + [w.given for w in self.workers])

    def cells(self) -> int:
        """The cells the workers have visited so far, as they last said."""
        return sum(w.cells for w in self.workers)

    def exchange(self, stack: list, wait_seconds: float = 0.0) -> None:
        """Read what the workers sent (waiting up to ``wait_seconds`` for the first
        message), pass on a better value, give cells to idle workers, and ask a busy
        worker for a cell when some process is idle and the stack has none to spare."""
        self._read(stack, wait_seconds)
        if self.search.best_value > self.sent_value:
            self.sent_value = self.search.best_value
            self._broadcast(("best", self.sent_value))
        for worker in self.workers:
            if worker.live and worker.started and not worker.busy and len(stack) >= 2:
                cell = stack.pop(0)
                worker.busy, worker.given = True, cell.bound
                self._send(worker, ("task", cell, max(self.sent_value, self.search.elsewhere)))
        idle = not stack or any(w.live and w.started and not w.busy for w in self.workers)
        busy = [w for w in self.workers if w.live and w.busy]
        if idle and self.asked is None and busy and len(stack) < 2:
            self.asked = max(busy, key=lambda w: w.given)
            self._send(self.asked, ("share",))

    def running(self) -> bool:
        """Whether a worker still holds cells or a cell is on its way back."""
        return self.asked is not None or any(w.live and w.busy for w in self.workers)

    def finish(self, stack: list) -> list[Report]:
        """Stop the workers and gather their last reports; cells that reach the
        coordinator meanwhile go on ``stack`` (still open). A worker that does not
        report in time is killed and counts as dead."""
        try:
            self._broadcast(("stop",))
            deadline = time.perf_counter() + STOP_TIMEOUT
            while any(w.live for w in self.workers) and time.perf_counter() < deadline:
                self._read(stack, deadline - time.perf_counter())
        finally:
            self._close()
        return [w.report for w in self.workers if w.report is not None]

    def _close(self) -> None:
        """Kill the workers that have not reported (they count as dead), wait for all
        and remove the problem file."""
        for worker in self.workers:
            if worker.report is None:
                worker.dead = True
                worker.process.kill()
            worker.process.wait()
            worker.connection.close()
        os.unlink(self.problem_path)

    def lost_bound(self) -> float:
        """The largest bound of the cells held by workers that died."""
        return max([-np.inf] + [w.given for w in self.workers if w.dead])

    def _read(self, stack: list, wait_seconds: float) -> None:
        """Take in every message the running workers have sent, waiting up to
        ``wait_seconds`` for the first."""
        live = [w for w in self.workers if w.live]
        ready = wait([w.connection for w in live], max(0.0, wait_seconds)) if live else []
        for worker in live:
            while worker.connection in ready and worker.live and worker.connection.poll():
                self._receive(worker, stack)

    def _receive(self, worker: _Worker, stack: list) -> None:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):
            worker.dead = True
            if self.asked is worker:
                self.asked = None
            return
        kind = message[0]
        if kind == "hungry":
            worker.started, worker.busy, worker.given = True, False, -np.inf
            self.search.unverified = max(self.search.unverified, message[1])  # its leaves too thin to verify
        elif kind == "best":
            if message[1] > self.search.elsewhere:
                self.search.elsewhere = message[1]
                self._broadcast(("best", message[1]), but=worker)
        elif kind == "cells":
            worker.cells = message[1]
        elif kind == "cell":
            self.asked = None
            if message[1] is not None:
                stack.insert(0, message[1])
        elif kind == "report":
            worker.report = message[1]
            worker.busy = False

    def _broadcast(self, message: tuple, but: _Worker | None = None) -> None:
        for worker in self.workers:
            if worker is not but and worker.live:
                self._send(worker, message)

    def _send(self, worker: _Worker, message: tuple) -> None:
        try:
            worker.connection.send(message)
        except (BrokenPipeError, OSError):
            worker.dead = True


def _work(connection: Connection, problem_path: str, index: int, processes: int) -> None:
    """A worker: search the cells it is given until told to stop, then report."""
    from .region_search import _SearchState

    with open(problem_path, "rb") as source:
        network, box, spec, bounds, lower, floor = pickle.load(source)
    search = _SearchState(network, box, spec, bounds, lower, floor, 1, itertools.count(index, processes))
    stack: list = []
    stopping = False
    sent_value = search.best_value

    def handle(message: tuple) -> None:
        nonlocal stopping
        kind = message[0]
        if kind == "task":
            stack.append(message[1])
            search.elsewhere = max(search.elsewhere, message[2])
        elif kind == "best":
            search.elsewhere = max(search.elsewhere, message[1])
        elif kind == "share":
            connection.send(("cell", stack.pop(0) if len(stack) >= 2 else None))
        elif kind == "stop":
            stopping = True

    def send_value() -> None:
        nonlocal sent_value
        if search.best_value > sent_value:
            sent_value = search.best_value
            connection.send(("best", sent_value))

    def check(_stack: list) -> bool:
        send_value()
        connection.send(("cells", search.cells))
        while not stopping and connection.poll():
            handle(connection.recv())
        return stopping

    connection.send(("hungry", search.unverified))
    while not stopping:
        handle(connection.recv())
        if stack and not stopping:
            search.run(stack, check)
            send_value()
            if not stopping:
                connection.send(("cells", search.cells))
                connection.send(("hungry", search.unverified))
    report = Report(
        search.best_value, search.best_point, search.best_direction, search.unverified, search.cells, search.leaves,
        search.lp.solved, max([-np.inf] + [c.bound for c in stack]),
    )  # fmt: skip
    connection.send(("report", report))


def serve() -> None:
    """A worker process's entry point (:meth:`Team._launch` gives its arguments)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's to handle
    fd, path, worker_index, count = sys.argv[1:5]
    try:
        _work(Connection(int(fd)), path, int(worker_index), int(count))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the coordinator has gone: nobody is left to report to
