"""The one way tests start a race: jobs in their own threads (and database
connections), released at the same moment by a barrier."""

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.db import connection

T = TypeVar("T")


def run_together(
    jobs: Sequence[Callable[[], T]], *, timeout: float = 120
) -> list[T | str]:
    """Run each job in its own thread, all released at once; their outcomes
    in the order they finished.

    A job that raises gives `"error: <Type>: <message>"` instead, so the
    test's assertion shows it rather than a thread losing it. Each thread
    closes its own database connection (on PostgreSQL: its own session).
    """
    start = threading.Barrier(len(jobs))
    outcomes: list[T | str] = []
    lock = threading.Lock()

    def run(job: Callable[[], T]) -> None:
        try:
            start.wait()
            result: T | str = job()
        except Exception as exc:  # reported in the assertion, not lost in a thread
            result = f"error: {type(exc).__name__}: {exc}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
