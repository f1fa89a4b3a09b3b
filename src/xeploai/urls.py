"""URL configuration: the web pages, the admin, login, password change and reset, two-factor and
language switching; the REST API under /api/ and the health check for the load balancer."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from xeploai.api.pages import api_token_revoke, api_tokens
from xeploai.api.urls import api, health
from xeploai.web.views import account

REG = "registration/"

account_patterns = [
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(template_name=REG + "password_change.html"),
         name="password_change"),
    path("doi-mat-khau/xong/",
         auth_views.PasswordChangeDoneView.as_view(template_name=REG + "password_changed.html"),
         name="password_change_done"),
    path("quen-mat-khau/", auth_views.PasswordResetView.as_view(
        template_name=REG + "password_reset.html", email_template_name=REG + "reset_email.txt",
        subject_template_name=REG + "reset_subject.txt"), name="password_reset"),
    path("quen-mat-khau/da-gui/",
         auth_views.PasswordResetDoneView.as_view(template_name=REG + "password_reset_sent.html"),
         name="password_reset_done"),
    path("quen-mat-khau/<uidb64>/<token>/",
         auth_views.PasswordResetConfirmView.as_view(template_name=REG + "password_reset_new.html"),
         name="password_reset_confirm"),
    path("quen-mat-khau/xong/",
         auth_views.PasswordResetCompleteView.as_view(template_name=REG + "password_reset_finished.html"),
         name="password_reset_complete"),
    path("xac-thuc-hai-lop/", account.two_factor_setup, name="two_factor_setup"),
    path("xac-thuc-hai-lop/nhap-ma/", account.two_factor_verify, name="two_factor_verify"),
    path("ma-truy-cap-api/", api_tokens, name="api_tokens"),
    path("ma-truy-cap-api/<int:pk>/thu-hoi/", api_token_revoke, name="api_token_revoke"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include(account_patterns)),
    path("api/", api.urls),
    path("health/", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("xeploai.web.urls")),
]
