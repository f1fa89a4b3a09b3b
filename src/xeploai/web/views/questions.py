"""Questions channel pages (S-17): the list, the ask form, a thread and its answer form.

Every view asks ``xeploai.questions.access`` first (a question the user may not read answers 404; a
visible one the user may not answer, 403) and writes through ``xeploai.questions.services``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xeploai.questions import access, services
from xeploai.questions.forms import AnswerForm, AskForm
from xeploai.questions.models import Question, QuestionStatus
from xeploai.web.listing import Filter, listing_for, paginate, xlsx_response

QUESTIONS_PER_PAGE = 30
# Sort keys of the list (web/listing.py): asked at, title, asking organization (folded name), status.
SORTS = {"thoi-diem": "created_at", "tieu-de": "title", "to-chuc": "organization__name_folded",
         "trang-thai": "status"}  # fmt: skip


def _export_rows(questions: Any) -> Iterator[list[str]]:
    for q in questions.iterator(chunk_size=2000):
        asked = timezone.localtime(q.created_at).strftime("%d/%m/%Y %H:%M")
        yield [q.title, q.organization.name, q.campaign.name, asked, str(q.get_status_display())]


@login_required
def question_list(request: HttpRequest) -> HttpResponse:
    """The questions the user may read, newest first; ``?trang-thai=OPEN`` filters by status; sorted by the
    column chosen, 30 a page, exported as shown (``?xuat=xlsx``)."""
    status = Filter("trang-thai", gettext_lazy("Trạng thái"), QuestionStatus.choices)
    listing = listing_for(request, filters=[status], sorts=SORTS)
    questions = access.questions_visible_to(request.user)
    if chosen := listing.filters.get("trang-thai"):
        questions = questions.filter(status=chosen)
    questions = questions.order_by(*listing.order_by(["-created_at", "-pk"]))
    if listing.exporting:
        headers = [_("Tiêu đề"), _("Tổ chức hỏi"), _("Đợt đánh giá"), _("Thời điểm hỏi"), _("Trạng thái")]
        return xlsx_response(listing, filename="hoi-dap", title=_("Hỏi đáp"), headers=headers,
                             rows=_export_rows(questions))  # fmt: skip
    page = paginate(listing, questions, per_page=QUESTIONS_PER_PAGE)
    context = {
        "page": page, "listing": listing, "may_ask": access.asking_organizations_for(request.user).exists(),
    }
    return render(request, "questions/list.html", context)


@login_required
def ask(request: HttpRequest) -> HttpResponse:
    """Ask a question for one of the user's organizations (a role other than MEMBER held there)."""
    if not access.asking_organizations_for(request.user).exists():
        raise PermissionDenied(_("Bạn không có quyền đặt câu hỏi."))
    form = AskForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_ask(asker=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Đã gửi câu hỏi."))
            return redirect("questions:thread", question.pk)
    return render(request, "questions/ask.html", {"form": form})


def _thread_context(question: Question, form: AnswerForm | None = None) -> dict:
    return {
        "question": question,
        "answers": question.answers.select_related("author"),
        "form": form or AnswerForm(),
    }


@login_required
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    question = access.get_question_for_user(request.user, pk)
    return render(request, "questions/thread.html", _thread_context(question))


@require_POST
@login_required
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Post an answer; an htmx request gets the answer list and form back, others a redirect."""
    question = access.get_question_for_user(request.user, pk, action="answer")
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.question_answer(question=question, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            question.refresh_from_db()
            if not request.htmx:  # type: ignore[attr-defined]
                return redirect("questions:thread", pk)
            form = AnswerForm()
    template = "questions/_answers.html" if request.htmx else "questions/thread.html"  # type: ignore[attr-defined]
    return render(request, template, _thread_context(question, form))


@require_POST
@login_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    question = access.get_question_for_user(request.user, pk, action="close")
    services.question_close(question=question, by=request.user)
    messages.success(request, _("Đã đóng câu hỏi."))
    return redirect("questions:thread", pk)
