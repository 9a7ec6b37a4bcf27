"""Fixtures of the core tests: engine markers and throwaway event handlers."""

from collections.abc import Callable, Iterator

import pytest

from emporium.core import events


class RecordingHandler:
    """An event handler that records each payload; may act, and may fail."""

    def __init__(self, name: str):
        self.__name__ = self.__qualname__ = name
        self.__module__ = __name__
        self.calls: list[dict] = []
        self.action: Callable[[dict], None] | None = None
        self.error: Exception | None = None

    def __call__(self, payload: dict) -> None:
        self.calls.append(payload)
        if self.action is not None:
            self.action(payload)
        if self.error is not None:
            raise self.error


@pytest.fixture
def subscribe_handler() -> Iterator[Callable[[str, str], RecordingHandler]]:
    """Subscribe recording handlers to an event; unsubscribed afterwards."""
    saved = {name: list(handlers) for name, handlers in events._handlers.items()}

    def subscribe(event_name: str, handler_name: str) -> RecordingHandler:
        handler = RecordingHandler(handler_name)
        events.subscribe(event_name)(handler)
        return handler

    yield subscribe
    events._handlers.clear()
    events._handlers.update(saved)
