"""The upload page: who may import, what they see; the template and export downloads."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import include, path, reverse
from python_calamine import CalamineWorkbook

from xeploai.accounts.models import Role, RoleAssignment
from xeploai.registry.models import Organization, Person
from xeploai.registry.workbook import import_workbook

# Until web/urls.py includes the workbook pages, this module is the urlconf of its tests.
urlpatterns = [path("", include("xeploai.urls")), path("", include("xeploai.web.urls_workbook"))]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


@pytest.fixture
def province(make_workbook, headers, small_province):
    assert import_workbook(
        path_or_file=make_workbook({k: [headers[k], *v] for k, v in small_province.items()})
    ).ok


def user_with(role=None, org_code="DB_TINH", **extra):
    user = get_user_model().objects.create_user(username=f"u{role}{org_code}", password="x", **extra)
    if role:
        RoleAssignment.objects.create(
            user=user, role=role, organization=Organization.objects.get(code=org_code)
        )
    return user


def upload(client, path, **data):
    with open(path, "rb") as f:
        file = SimpleUploadedFile("du_lieu.xlsx", f.read())
    return client.post(reverse("workbook:upload"), {"file": file, **data})


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("workbook:upload"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client.post(reverse("workbook:export")).status_code == 302


def test_plain_member_is_refused(client, province, make_workbook, headers, small_province):
    client.force_login(user_with(Role.MEMBER, "CB_VP"))
    assert client.get(reverse("workbook:upload")).status_code == 403
    small_province["Ca_nhan"][0][1] = "Tên Bị Đổi"
    book = make_workbook({k: [headers[k], *v] for k, v in small_province.items()})
    assert upload(client, book).status_code == 403
    assert Person.objects.get(code="CN001").full_name == "Nguyễn Thị Minh Khai"


def test_district_org_commission_may_not_import(client, province, make_workbook, headers, small_province):
    # A workbook can rewrite any organization: a role below the root would reach outside its subtree.
    client.force_login(user_with(Role.ORG_COMMISSION, "DB_CL"))
    assert client.get(reverse("workbook:upload")).status_code == 403
    small_province["Ca_nhan"][0][1] = "Tên Bị Đổi"
    book = make_workbook({k: [headers[k], *v] for k, v in small_province.items()})
    assert upload(client, book).status_code == 403
    assert Person.objects.get(code="CN001").full_name == "Nguyễn Thị Minh Khai"


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ORG_COMMISSION, "superuser"])
def test_admin_and_org_commission_import(client, make_workbook, headers, small_province, role):
    # A role hangs on an organization: create the root first.
    root = make_workbook(
        {
            "To_chuc": [headers["To_chuc"], ["DB_TINH", "Đảng bộ tỉnh", "Đảng bộ tỉnh", "Cấp tỉnh"]],
            "Ca_nhan": [headers["Ca_nhan"]],
        }
    )
    assert import_workbook(path_or_file=root).ok
    client.force_login(user_with(is_superuser=True) if role == "superuser" else user_with(role))
    book = make_workbook({k: [headers[k], *v] for k, v in small_province.items()})

    checked = upload(client, book, dry_run="1")
    assert checked.status_code == 200
    assert "Kiểm tra xong, không có lỗi" in checked.content.decode()
    assert Person.objects.count() == 0  # the dry run wrote nothing

    done = upload(client, book)
    assert "Đã nhập xong." in done.content.decode()
    assert set(Person.objects.values_list("code", flat=True)) == {"CN001", "CN002"}


def test_errors_are_shown_as_a_table(client, province, make_workbook, headers, small_province):
    client.force_login(user_with(Role.ADMIN))
    small_province["Ca_nhan"][1][4] = "0123"
    response = upload(client, make_workbook({k: [headers[k], *v] for k, v in small_province.items()}))
    html = response.content.decode()
    assert "có 1 lỗi: chưa ghi gì" in html
    assert "<td>Ca_nhan</td><td>3</td>" in html
    assert "E – Số CCCD" in html
    assert "Số CCCD phải gồm đúng 12 chữ số." in html


def test_upload_requires_csrf(province, make_workbook, headers):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user_with(Role.ADMIN))
    book = make_workbook({"To_chuc": [headers["To_chuc"]], "Ca_nhan": [headers["Ca_nhan"]]})
    assert upload(client, book).status_code == 403


def test_template_download_imports_to_nothing(client, province):
    client.force_login(user_with(Role.MEMBER, "CB_VP"))
    response = client.get(reverse("workbook:template"))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names[:6] == ["To_chuc", "Tap_the", "Ca_nhan", "Thanh_vien", "Tinh_trang", "Ky_luat"]


def test_export_is_limited_to_what_the_user_sees(client, province, job_file):
    client.force_login(user_with(Role.ORG_COMMISSION, "DB_CL"))
    assert client.get(reverse("workbook:export")).status_code == 405  # POST only
    response = job_file(client, client.post(reverse("workbook:export")))
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    orgs = [r[0] for r in book.get_sheet_by_name("To_chuc").to_python()[1:]]
    assert sorted(orgs) == ["CB_VP", "DB_CL", "UBND_CL"]  # not the province above
    people = [r[0] for r in book.get_sheet_by_name("Ca_nhan").to_python()[1:]]
    assert sorted(people) == ["CN001", "CN002"]


def test_the_page_names_a_sheet_it_passed_over(client, make_workbook, headers, small_province):
    client.force_login(user_with(is_superuser=True))
    book = {k: [headers[k], *v] for k, v in small_province.items()}
    book["Ghi chu"] = [["notes"]]
    html = upload(client, make_workbook(book), dry_run="1").content.decode()
    assert 'Sheet "Ghi chu": Bỏ qua sheet này: tên không thuộc mẫu nhập dữ liệu.' in html
    assert "Kiểm tra xong, không có lỗi" in html
