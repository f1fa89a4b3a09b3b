"""Two changes audited at the same moment on PostgreSQL: the second waits for the first, neither fails.

Found under load (bench/bench_load.py): two members saving their self-reviews at once made one of the
saves fail with a 500, both appends having read the same last event and taken the same ``seq``.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from xeploai.audit.chain import verify_chain
from xeploai.audit.models import AuditEvent
from xeploai.audit.services import audit_record

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's IMMEDIATE transactions admit one writer at a time"
)


@pytest.mark.django_db(transaction=True)
def test_an_append_waits_for_the_one_in_flight_and_both_are_chained():
    audit_record(action="campaign.opened", org_path="00000001")
    first_appended, second_started = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                audit_record(action="review.saved", org_path="00000001", after={"by": "first"})
                first_appended.set()
                second_started.wait(10)  # the second append is now waiting for this transaction
                threading.Event().wait(0.5)
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    def second() -> None:
        try:
            first_appended.wait(10)
            second_started.set()
            with transaction.atomic():
                audit_record(action="review.saved", org_path="00000001", after={"by": "second"})
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    events = list(AuditEvent.objects.order_by("seq"))
    start = events[0].seq
    assert [e.seq for e in events] == [start, start + 1, start + 2]
    assert [e.after for e in events[1:]] == [{"by": "first"}, {"by": "second"}]
    assert verify_chain().ok
