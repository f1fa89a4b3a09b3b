"""What each kind of job does: write its file to a path and say its name and the rows it discloses.

Each runner reads the job's organization, campaign and parameters, and writes as the job's owner may
see (``reader_for(owner)``: the personal-data policy applies in the background as on a page). The
organization and permission were checked when the job was started and are checked again at download.
"""

from __future__ import annotations

from collections.abc import Callable

from xeploai.accounts.access import user_scope
from xeploai.accounts.personal_data import reader_for
from xeploai.campaigns.models import Campaign, RatingStage, Subject
from xeploai.jobs.models import Job, JobKind
from xeploai.jobs.outputs import JobRefused, Output, Progress
from xeploai.jobs.work import campaign_open, registry_import, year_statistics
from xeploai.registry.models import Organization
from xeploai.registry.workbook import export_workbook
from xeploai.registry.workbook.schema import PEOPLE
from xeploai.reports import docx, selectors
from xeploai.reports.exports import organization_issuer
from xeploai.reports.xlsx import statistics_xlsx

__all__ = ["RUNNERS", "JobRefused", "Output", "Progress"]


def _stage(job: Job) -> str:
    stage = job.params.get("stage", RatingStage.DECIDED)
    return stage if stage in RatingStage.values else RatingStage.DECIDED


def _place(job: Job) -> tuple[Organization, Campaign]:
    """The organization and campaign of a report job (both set by the view that started it)."""
    if job.organization is None or job.campaign is None:
        raise ValueError(f"job {job.pk} has no organization or campaign")
    return job.organization, job.campaign


def documents_zip(job: Job, path: str, progress: Progress) -> Output:
    """Every Word document of the organization's subtree (``reports.docx.write_documents_zip``)."""
    org, campaign = _place(job)
    with open(path, "wb") as out:
        written = docx.write_documents_zip(out, campaign=campaign, root=org, reader=reader_for(job.owner),
                                           on_progress=progress)
    return Output(f"van-ban-{campaign.year}-{org.code}.zip", written)


def statistics_workbook(job: Job, path: str, progress: Progress) -> Output:
    """The statistical tables as an Excel workbook laid out like the paper tables."""
    org, campaign = _place(job)
    progress(0, 1)
    stats = selectors.campaign_statistics(campaign=campaign, root=org, stage=_stage(job))
    with open(path, "wb") as out:
        out.write(statistics_xlsx(stats, issuer=organization_issuer(org)))
    rows = sum(len(s.display_rows()) for s in [*stats.sections, *stats.by_unit])  # aggregate rows
    return Output(f"thong-ke-{campaign.year}-{org.code}.xlsx", rows)


def word_document(job: Job, path: str, progress: Progress) -> Output:
    """The summary report ("bao-cao") or the decided list ("danh-sach") as a Word document."""
    org, campaign = _place(job)
    progress(0, 1)
    rows = 0
    if job.kind == JobKind.SUMMARY_DOCX:
        slug = "bao-cao"
        stats = selectors.campaign_statistics(campaign=campaign, root=org, stage=_stage(job))
        data = docx.summary_report(campaign=campaign, root=org, stats=stats)
    else:
        slug = "danh-sach"
        data = docx.decided_list(campaign=campaign, root=org, stage=_stage(job))
        rows = Subject.objects.filter(campaign=campaign).subtree(org).count()
    with open(path, "wb") as out:
        out.write(data)
    return Output(f"{slug}-{campaign.year}-{org.code}.docx", rows)


def registry_export(job: Job, path: str, progress: Progress) -> Output:
    """The organizations and people the owner may see, in the workbook format (personal-data policy)."""
    progress(0, 1)
    reader = reader_for(job.owner)
    paths = user_scope(job.owner).people_root_paths
    roots = None if reader.everything else list(Organization.objects.filter(path__in=paths))
    counts = export_workbook(path=path, roots=roots, policy=reader)
    job.params = {**job.params, "sheets": counts}
    return Output("du_lieu.xlsx", counts.get(PEOPLE.name, 0))


RUNNERS: dict[str, Callable[[Job, str, Progress], Output]] = {
    JobKind.DOCUMENTS_ZIP: documents_zip,
    JobKind.STATISTICS_XLSX: statistics_workbook,
    JobKind.SUMMARY_DOCX: word_document,
    JobKind.DECIDED_LIST_DOCX: word_document,
    JobKind.REGISTRY_EXPORT: registry_export,
    JobKind.REGISTRY_IMPORT: registry_import,
    JobKind.CAMPAIGN_OPEN: campaign_open,
    JobKind.YEAR_STATISTICS: year_statistics,
}
