"""The demo's task register: about ten 2026 tasks for each công chức (R-102), removed by --replace."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from xeploai.registry.models import CivilServiceCategory, Person
from xeploai.registry.task_register import Task


@pytest.fixture(autouse=True)
def _development(settings):
    settings.DEBUG = True


def demo(*args: str) -> None:
    call_command("demo", *args, stdout=StringIO())


@pytest.mark.django_db
def test_every_civil_servant_has_ten_tasks_of_2026_and_replace_starts_over():
    demo("--seed", "1", "--scale", "tiny")
    civil_servants = Person.objects.filter(civil_service_category=CivilServiceCategory.CIVIL_SERVANT).count()
    assert civil_servants > 0
    per_person = Task.objects.values("person").annotate(n=Count("pk")).values_list("n", flat=True)
    assert set(per_person) == {10}
    assert Task.objects.values("person").distinct().count() == civil_servants
    assert not Task.objects.exclude(due_on__year=2026).exists()
    assert Task.objects.filter(done_on__gt=F("due_on")).exists()  # some are late
    demo("--seed", "1", "--scale", "tiny", "--replace")
    assert Task.objects.count() == civil_servants * 10

