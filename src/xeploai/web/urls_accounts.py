"""'Tài khoản và phân quyền': accounts and roles of the officer's subtree (``web.views.accounts_admin``)."""

from django.urls import path

from xeploai.web.views import accounts_admin as views

app_name = "accounts_admin"

urlpatterns = [
    path("", views.account_list, name="list"),
    path("tao-moi/", views.account_new, name="new"),
    path("nhap-tu-so-tinh/", views.import_sheet, name="import"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/giao-vai-tro/", views.role_grant, name="grant"),
    path("<int:pk>/thu-hoi/<int:role_pk>/", views.role_revoke, name="revoke"),
    path("<int:pk>/cap-lai-mat-khau/", views.password_reset, name="reset"),
    path("<int:pk>/khoa/", views.deactivate, name="deactivate"),
]
