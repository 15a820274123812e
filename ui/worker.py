"""The one helper that runs long work (signing, export) off the UI thread.

Only the callbacks run on the UI thread, delivered through queued signals; the work itself
must not touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

_running: set[_Signals] = set()  # keep the signal objects alive until they have reported


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # noqa: BLE001 - reported to the UI as a message
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None]) -> None:
    signals = _Signals()
    _running.add(signals)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(signals)
        callback(value)

    signals.succeeded.connect(lambda result: finish(on_success, result))
    signals.failed.connect(lambda exc: finish(on_failure, exc))
    QThreadPool.globalInstance().start(_Task(work, signals))


def wait_for_background(msecs: int = 30000) -> bool:
    """For tests and shutdown: wait until background work has finished."""
    return QThreadPool.globalInstance().waitForDone(msecs)
