"""Jobs that write no file: a registry workbook import, opening a campaign, a year's statistics.

Each does in the worker what its page did in the request, through the same service (all-or-nothing,
audited as the job's owner: ``jobs.execution`` sets the audit context), and keeps its outcome in
``job.params["result"]`` as plain values for the page that shows it.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xeploai.campaigns import campaign_setup
from xeploai.campaigns.models import Campaign
from xeploai.jobs.models import Job
from xeploai.jobs.outputs import JobRefused, Output, Progress
from xeploai.registry.workbook import import_workbook
from xeploai.registry.workbook.errors import ImportResult, WorkbookError
from xeploai.reports import selectors
from xeploai.reports.stats import Group

IMPORT_WITHDRAWN = _("Không nhập được: bạn không còn quyền nhập dữ liệu từ tệp Excel. Chưa ghi gì.")
MAX_ERRORS_KEPT = 1000  # the result page shows as many as the inline page did
NO_FILE = ""


def upload_dir(owner_id: int, token: str) -> Path:
    """Where the uploaded workbook of an import job waits for the worker (removed once read)."""
    return Path(settings.MEDIA_ROOT) / "tep-tao" / str(owner_id) / f"nhap-{token}"


def _error_row(e: WorkbookError) -> list[Any]:
    return [e.sheet, e.row, e.column, e.column_letter, e.value, e.message]


def import_result_of(job: Job) -> tuple[ImportResult, int]:
    """The import's result as kept by the job, and how many errors were not kept."""
    kept = job.params.get("result", {})
    result = ImportResult(
        created=kept.get("created", {}),
        updated=kept.get("updated", {}),
        unchanged=kept.get("unchanged", {}),
        errors=[WorkbookError(*row) for row in kept.get("errors", [])],
        dry_run=bool(kept.get("dry_run")),
        warnings=[WorkbookError(*row) for row in kept.get("warnings", [])],
    )
    return result, max(0, kept.get("error_count", 0) - len(result.errors))


def registry_import(job: Job, path: str, progress: Progress) -> Output:
    """Validate and write the uploaded workbook (``import_workbook``: nothing written on any error), if
    the owner may still import; one transaction, so the progress bar shows work without a count."""
    folder = upload_dir(job.owner_id, job.params["upload"])
    try:
        if not job.owner.has_perm("registry.import_workbook"):
            raise JobRefused(str(IMPORT_WITHDRAWN))
        upload = folder / job.params["stored_name"]
        result = import_workbook(path_or_file=upload, dry_run=bool(job.params.get("dry_run")))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    job.params = {
        **job.params,
        "result": {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "dry_run": result.dry_run,
            "error_count": len(result.errors),
            "errors": [_error_row(e) for e in result.errors[:MAX_ERRORS_KEPT]],
            "warnings": [_error_row(w) for w in result.warnings],
        },
    }
    return Output(NO_FILE, 0)


def campaign_open(job: Job, path: str, progress: Progress) -> Output:
    """Open the campaign (S-10, S-11, S-12): ``campaign_setup.campaign_open_by``, which checks the
    owner's right again and records ``campaign.opened``; a refusal is shown as the service words it."""
    if job.campaign is None:
        raise ValueError(f"job {job.pk} has no campaign")
    progress(0, 0)
    try:
        result = campaign_setup.campaign_open_by(campaign=job.campaign, by=job.owner)
    except ValidationError as exc:
        raise JobRefused(" ".join(exc.messages)) from exc
    job.params = {
        **job.params,
        "result": {
            "subjects": result.created + result.updated + result.unchanged,
            "created": result.created,
            "updated": result.updated,
            "removed": result.removed,
            "kept_stale": result.kept_stale,
        },
    }
    return Output(NO_FILE, 0)


def year_statistics(job: Job, path: str, progress: Progress) -> Output:
    """The year's grouped figures (R-95) over the campaigns the view chose for the owner, kept as rows."""
    ids = [int(pk) for pk in job.params["campaigns"]]
    campaigns = list(Campaign.objects.filter(pk__in=ids).select_related("root").order_by("root__path", "pk"))
    groups = selectors.year_groups(stage=job.params["stage"], campaigns=campaigns)
    job.params = {**job.params, "result": {"groups": [list(dataclasses.astuple(g)) for g in groups]}}
    return Output(NO_FILE, 0)


def kept_groups(job: Job) -> list[Group]:
    """The grouped figures a year-statistics job kept."""
    return [Group(*row) for row in job.params.get("result", {}).get("groups", [])]
