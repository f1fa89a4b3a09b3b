"""Commands for development only: they refuse to run on a production server (DEBUG off)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def require_debug(command: str) -> None:
    """Stop ``command`` unless DEBUG is on: it writes demo data or accounts with a public password."""
    if not settings.DEBUG:
        raise CommandError(
            _(
                "Lệnh %(command)s tạo dữ liệu và tài khoản thử nghiệm có mật khẩu công khai nên chỉ chạy "
                "trong môi trường phát triển (DEBUG=true); máy chủ này đang chạy với DEBUG tắt."
            )
            % {"command": command}
        )
