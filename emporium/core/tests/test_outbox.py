"""The transactional outbox: publish, deliver after commit, retry failures."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerUnavailable

from emporium.core import events
from emporium.core.events import publish
from emporium.core.models import OutboxEvent
from emporium.core.request_context import request_id_var
from emporium.core.tasks import deliver_event, redeliver_pending_events

pytestmark = pytest.mark.django_db

EVENT = "test.parcel_shipped"


class Boom(Exception):
    pass


def _make_stale(event: OutboxEvent, *, seconds: int = 120) -> None:
    OutboxEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_publish_in_a_rolled_back_transaction_leaves_no_event_and_delivers_nothing(
    subscribe_handler, django_capture_on_commit_callbacks
):
    handler = subscribe_handler(EVENT, "handler")

    def publish_then_fail():
        with transaction.atomic():
            publish(EVENT, {"parcel": 1})
            raise Boom

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Boom),
    ):
        publish_then_fail()

    assert callbacks == []
    assert not OutboxEvent.objects.exists()
    assert handler.calls == []


def test_publish_delivers_nothing_before_commit(
    subscribe_handler, django_capture_on_commit_callbacks
):
    handler = subscribe_handler(EVENT, "handler")

    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        transaction.atomic(),
    ):
        event = publish(EVENT, {"parcel": 1})

    assert len(callbacks) == 1
    assert handler.calls == []
    event.refresh_from_db()
    assert event.delivered_at is None


def test_after_commit_each_handler_runs_once_and_the_event_is_delivered(
    subscribe_handler, django_capture_on_commit_callbacks
):
    first = subscribe_handler(EVENT, "first")
    second = subscribe_handler(EVENT, "second")

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        event = publish(EVENT, {"parcel": 1})

    assert first.calls == second.calls == [{"parcel": 1}]
    event.refresh_from_db()
    assert event.delivered_at is not None
    assert event.attempts == 1
    assert event.last_error == ""
    assert event.handled_by == [events.handler_id(first), events.handler_id(second)]


def test_publish_records_the_current_request_id():
    token = request_id_var.set("req-12345678")
    try:
        event = publish(EVENT, {})
    finally:
        request_id_var.reset(token)

    event.refresh_from_db()
    assert event.request_id == "req-12345678"


def test_a_failing_handler_leaves_the_event_pending_for_a_retry(subscribe_handler):
    ok = subscribe_handler(EVENT, "ok")
    failing = subscribe_handler(EVENT, "failing")
    failing.error = Boom("smtp down")
    event = publish(EVENT, {"parcel": 1})
    before = timezone.now()

    delivered = events.deliver(event.pk)

    event.refresh_from_db()
    assert delivered is False
    assert event.delivered_at is None
    assert event.attempts == 1
    assert event.next_attempt_at > before
    assert event.last_error == f"{events.handler_id(failing)}: Boom: smtp down"
    assert ok.calls == failing.calls == [{"parcel": 1}]
    assert event.handled_by == [events.handler_id(ok)]


def test_redelivery_runs_only_the_handlers_that_failed(subscribe_handler):
    ok = subscribe_handler(EVENT, "ok")
    flaky = subscribe_handler(EVENT, "flaky")
    flaky.error = Boom("smtp down")
    event = publish(EVENT, {"parcel": 1})
    events.deliver(event.pk)
    flaky.error = None

    delivered = events.deliver(event.pk)

    event.refresh_from_db()
    assert delivered is True
    assert len(ok.calls) == 1
    assert len(flaky.calls) == 2
    assert event.delivered_at is not None
    assert event.attempts == 2
    assert event.last_error == ""


def test_a_failing_handler_does_not_keep_its_database_writes(subscribe_handler):
    failing = subscribe_handler(EVENT, "failing")
    failing.action = lambda payload: OutboxEvent.objects.create(name="test.half_done")
    failing.error = Boom("half-way")
    event = publish(EVENT, {})

    events.deliver(event.pk)

    assert not OutboxEvent.objects.filter(name="test.half_done").exists()


def test_each_failure_waits_longer_before_the_next_attempt(subscribe_handler):
    failing = subscribe_handler(EVENT, "failing")
    failing.error = Boom("still down")
    event = publish(EVENT, {})

    waits = []
    for _ in range(3):
        before = timezone.now()
        events.deliver(event.pk)
        event.refresh_from_db()
        waits.append(round((event.next_attempt_at - before).total_seconds()))

    assert waits == [30, 60, 120]


def test_delivering_an_event_twice_runs_its_handlers_once(subscribe_handler):
    handler = subscribe_handler(EVENT, "handler")
    event = publish(EVENT, {"parcel": 1})

    assert deliver_event(str(event.pk)) is True
    assert deliver_event(str(event.pk)) is True

    assert len(handler.calls) == 1


def test_redeliver_pending_events_delivers_stale_pending_events(subscribe_handler):
    handler = subscribe_handler(EVENT, "handler")
    stale = publish(EVENT, {"parcel": "stale"})
    _make_stale(stale)
    fresh = publish(EVENT, {"parcel": "fresh"})  # its on-commit delivery is due

    delivered = redeliver_pending_events()

    assert delivered == 1
    assert handler.calls == [{"parcel": "stale"}]
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.delivered_at is not None
    assert fresh.delivered_at is None


def test_redeliver_pending_events_waits_for_the_backoff_of_a_failed_event(
    subscribe_handler,
):
    failing = subscribe_handler(EVENT, "failing")
    failing.error = Boom("down")
    event = publish(EVENT, {})
    _make_stale(event)
    events.deliver(event.pk)

    assert redeliver_pending_events() == 0
    assert len(failing.calls) == 1


def test_redeliver_pending_events_gives_up_after_max_attempts(subscribe_handler):
    handler = subscribe_handler(EVENT, "handler")
    event = publish(EVENT, {})
    _make_stale(event)
    OutboxEvent.objects.filter(pk=event.pk).update(attempts=events.MAX_ATTEMPTS)

    assert redeliver_pending_events() == 0
    assert handler.calls == []


@pytest.mark.django_db(transaction=True)
def test_a_write_succeeds_and_its_event_waits_when_the_broker_is_down(
    subscribe_handler, caplog
):
    handler = subscribe_handler(EVENT, "handler")

    broker_down = BrokerUnavailable("connection refused")

    with (
        mock.patch.object(deliver_event, "delay", side_effect=broker_down),
        transaction.atomic(),
    ):
        event = publish(EVENT, {"parcel": 1})

    event.refresh_from_db()
    assert event.delivered_at is None
    assert event.attempts == 0
    assert handler.calls == []
    assert f"could not enqueue outbox event {event.pk}" in caplog.text
    _make_stale(event)
    assert redeliver_pending_events() == 1
    assert handler.calls == [{"parcel": 1}]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_event_one_worker_is_delivering_is_skipped_by_another(subscribe_handler):
    handler = subscribe_handler(EVENT, "handler")
    event = OutboxEvent.objects.create(name=EVENT, payload={"parcel": 1})
    locked, release = threading.Event(), threading.Event()

    def first_worker_holding_the_row():
        with transaction.atomic():
            OutboxEvent.objects.select_for_update().get(pk=event.pk)
            locked.set()
            release.wait(timeout=10)
        connection.close()

    first_worker = threading.Thread(target=first_worker_holding_the_row)
    first_worker.start()
    assert locked.wait(timeout=10)

    skipped = events.deliver(event.pk)

    release.set()
    first_worker.join()
    assert skipped is True
    assert handler.calls == []
    event.refresh_from_db()
    assert event.attempts == 0
    assert events.deliver(event.pk) is True
    assert handler.calls == [{"parcel": 1}]


def test_handlers_log_with_the_request_id_of_the_publishing_request(
    subscribe_handler, django_capture_on_commit_callbacks
):
    seen: list[str] = []
    handler = subscribe_handler(EVENT, "records-request-id")
    handler.action = lambda payload: seen.append(request_id_var.get())
    token = request_id_var.set("req-abcdefgh")
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            publish(EVENT, {})
    finally:
        request_id_var.reset(token)

    for callback in callbacks:  # delivered later, outside the request
        callback()

    assert seen == ["req-abcdefgh"]
    assert request_id_var.get() == "-"
