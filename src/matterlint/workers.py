"""Worker processes: forked once per run, fed chunks of targets through pipes, answering with
the chunks' results in order.

Each worker reads chunks from its own pipe and writes their results to another, in the order
it got them; the parent remembers which worker has which chunk and reads the results in the
order of the chunks, so a parallel run prints exactly what a serial one prints. One thread in
the parent does it all: ``multiprocessing.Pool`` spent a sixth of a cached run's parent time
in its three threads handing the GIL to each other, and hung for ever when a worker died.

A worker that dies (killed, out of memory, a crash in a C extension) costs the files it held,
and only those: each is reported as FM901 internal-error, and the run goes on with the other
workers, or in the parent when none is left.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import struct
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from matterlint.results import FileResult
from matterlint.source import write_all

# A target as it crosses to a worker: its location and the path reports show.
Item = tuple[str, str]
# What a worker sends for a target: its result, or the cache entry that holds it, which the
# parent decodes. Decoded in the worker, then pickled there and unpickled in the parent, the
# entries of a cached run of 10,000 posts cost 0.18 s more processor time, and the run took
# 0.45 s instead of 0.37 (eight runs each, alternated).
Reply = FileResult | bytes
# What a worker does with a chunk of targets: their replies, in order.
Work = Callable[[list[Item]], list[Reply]]
# The result for a target that was lost with its worker, from why.
Lost = Callable[[Item, str], FileResult]
# What a worker does when the parent has no more chunks for it.
End = Callable[[], None]

# Each worker holds at most this many chunks: one it works on, one waiting in its pipe, so it
# never idles while the parent reads another worker's results.
_QUEUED = 2
_HEADER = struct.Struct("<Q")
_READ = 1 << 20


class Workers:
    """Worker processes for a run, forked before the files are found.

    A forked child starts with its parent's memory, and the resident pages count in each
    process: forked after discovery, every worker would carry the list of all targets, and
    memory would grow threefold with the number of files. Workers inherit what ``work`` needs
    (the linter and the cache: no pickling of compiled schemas); targets reach them as strings.
    """

    def __init__(self, jobs: int, work: Work, lost: Lost, end: End | None = None) -> None:
        """Raises ``OSError`` when a worker cannot be forked, with none left running."""
        self._work = work
        self._lost = lost
        self._live: list[_Worker] = []
        # The parent's objects are hidden from the cyclic garbage collector while the workers
        # run: a collection in a worker would otherwise walk every object it inherited
        # (writing to each, so that the kernel copies its page), and the parent's own
        # collections walked them again and again. A cached run of 10,000 posts took 0.40 s
        # instead of 0.43 (four runs each, alternated).
        gc.freeze()
        try:
            for _ in range(jobs):
                self._live.append(_fork(work, end, self._live))
        except OSError:
            self.close()
            raise

    def lint(self, chunks: Iterable[list[Item]]) -> Iterator[tuple[Item, Reply]]:
        """Every target of every chunk with its reply, in the chunks' order. The workers have
        ended (and done their ``end``) when the last reply is out."""
        source = iter(chunks)
        pending: deque[tuple[_Worker, list[Item]]] = deque()

        def submit() -> None:
            while live := [w for w in self._live if w.alive]:
                worker = min(live, key=lambda w: w.queued)
                if worker.queued >= _QUEUED:
                    return
                chunk = next(source, None)
                if chunk is None:
                    return
                worker.send(chunk)
                pending.append((worker, chunk))

        submit()
        while pending:
            worker, chunk = pending.popleft()
            replies = worker.receive()
            if isinstance(replies, str):
                yield from ((item, self._lost(item, replies)) for item in chunk)
            else:
                yield from zip(chunk, replies, strict=True)
            if not worker.alive and worker in self._live:
                self._live.remove(worker)
                worker.stop()
            submit()
        for chunk in source:  # every worker died: the parent goes on alone
            yield from zip(chunk, self._work(chunk), strict=True)
        self.close()

    def close(self) -> None:
        for worker in self._live:
            worker.stop()
        self._live.clear()
        gc.unfreeze()


class _Worker:
    """The parent's end of one worker process."""

    def __init__(self, pid: int, requests: int, results: int) -> None:
        self.pid = pid
        self.queued = 0
        self.alive = True
        self._epitaph = ""
        self._requests = requests
        self._results = results
        self._inbox = bytearray()
        os.set_blocking(requests, False)

    def send(self, chunk: list[Item]) -> None:
        """Queue a chunk. Never blocks on a full pipe while the worker blocks on writing
        results nobody reads: results that arrive meanwhile are kept for :meth:`receive`."""
        self.queued += 1
        view = memoryview(_frame(chunk))
        while view and self.alive:
            try:
                view = view[os.write(self._requests, view) :]
            except BlockingIOError:
                ready = select.poll()
                ready.register(self._results, select.POLLIN)
                ready.register(self._requests, select.POLLOUT)
                if any(fd == self._results for fd, _ in ready.poll()):
                    self._read()
            except BrokenPipeError:
                self._died()

    def receive(self) -> list[Reply] | str:
        """The results of the oldest chunk sent, or why there are none. Results that came
        before the worker died still count."""
        while True:
            if len(self._inbox) >= _HEADER.size:
                (size,) = _HEADER.unpack_from(self._inbox)
                end = _HEADER.size + size
                if len(self._inbox) >= end:
                    reply: list[Reply] | str = pickle.loads(self._inbox[_HEADER.size : end])
                    del self._inbox[:end]
                    self.queued -= 1
                    return reply
            if not self.alive:
                return self._epitaph
            self._read()

    def _read(self) -> None:
        data = os.read(self._results, _READ)
        if data:
            self._inbox += data
        else:
            self._died()

    def _died(self) -> None:
        """Reap the worker and say why it stopped."""
        self.alive = False
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        self._epitaph = _describe(status)

    def close_pipes(self) -> None:
        """Once only: a descriptor closed twice may by then be another file's."""
        if self._requests >= 0:
            os.close(self._requests)
            os.close(self._results)
            self._requests = self._results = -1

    def stop(self) -> None:
        """An idle worker ends at the end of its pipe; a busy one (the run was interrupted)
        is terminated."""
        self.close_pipes()
        if self.pid:
            if self.queued:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)
            self.pid = 0
        self.alive = False


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"the worker process checking it was killed by {name}"
    return f"the worker process checking it exited with status {os.waitstatus_to_exitcode(status)}"


