"""The django-tasks task that runs a job. The database backend (django-tasks-db) stores it and
``manage.py db_worker`` runs it; the tests run it at once with the immediate backend."""

from __future__ import annotations

from django_tasks import task

from xeploai.jobs.execution import job_execute


@task()
def run_job(job_id: int) -> None:
    job_execute(job_id)
