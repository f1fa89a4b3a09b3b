"""Audit every ORM change of the registry (organizations, collectives, memberships, people, statuses,
discipline, the task register: tasks, targets, confidence votes, and the facts the rules need: review
meetings, transfers, temporary party activity, conclusions):
``registry.<model>.created|changed|deleted`` with the fields before and after.

Connected in ``AuditConfig.ready``. The actor comes from the audit context (``xeploai.audit.context``:
set per request by ``AuditContextMiddleware``; see there for the trade-off). Derived columns (folded
name, sort key, tree path and depth) are left out of the snapshots: they follow from the others.
A save that changes nothing records nothing. Bulk paths (``registry.bulk``) send no signals; the
workbook import records one ``registry.workbook.imported`` event instead (``workbook_imported``, on the
registry's ``workbook_imported`` signal).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.signals import post_delete, post_save, pre_save

from xeploai.audit.context import is_muted
from xeploai.audit.services import audit_record, snapshot
from xeploai.registry import signals
from xeploai.registry.facts_register import Conclusion, ReviewMeeting, TemporaryActivity, Transfer
from xeploai.registry.models import (
    Collective,
    Discipline,
    Membership,
    Organization,
    Person,
    StatusPeriod,
    path_segment,
)
from xeploai.registry.task_register import ConfidenceVote, Target, Task

DERIVED_FIELDS = ("name_folded", "name_sort", "path", "depth")
_BEFORE_ATTR = "_audit_before"


REGISTRY_MODELS = (
    Organization, Collective, Membership, Person, StatusPeriod, Discipline, Task, Target, ConfidenceVote,
    ReviewMeeting, Transfer, TemporaryActivity, Conclusion,  # the facts the rules need (issue 13 item 6)
)


def org_path_of(instance: models.Model) -> str:
    """The tree path the registry object belongs to (for subtree scoping of who may read the event)."""
    try:
        name = instance._meta.model_name
        if name == "organization":
            parent = instance.parent  # type: ignore[attr-defined]
            return (parent.path if parent is not None else "") + path_segment(instance.pk)  # type: ignore[arg-type]
        if name == "collective":
            return instance.organization.path  # type: ignore[attr-defined]
        if name == "membership":
            return instance.collective.organization.path  # type: ignore[attr-defined]
        if name == "person":
            for attr in ("party_organization", "workplace", "managing_committee"):
                org = getattr(instance, attr)
                if org is not None:
                    return org.path
            return ""
        if name == "statusperiod":
            return org_path_of(instance.person)  # type: ignore[attr-defined]
        if name == "task":  # the task register: the person's place, or the unit's
            return instance.org_path  # type: ignore[attr-defined]
        if name == "target":
            return instance.organization.path  # type: ignore[attr-defined]
        if name in ("confidencevote", "transfer", "temporaryactivity"):
            return org_path_of(instance.person)  # type: ignore[attr-defined]
        if name == "reviewmeeting":
            return instance.organization.path  # type: ignore[attr-defined]
        if name in ("discipline", "conclusion"):
            target = instance.person or instance.collective or instance.organization  # type: ignore[attr-defined]
            return org_path_of(target)
    except ObjectDoesNotExist:  # a cascade already removed the parent row
        return ""
    return ""


def _remember_before(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    if raw or is_muted() or instance._state.adding or instance.pk is None:
        return
    old = sender._base_manager.filter(pk=instance.pk).first()
    setattr(instance, _BEFORE_ATTR, snapshot(old, exclude=DERIVED_FIELDS) if old is not None else None)


def _record_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **_: Any
) -> None:
    if raw or is_muted():
        return
    before = None if created else instance.__dict__.pop(_BEFORE_ATTR, None)
    after = snapshot(instance, exclude=DERIVED_FIELDS)
    if before == after:
        return
    verb = "created" if created or before is None else "changed"
    audit_record(
        action=f"registry.{sender._meta.model_name}.{verb}", obj=instance, before=before, after=after,
        org_path=org_path_of(instance),
    )


def _record_delete(sender: type[models.Model], instance: models.Model, **_: Any) -> None:
    if is_muted():
        return
    audit_record(
        action=f"registry.{sender._meta.model_name}.deleted", obj=instance,
        before=snapshot(instance, exclude=DERIVED_FIELDS), org_path=org_path_of(instance),
    )


def connect() -> None:
    for model in REGISTRY_MODELS:
        uid = f"audit.{model._meta.label_lower}"
        pre_save.connect(_remember_before, sender=model, dispatch_uid=uid + ".pre_save")
        post_save.connect(_record_save, sender=model, dispatch_uid=uid + ".post_save")
        post_delete.connect(_record_delete, sender=model, dispatch_uid=uid + ".post_delete")
    signals.workbook_imported.connect(workbook_imported, dispatch_uid="audit.registry.workbook_imported")


def workbook_imported(
    sender: object, *, created: dict[str, int], updated: dict[str, int], unchanged: dict[str, int],
    file_name: str, **_: Any,
) -> None:
    """Record one summary event for a workbook import (counts per sheet), never one per row.

    Receives the registry's ``workbook_imported`` signal, which the importer sends inside its
    transaction after the write (``registry.workbook.imported``); who and from where come from the
    audit context of the request or command.
    """
    audit_record(
        action="registry.workbook.imported",
        after={"file": file_name, "created": created, "updated": updated, "unchanged": unchanged},
        label=file_name,
    )