def _frame(value: object) -> bytes:
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _fork(work: Work, end: End | None, others: list[_Worker]) -> _Worker:
    requests_read, requests_write = os.pipe()
    results_read, results_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        for descriptor in (requests_read, requests_write, results_read, results_write):
            os.close(descriptor)
        raise
    if pid == 0:  # the worker: it never returns, and never runs the parent's exit handlers
        status = 0
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
            for descriptor in (requests_write, results_read):
                os.close(descriptor)
            for other in others:  # so that each worker sees the end of its own pipe only
                other.close_pipes()
            _serve(work, requests_read, results_write)
            if end is not None:
                end()
        except BaseException:
            status = 70
        finally:
            os._exit(status)
    os.close(requests_read)
    os.close(results_write)
    return _Worker(pid, requests_write, results_read)


def _serve(work: Work, requests: int, results: int) -> None:
    """A worker's loop: a chunk in, its results out, until the parent closes the pipe."""
    while (header := _read_exactly(requests, _HEADER.size)) is not None:
        body = _read_exactly(requests, _HEADER.unpack(header)[0])
        if body is None:
            return
        chunk: list[Item] = pickle.loads(body)
        reply: list[Reply] | str
        try:
            reply = work(chunk)
        except Exception as error:  # a bug: the parent reports the chunk's files as FM901
            reply = f"the worker process checking it raised {type(error).__name__}: {error}"
        write_all(results, _frame(reply))


def _read_exactly(descriptor: int, size: int) -> bytes | None:
    """``size`` bytes, or ``None`` at the end of the pipe."""
    parts = []
    while size:
        data = os.read(descriptor, min(size, _READ))
        if not data:
            return None
        parts.append(data)
        size -= len(data)
    return b"".join(parts)
