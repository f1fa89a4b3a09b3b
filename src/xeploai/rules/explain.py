"""Render a finding or a reason as the sentence a commune party secretary reads.

Templates are keyed by the stable code (or ``code@rule id`` where one rule words it differently);
params fill them. Levels print as their Vietnamese name (or English with the abbreviation), dates
as dd/mm/yyyy, enums as their label.

>>> from xeploai.rules import Finding, Level
>>> f = Finding("R-13", "cap.sick_leave", {"cap": Level.COMPLETED, "days": 95, "months": 3})
>>> explain(f)
'Nghỉ ốm 95 ngày trong năm (từ 3 tháng trở lên): mức cao nhất là Hoàn thành nhiệm vụ (R-13).'
>>> explain(f, lang="en")
'Sick leave of 95 days in the year (3 months or more): the highest level is completed (HTNV) (R-13).'
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Literal, NamedTuple

from .citations import cite
from .findings import Finding, Reason
from .levels import Level

__all__ = ["TEMPLATES", "Explained", "explain", "explain_parts"]

Lang = Literal["vi", "en"]

TEMPLATES: dict[str, tuple[str, str]] = {
    # eligibility reasons (subjects.py)
    "EXEMPT": (
        "Đảng viên được miễn công tác và sinh hoạt đảng: không kiểm điểm, không xếp loại",
        "Exempted from party work and activity: not reviewed, not classified",
    ),
    "SUSPENDED": (
        "Đảng viên bị đình chỉ sinh hoạt đảng: không kiểm điểm, không xếp loại",
        "Suspended from party activity: not reviewed, not classified",
    ),
    "SUSPENDED@R-19": (  # QĐ132 reviews suspended members; HD21 still does not classify them
        "Đảng viên bị đình chỉ sinh hoạt đảng: vẫn kiểm điểm, không xếp loại",
        "Suspended from party activity: reviewed, not classified",
    ),
    "NEW_MEMBER": (
        "Mới kết nạp ngày {admitted_on}, tính đến ngày {counted_to} chưa đủ 06 tháng (đủ vào ngày {full_on}):"
        " không xếp loại",
        "Admitted on {admitted_on}; counted to {counted_to} this is under six months (full on {full_on}):"
        " not classified",
    ),
    "COMMITTEE_SUSPENDED_STILL_REVIEWED": (
        "Cấp ủy viên bị đình chỉ sinh hoạt cấp ủy vẫn phải kiểm điểm, đánh giá, xếp loại",
        "A committee member suspended from committee activity is still reviewed and classified",
    ),
    "SMALL_COLLECTIVE": (
        "Tập thể có {member_count} thành viên, dưới {min_size}: không kiểm điểm",
        "The collective has {member_count} members, fewer than {min_size}: not reviewed",
    ),
    "NEW_UNIT": (
        "Mới thành lập ngày {established_on}, tính đến ngày {counted_to} chưa đủ 06 tháng: không xếp loại",
        "Established on {established_on}; under six months on {counted_to}: not classified",
    ),
    "WORKED_UNDER_6_MONTHS": (
        "Thời gian công tác trong năm chưa đủ 06 tháng (từ {start} đến {counted_to},"
        " vắng {absent_days} ngày):"
        " không xếp loại, vẫn kiểm điểm thời gian công tác",
        "Worked under six months in the year ({start} to {counted_to}, {absent_days} days absent):"
        " reviewed, not classified",
    ),
    "NOT_A_SUBJECT_KIND": (
        "Không thuộc đối tượng theo kế hoạch",
        "Not a subject of this kind under the plan",
    ),
    # caps (checks.py)
    "cap.discipline": (
        "Bị kỷ luật {form} ngày {decided_on} (vi phạm {violation_id}): mức cao nhất là {cap}",
        "Disciplined ({form}) on {decided_on} (violation {violation_id}): the highest level is {cap}",
    ),
    "cap.member_disciplined": (
        "Thành viên của tập thể bị kỷ luật {form} ngày {decided_on} (vi phạm {violation_id}):"
        " mức cao nhất của tập thể là {cap}",
        "A member of the collective was disciplined ({form}) on {decided_on} (violation {violation_id}):"
        " the collective's highest level is {cap}",
    ),
    "discipline.already_counted": (
        "Vi phạm {violation_id} đã được tính khi xếp loại năm trước: không tính lại",
        "Violation {violation_id} was already counted in an earlier year: not counted again",
    ),
    "discipline.self_remedied": (
        "Vi phạm {violation_id} tự phát hiện và đã khắc phục xong hậu quả: không tính",
        "Violation {violation_id} was self-detected and fully remedied: not counted",
    ),
    "discipline.not_in_duties": (
        "Vi phạm {violation_id} không phải trong thực hiện nhiệm vụ: không tính",
        "Violation {violation_id} was not committed in performing duties: not counted",
    ),
    "cap.targets_under_half": (
        "Hoàn thành {met}/{assigned} chỉ tiêu, nhiệm vụ, dưới 50%: mức cao nhất là {cap}",
        "Met {met} of {assigned} targets, under 50 %: the highest level is {cap}",
    ),
    "cap.key_targets_missed": (
        "Có chỉ tiêu chủ yếu không đạt: mức cao nhất là {cap}",
        "A key target was missed: the highest level is {cap}",
    ),
    "score.missing": ("Chưa có điểm đánh giá (thang 100 điểm)", "No 100-point score yet"),
    "cap.score_band": (
        "Đạt {score} điểm: mức cao nhất là {cap}",
        "Scored {score} points: the highest level is {cap}",
    ),
    "cap.sick_leave": (
        "Nghỉ ốm {days} ngày trong năm (từ {months} tháng trở lên): mức cao nhất là {cap}",
        "Sick leave of {days} days in the year ({months} months or more): the highest level is {cap}",
    ),
    "cap.absence": (
        "Nghỉ {days} ngày trong năm (từ {months} tháng trở lên): mức cao nhất là {cap}",
        "Absent {days} days in the year ({months} months or more): the highest level is {cap}",
    ),
    "flag.work_done": (
        "Nghỉ {days} ngày trong năm (từ {months} tháng trở lên): đánh giá theo kết quả công việc thực tế"
        " đã làm, không giới hạn mức xếp loại",
        "Absent {days} days in the year ({months} months or more): evaluated on the work actually done,"
        " no cap",
    ),
    "cap.score_band_carried": (
        "Bước này chưa chấm điểm; điểm của bước trước là {score}: mức cao nhất là {cap}",
        "No score at this step; the previous step's score is {score}: the highest level is {cap}",
    ),
    "cap.tasks_qd366": (
        "Có {late}/{total} nhiệm vụ không đúng tiến độ, {exceeded} nhiệm vụ vượt mức (xuất sắc cần 100%"
        " đúng tiến độ và từ 30% vượt mức; tốt cần 100% đúng tiến độ; hoàn thành: chậm không quá 20%):"
        " mức cao nhất là {cap}",
        "{late} of {total} tasks late, {exceeded} exceeded (HTXS needs all on time and 30 % exceeded; HTT"
        " all on time; HTNV at most 20 % late): the highest level is {cap}",
    ),
    "cap.unit_tasks_share": (
        "Đơn vị hoàn thành {done}/{total} nhiệm vụ, dưới 70%: mức cao nhất là {cap}",
        "The unit completed {done} of {total} tasks, under 70 %: the highest level is {cap}",
    ),
    "cap.basic_targets_missed": (
        "Không đạt các chỉ tiêu cơ bản về kinh tế - xã hội: mức cao nhất là {cap}",
        "The basic socio-economic targets were missed: the highest level is {cap}",
    ),
    "cap.subunits_half_failed": (
        "{not_completed}/{units} đơn vị trực thuộc không hoàn thành nhiệm vụ, trên 50%:"
        " mức cao nhất là {cap}",
        "{not_completed} of {units} subordinate units not completed, over 50 %: the highest level is {cap}",
    ),
    "cap.low_confidence": (
        "{low}/{votes} phiếu tín nhiệm thấp, trên 50%: mức cao nhất là {cap}",
        "{low} of {votes} confidence ballots low, over 50 %: the highest level is {cap}",
    ),
    "cap.member_disciplined_in_duties": (
        "Thành viên của tập thể bị kỷ luật {form} ngày {decided_on} về vi phạm {violation_id} trong thực"
        " hiện nhiệm vụ của tập thể: mức cao nhất của tập thể là {cap}",
        "A member of the collective was disciplined ({form}) on {decided_on} for violation {violation_id}"
        " within the collective's duties: the collective's highest level is {cap}",
    ),
    "cap.discipline_earlier_violation": (
        "Bị kỷ luật {form} ngày {decided_on} về vi phạm {violation_id} xảy ra năm trước: tính vào kỳ đánh"
        " giá hiện tại, mức cao nhất là {cap}",
        "Disciplined ({form}) on {decided_on} for violation {violation_id} of an earlier year: it counts at"
        " the current review, the highest level is {cap}",
    ),
    "flag.maternity_leave": (
        "Nghỉ thai sản {days} ngày: xếp loại theo thời gian thực tế làm việc",
        "Maternity leave of {days} days: classify on the time actually worked",
    ),
    "link.civil_service_pending": (
        "Chưa có kết quả xếp loại {category}: xếp loại đảng viên sau",
        "No {category} result yet: classify the party member afterwards",
    ),
    "cap.civil_service_not_completed": (
        "Xếp loại cán bộ, công chức, viên chức là {civil_service_level}: đảng viên là {cap}",
        "Rated {civil_service_level} as a civil servant: the party level is {cap}",
    ),
    "cap.civil_service_not_excellent": (
        "Xếp loại cán bộ, công chức, viên chức là {civil_service_level}: mức đảng viên cao nhất là {cap}",
        "Rated {civil_service_level} as a civil servant: the highest party level is {cap}",
    ),
    "cap.party_above_civil_service": (
        "Mức đảng viên không cao hơn mức cán bộ, công chức, viên chức ({civil_service_level})",
        "The party level may not exceed the civil-service level ({civil_service_level})",
    ),
    "link.incoming_head_exception": (
        "Người đứng đầu mới chuyển đến, không liên quan khuyết điểm của tập thể: không áp trần {unit_level}",
        "Newly arrived head not connected to the collective's shortcomings: the {unit_level} cap is lifted",
    ),
    "cap.head_above_unit": (
        "Người đứng đầu không được cao hơn mức của đơn vị ({unit_level}): mức cao nhất là {cap}",
        "A head may not be rated above the unit ({unit_level}): the highest level is {cap}",
    ),
    "cap.unit_not_completed": (
        "Đơn vị trực tiếp lãnh đạo không hoàn thành nhiệm vụ: mức cao nhất là {cap}",
        "The unit led directly did not complete its tasks: the highest level is {cap}",
    ),
    "cap.collective_above_unit": (
        "Tập thể lãnh đạo không cao hơn mức của tổ chức, đơn vị ({unit_level}): mức cao nhất là {cap}",
        "A leadership collective may not be rated above its unit ({unit_level}): the highest level is {cap}",
    ),
    "cap.org_members": (
        "Trong {classified} đảng viên (tổ chức) được xếp loại có {not_completed} không hoàn thành nhiệm vụ và"
        " {at_least_good} hoàn thành tốt trở lên"
        " (cần 100% hoàn thành và ít nhất {needed_good} hoàn thành tốt):"
        " mức cao nhất là {cap}",
        "Of {classified} classified members (subordinate organizations), {not_completed} did not complete and"
        " {at_least_good} are HTT or above (needs 100 % completed and at least {needed_good} HTT):"
        " the highest level is {cap}",
    ),
    "cap.same_level_below_good": (
        "Chính quyền, Mặt trận hoặc đoàn thể cùng cấp chỉ đạt {lowest}: mức cao nhất là {cap}",
        "Government, Front or a mass organization at the same level is only {lowest}:"
        " the highest level is {cap}",
    ),
    "cap.subordinate_disciplined": (
        "Có {count} đơn vị trực thuộc bị kỷ luật: mức cao nhất là {cap}",
        "{count} subordinate units were disciplined: the highest level is {cap}",
    ),
    # the rarer facts (checks.py, RatingDetails)
    "cap.discipline_violation_year": (
        "Vi phạm {violation_id} xảy ra trong năm, đến ngày {decided_on} mới bị kỷ luật {form}:"
        " xếp loại năm vi phạm được xem xét lại, mức cao nhất là {cap}",
        "Violation {violation_id} happened this year and was disciplined ({form}) on {decided_on}:"
        " this year is re-examined, the highest level is {cap}",
    ),
    "discipline.violation_year": (
        "Kỷ luật {form} về vi phạm {violation_id} xảy ra năm {violation_year}: không tính vào năm nay;"
        " tổ chức đảng cấp trên xem xét lại xếp loại năm {violation_year}",
        "Disciplined ({form}) for violation {violation_id} of {violation_year}: not counted this year;"
        " the superior party organization re-examines {violation_year}",
    ),
    "discipline.previous_unit": (
        "Vi phạm {violation_id} xảy ra ở cơ quan cũ: tính khi xếp loại cơ quan cũ,"
        " không tính cho tập thể này",
        "Violation {violation_id} was committed at the previous agency: it counts there, not against this"
        " collective",
    ),
    "cap.grades": (
        "Có tiêu chí được đánh giá mức {lowest}: mức cao nhất là {cap}",
        "A criterion is graded {lowest}: the highest level is {cap}",
    ),
    "cap.tasks": (
        "Có {late}/{total} nhiệm vụ không bảo đảm tiến độ, chất lượng, hiệu quả ({exceeded} vượt mức):"
        " mức cao nhất là {cap}",
        "{late} of {total} tasks not on time, with quality and efficiency ({exceeded} exceeded):"
        " the highest level is {cap}",
    ),
    "cap.unit_targets": (
        "Đơn vị phụ trách hoàn thành {met}/{total} chỉ tiêu ({on_time} đúng tiến độ, chất lượng;"
        " {exceeded} vượt mức): mức cao nhất là {cap}",
        "The unit led met {met} of {total} targets ({on_time} on time with quality, {exceeded} exceeded):"
        " the highest level is {cap}",
    ),
    "cap.subunits": (
        "Trong {units} đơn vị trực tiếp phụ trách có {not_completed} không hoàn thành nhiệm vụ,"
        " {at_least_good} hoàn thành tốt trở lên: mức cao nhất là {cap}",
        "Of {units} units under direct management, {not_completed} did not complete and {at_least_good}"
        " are HTT or above: the highest level is {cap}",
    ),
    "cap.degradation": (
        "Cấp có thẩm quyền kết luận có biểu hiện suy thoái, “tự diễn biến”, “tự chuyển hóa” hoặc mất đoàn"
        " kết nội bộ: mức cao nhất là {cap}",
        "The competent level concluded degradation, self-evolution or internal disunity:"
        " the highest level is {cap}",
    ),
    "cap.unit_corruption": (
        "Cơ quan, đơn vị, cá nhân thuộc quyền trực tiếp lãnh đạo, quản lý để xảy ra tham nhũng, lãng phí,"
        " tiêu cực và bị xử lý: mức cao nhất là {cap}",
        "A unit or person under direct leadership was involved in corruption or waste and handled:"
        " the highest level is {cap}",
    ),
    "cap.subordinates_share": (
        "Có {count}/{total} đơn vị trực thuộc bị kỷ luật trong năm (trên 20%): mức cao nhất là {cap}",
        "{count} of {total} subordinate units were disciplined in the year (over 20 %):"
        " the highest level is {cap}",
    ),
    "link.old_unit_comment_missing": (
        "Công tác ở đơn vị cũ từ {start} đến {moved_on} (từ 06 tháng trở lên): cần có ý kiến nhận xét của"
        " đơn vị cũ trước khi xếp loại",
        "Worked at the previous unit from {start} to {moved_on} (six months or more): its comment is"
        " needed before classifying",
    ),
    "flag.old_unit_gone": (
        "Công tác ở đơn vị cũ từ {start} đến {moved_on}; đơn vị cũ không còn nên không có ý kiến nhận xét:"
        " cấp có thẩm quyền xem xét",
        "Worked at the previous unit from {start} to {moved_on}; it no longer exists, so there is no"
        " comment: the competent level decides",
    ),
    "link.temporary_comment_missing": (
        "Đảng viên sinh hoạt tạm thời: chi bộ nơi sinh hoạt chính thức xếp loại, cần có ý kiến nhận xét"
        " của chi bộ nơi sinh hoạt tạm thời",
        "Temporary party activity: the official cell classifies, on the temporary cell's comment, which is"
        " missing",
    ),
    "flag.posts_differ": (
        "Giữ nhiều chức vụ, mức xếp loại ở các nơi khác nhau ({levels}): cấp có thẩm quyền quyết định",
        "Several posts, rated differently at each place ({levels}): the competent level decides",
    ),
    "flag.earlier_law": (
        "Đã xếp loại ngày {assessed_on}, trước khi Nghị định 48/2023/NĐ-CP có hiệu lực ({in_force}):"
        " giữ kết quả, không đánh giá lại, áp dụng Nghị định 90/2020/NĐ-CP",
        "Classified on {assessed_on}, before Decree 48/2023 came into force ({in_force}): the result"
        " stands, is not reviewed again, and Decree 90/2020 applies",
    ),
    "ballot.insufficient": (
        "Chỉ {votes_for}/{full_members} đảng viên chính thức tán thành mức {level}: chưa đủ tỷ lệ",
        "Only {votes_for} of {full_members} full members voted for {level}: not enough",
    ),
    # quota (quota.py)
    "quota.over": (
        "Có {candidates} đề xuất hoàn thành xuất sắc, tối đa {max_excellent} (20% số hoàn thành tốt):"
        " vượt {over}, cấp có thẩm quyền quyết định",
        "{candidates} proposed HTXS, at most {max_excellent} allowed (20 % of HTT): {over} over;"
        " the competent level decides",
    ),
    "quota.over_raised": (
        "Có {candidates} đề xuất hoàn thành xuất sắc, tối đa {max_excellent} (tỷ lệ được nâng lên {share}%"
        " theo quyết định của {decided_by} ngày {decided_on}, lý do: {reason}): vượt {over}, cấp có thẩm"
        " quyền quyết định",
        "{candidates} proposed HTXS, at most {max_excellent} allowed (the share raised to {share} % by the"
        " decision of {decided_by} on {decided_on}, reason: {reason}): {over} over; the competent level"
        " decides",
    ),
    "quota.state_rate_over": (
        "Tỷ lệ hoàn thành xuất sắc của cán bộ, công chức, viên chức ({candidates}/{total}) vượt tỷ lệ của"
        " đảng viên ({party_excellent}/{party_base}): tối đa {max_excellent}",
        "The civil servants' HTXS rate ({candidates}/{total}) exceeds the party members' rate"
        " ({party_excellent}/{party_base}): at most {max_excellent}",
    ),
    "quota.party_rate_pending": (
        "Còn {pending} đảng viên của cơ quan chưa được xếp loại: tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ"
        " chưa có, tỷ lệ cán bộ, công chức, viên chức được kiểm tra sau",
        "{pending} party members of the agency are not classified yet: the party members' HTXS rate does not"
        " exist yet, the civil servants' rate is checked afterwards",
    ),
    "quota.no_party_rate": (
        "Chưa có tỷ lệ đảng viên hoàn thành xuất sắc của cơ quan để so sánh",
        "No party-member HTXS rate for the agency to compare with",
    ),
    # order (ordering.py)
    "order.head_before_unit": (
        "Chưa xếp loại đơn vị: người đứng đầu được xếp loại sau đơn vị",
        "The unit is not classified yet: a head is classified after the unit",
    ),
    "order.party_before_civil_service": (
        "Chưa có kết quả xếp loại cán bộ, công chức, viên chức: xếp loại đảng viên sau",
        "The civil-service result is not in yet: the party member is classified afterwards",
    ),
    "order.individual_before_collective": (
        "Tập thể chưa kiểm điểm, xếp loại: cá nhân thực hiện sau tập thể",
        "The collective is not done yet: individuals come after the collective",
    ),
    "order.higher_before_lower": (
        "Cấp dưới chưa xếp loại xong: cấp trên xếp loại sau",
        "Lower levels are not finished: the higher level comes after them",
    ),
    "order.party_org_before_state": (
        "Chính quyền, Mặt trận, đoàn thể cùng cấp chưa được đánh giá: tổ chức đảng xếp loại sau",
        "Government, Front and mass organizations at the same level are not rated yet: the party organization"
        " comes after them",
    ),
    "order.meeting_turn": (
        "Chưa đến lượt kiểm điểm của {role}: {before} kiểm điểm trước"
        " (tập thể, người đứng đầu, cấp phó, rồi các thành viên)",
        "Not yet the turn of {role}: {before} is reviewed first (the collective, the head, deputies,"
        " then members)",
    ),
    "flag.meeting_short": (
        "Hội nghị kiểm điểm {days} ngày, cần ít nhất {needed} ngày",
        "The review meeting lasted {days} days; at least {needed} are needed",
    ),
    "order.step_missing": (
        "Chưa thực hiện bước “{step}”: chưa quyết định xếp loại",
        "The step “{step}” is not done yet: no decision yet",
    ),
    "flag.quarters": (
        "Mức {level} cao hơn mức của điểm bình quân {quarters} quý đã chấm ({mean} điểm: {band})",
        "{level} is above the level of the mean of the {quarters} scored quarters ({mean} points: {band})",
    ),
    "flag.late": (
        "Quyết định ngày {decided_on}: quá hạn, phải xong trước ngày {due}",
        "Decided on {decided_on}: late, due before {due}",
    ),
    "order.cycle": (
        "Thứ tự xếp loại bị vòng lặp, cần xem lại quan hệ giữa các đối tượng",
        "The decision order has a cycle; check how the subjects are linked",
    ),
    "order.unknown_reference": (
        "Đối tượng liên quan không thuộc đợt này; dùng kết quả đã có",
        "A linked subject is outside this campaign; its existing result is used",
    ),
}

_UNCONFIRMED = (" (quy định chưa được xác nhận)", " (unconfirmed rule)")


def _render(value: object, lang: Lang) -> str:
    if isinstance(value, Level):
        return value.label if lang == "vi" else f"{value.english} ({value.short})"
    if isinstance(value, Enum):
        name = getattr(value, "label" if lang == "vi" else "english", None)
        return str(name) if name is not None else str(value.value).lower().replace("_", " ")
    if isinstance(value, tuple):
        return ", ".join(_render(v, lang) for v in value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Explained(NamedTuple):
    """A finding or reason for a page: the sentence, where the rule comes from, the rule id."""

    text: str
    citation: str
    rule_id: str

    def __str__(self) -> str:
        """Return the plain-text form: "sentence (theo …) (R-xx)." (the citation left out when empty)."""
        cited = f" ({self.citation})" if self.citation else ""
        return f"{self.text}{cited} ({self.rule_id})."


def explain_parts(item: Finding | Reason, lang: Lang = "vi", ruleset: str | None = None) -> Explained:
    """Return the sentence of ``item``, its citation under ``ruleset`` ("" without one) and its rule id.

    Pages show "sentence (theo …)" with the rule id in small print.
    """
    code = item.code if isinstance(item.code, str) else str(item.code)
    index = 0 if lang == "vi" else 1
    # A code may read differently under one rule: "CODE@R-xx" first, then "CODE".
    template = TEMPLATES.get(f"{code}@{item.rule_id}") or TEMPLATES.get(str(code))
    params: Mapping[str, object] = item.params
    text = template[index] if template else str(code)
    rendered = text.format_map(_Params({k: _render(v, lang) for k, v in params.items()}))
    if params.get("unconfirmed"):
        rendered += _UNCONFIRMED[index]
    cited = cite(item.rule_id, ruleset, lang) if ruleset else ""
    return Explained(rendered, cited, item.rule_id)


def explain(item: Finding | Reason, lang: Lang = "vi", ruleset: str | None = None) -> str:
    """Return the sentence for ``item`` in Vietnamese (``vi``) or English (``en``), with its rule id.

    With ``ruleset`` (a code) the sentence also names the document and article: "… (theo …) (R-13)."
    """
    return str(explain_parts(item, lang, ruleset))
