"""Campaign pages ("campaigns" namespace); the project includes them at ``dot-danh-gia/``."""

from django.urls import path

from xeploai.web.views import campaigns as c
from xeploai.web.views import campaigns_subject as s
from xeploai.web.views import quota_exceptions as qx
from xeploai.web.views import stage_lists as sl

app_name = "campaigns"

urlpatterns = [
    path("", c.campaign_list, name="list"),
    path("tao/", c.campaign_create, name="create"),
    path("tien-do/", c.dashboard_home, name="dashboard_home"),
    path("<int:pk>/", c.campaign_detail, name="detail"),
    path("<int:pk>/thoi-han/", c.deadlines_update, name="deadlines"),
    path("<int:pk>/mo/", c.campaign_open, name="open"),
    path("<int:pk>/to-chuc/<int:org>/", c.organization, name="organization"),
    path("<int:pk>/to-chuc/<int:org>/ty-le/", c.quota, name="quota"),
    path("<int:pk>/to-chuc/<int:org>/ty-le/nang/", qx.quota_raise, name="quota_raise"),
    path("<int:pk>/to-chuc/<int:org>/ty-le/thu-hoi/<int:decision>/", qx.quota_revoke, name="quota_revoke"),
    path("<int:pk>/to-chuc/<int:org>/cong-bo/", c.publish, name="publish"),
    path("<int:pk>/to-chuc/<int:org>/tien-do/", c.dashboard, name="dashboard"),
    path("<int:pk>/to-chuc/<int:org>/danh-sach/<slug:slug>/", sl.stage_list, name="stage_list"),
    path(
        "<int:pk>/to-chuc/<int:org>/danh-sach/<slug:slug>/kiem-tra/",
        sl.stage_list_check,
        name="stage_list_check",
    ),
    path("doi-tuong/<int:pk>/", s.subject, name="subject"),
    path("doi-tuong/<int:pk>/dua-vao-loai-ra/", c.subject_override, name="override"),
    path("doi-tuong/<int:pk>/kiem-diem/luu/", s.review_save, name="review_save"),
    path("doi-tuong/<int:pk>/kiem-diem/nop/", s.review_submit, name="review_submit"),
    path("doi-tuong/<int:pk>/minh-chung/", s.evidence_add, name="evidence_add"),
    path("minh-chung/<int:pk>/", s.evidence_file, name="evidence_file"),
    path("doi-tuong/<int:pk>/y-kien/", s.opinion_add, name="opinion_add"),
    path("doi-tuong/<int:pk>/bieu-quyet/", s.ballot_record, name="ballot"),
    path("doi-tuong/<int:pk>/de-xuat/", s.propose, name="propose"),
    path("doi-tuong/<int:pk>/tham-dinh/", s.appraise, name="appraise"),
    path("doi-tuong/<int:pk>/quyet-dinh/", s.decide, name="decide"),
    path("doi-tuong/<int:pk>/muc-toi-da/", s.allowed_level, name="allowed_level"),
    path("doi-tuong/<int:pk>/kien-nghi/", s.appeal_lodge, name="appeal_lodge"),
    path("kien-nghi/<int:pk>/ket-luan/", s.appeal_resolve, name="appeal_resolve"),
]
