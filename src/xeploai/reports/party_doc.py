"""The party's document format (conventions.md §1.1, §1.3; Hướng dẫn 36-HD/VPTW): who issues a document,
its number and date lines, and the rendering of the Word templates in ``docx_templates/`` with docxtpl.

The layout (header table, the party's title, date line, title, body, recipients and signature block,
page, margins and fonts) lives in the templates, which office staff may edit in Word; ``docx_layout``
describes it and made them. A cấp ủy signs T/M, never K/T; the recipients end with "- Lưu …".
"""

from __future__ import annotations

import functools
import io
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from importlib.resources import files
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, Template

TEMPLATES = "docx_templates"

BLANK_NUMBER = "      "  # the văn thư writes the registered number here by hand

# TU, HU and ĐU are SOURCED (conventions.md §1.1 item 3); ThU (thành ủy) and the thị ủy's TU are RECALLED.
_UPPER_PREFIXES = (
    ("Đảng bộ tỉnh ", "Tỉnh ủy ", "TU"),
    ("Đảng bộ thành phố ", "Thành ủy ", "ThU"),
    ("Đảng bộ thị xã ", "Thị ủy ", "TU"),
    ("Đảng bộ huyện ", "Huyện ủy ", "HU"),
)


def date_line(place: str, on: date | None) -> str:
    """Return the party date line: ``Cao Lãnh, ngày 05 tháng 02 năm 2024`` (conventions.md §1.1 item 4).

    Days under 10 and the months 1–2 take a leading zero; months 3–12 do not. Without a date the
    line keeps blanks to fill by hand: ``Cao Lãnh, ngày     tháng     năm 2024``.
    """
    if on is None:
        return f"{place}, ngày      tháng      năm      "
    month = f"{on.month:02d}" if on.month <= 2 else str(on.month)
    return f"{place}, ngày {on.day:02d} tháng {month} năm {on.year}"


def number_line(number: int | str | None, doc_type: str, issuer_abbreviation: str) -> str:
    """Return the party number and symbol: ``Số 45-BC/HU``; ``Số 07-BC/ĐU`` (numbers under 10 get a 0).

    No colon after "Số", a hyphen before the type (conventions.md §1.1 item 3). Numbers run per
    document type within a committee term and belong to the office's register, so the system stores
    none: without a number the line keeps a blank to fill by hand (``Số       -BC/ĐU``).
    """
    if number is None or number == "":
        text = BLANK_NUMBER
    elif isinstance(number, int) or str(number).isdigit():
        text = f"{int(number):02d}"
    else:
        text = str(number)
    return f"Số {text}-{doc_type}/{issuer_abbreviation}"


@dataclass(frozen=True, slots=True)
class Issuer:
    """Who issues and signs a document: the header's left column and the signature block."""

    name: str  # "Huyện ủy Tam Nông" (the header writes it in capitals)
    abbreviation: str  # "HU": the part after the slash of the number
    superior: str = ""  # "Đảng bộ tỉnh Đồng Tháp"; empty for a body with no line above it
    place: str = ""  # "Tam Nông"
    authority: str = "T/M BAN THƯỜNG VỤ"  # collective bodies sign T/M (§1.1 item 7)
    signer_title: str = "BÍ THƯ"
    signer_name: str = ""
    archive: str = "Văn phòng"  # "- Lưu Văn phòng Huyện ủy."


def issuer_for(org_name: str, kind: str, parent_name: str = "", *, place: str = "") -> Issuer:
    """Derive the issuing committee of a party organization from its name and kind (conventions.md §1.3).

    "Đảng bộ huyện Tam Nông" under "Đảng bộ tỉnh Đồng Tháp" → "Huyện ủy Tam Nông" (HU) under
    "Đảng bộ tỉnh Đồng Tháp", signed "T/M BAN THƯỜNG VỤ"; a đảng bộ cơ sở → "Đảng ủy …" (ĐU), signed
    "T/M ĐẢNG ỦY"; a chi bộ → "Chi bộ …" (CB), signed "T/M CHI BỘ". The header writes names in
    capitals. Names that follow no known pattern are used as they are; every field can be overridden
    with ``with_overrides`` / ``dataclasses.replace`` (the spelling "ủy"/"uỷ" is a client choice,
    conventions.md §3.5).
    """
    superior = parent_name
    for prefix, committee, abbreviation in _UPPER_PREFIXES:
        if org_name.startswith(prefix):
            rest = org_name[len(prefix):]
            if kind == "PROVINCIAL_COMMITTEE":
                superior = ""
            return Issuer(
                name=committee + rest, abbreviation=abbreviation, superior=superior,
                place=place or rest, archive=f"Văn phòng {committee.strip()}",
            )
    if kind in ("GRASSROOTS_COMMITTEE", "SUB_COMMITTEE"):
        rest = re.sub(r"^Đảng bộ\s+", "", org_name)
        committee = "Đảng ủy " + rest  # "Đảng bộ xã A1" → "Đảng ủy xã A1"
        return Issuer(
            name=committee, abbreviation="ĐU", superior=superior, place=place or _place_of(rest),
            authority="T/M ĐẢNG ỦY", archive="Văn phòng Đảng ủy",
        )
    if kind in ("GRASSROOTS_CELL", "CELL"):
        # A chi bộ dates its documents where its parent sits ("Chi bộ ấp 1" of "Đảng bộ xã Phú Đức" →
        # "Phú Đức, ngày …"), when the parent is named after a place.
        parent_place = re.sub(r"^Đảng bộ\s+", "", parent_name)
        if parent_place == _place_of(parent_place):
            parent_place = ""
        return Issuer(
            name=org_name, abbreviation="CB", superior=superior,
            place=place or _place_of(parent_place) or _place_of(org_name),
            authority="T/M CHI BỘ", archive="Chi bộ",
        )
    return Issuer(name=org_name, abbreviation="", superior=superior, place=place or org_name)


def _place_of(name: str) -> str:
    """"xã Tân Công Sính" → "Tân Công Sính"; "Chi bộ ấp 1" → "Chi bộ ấp 1" (override when it matters)."""
    return re.sub(r"^(xã|phường|thị trấn|thành phố|thị xã|huyện|tỉnh)\s+", "", name, flags=re.IGNORECASE)


# --- rendering the templates --------------------------------------------------------------------------

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str | None) -> str:
    """Text for a template: characters XML cannot hold dropped (docxtpl reads \\a and \\f as commands)."""
    return _NOT_XML.sub("", text or "")


def paragraphs(text: str | None) -> str:
    """Written text as paragraphs of the template's paragraph: each non-empty line its own paragraph."""
    return "\a".join(part.strip() for part in clean(text).splitlines() if part.strip())


class _CachedEnvironment(Environment):
    """A jinja environment that compiles each template's XML once per process, not once per document."""

    @functools.cache  # noqa: B019 - one environment per process, never freed
    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Template:  # noqa: A002
        return super().from_string(source, globals, template_class)


_ENVIRONMENT = _CachedEnvironment(autoescape=True)


class _ReusedTemplate(DocxTemplate):
    """A template opened and prepared for jinja once, then filled again for every document.

    docxtpl would reopen the .docx and clean its XML for jinja on every render; rendering replaces the
    body, so the prepared XML of the untouched body is kept and each render starts from it.
    """

    def __init__(self, name: str) -> None:
        path = files("xeploai.reports").joinpath(TEMPLATES, f"{name}.docx")
        super().__init__(io.BytesIO(path.read_bytes()))
        super().init_docx()
        self.prepared = self.patch_xml(self.get_xml())

    def init_docx(self, reload: bool = True) -> None:
        """Keep the opened document: rendering replaces its body and leaves the other parts as they were."""

    def build_xml(self, context: Any, jinja_env: Any = None) -> str:
        return self.render_xml_part(self.prepared, self.docx._part, context, jinja_env)


_TEMPLATES = threading.local()  # a rendering changes its template's document: one copy per thread


def render(name: str, context: Mapping[str, Any]) -> bytes:
    """The template ``docx_templates/<name>.docx`` filled with ``context`` (text escaped for XML)."""
    cache = _TEMPLATES.__dict__
    template = cache.get(name) or cache.setdefault(name, _ReusedTemplate(name))
    template.render(dict(context), jinja_env=_ENVIRONMENT, autoescape=True)
    props = template.docx.core_properties
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def header_context(issuer: Issuer, *, number: str | None, on: date | None, place: str = "") -> dict[str, str]:
    """The header's fields (``h`` in the templates): names in capitals, the number line, the date line."""
    return {
        "superior": issuer.superior.upper(), "issuer": issuer.name.upper(), "number": number or "",
        "date_line": date_line(place or issuer.place, on),
    }


def sign_context(authority: str, title: str, name: str = "", *, note: str = "",
                 recipients: Sequence[str] | None = None) -> dict[str, Any]:
    """A signature block; recipient lines end with a comma, the last with a full stop (§1.1)."""
    lines = [f"- {text}{'.' if i == len(recipients) - 1 else ','}" for i, text in enumerate(recipients or ())]
    return {"authority": authority, "title": title, "name": name, "note": note, "recipients": lines}


def issuer_sign(issuer: Issuer, *, recipients: Sequence[str] | None = None) -> dict[str, Any]:
    """The issuer's signature, with "Nơi nhận" (the archive line last) when ``recipients`` are given."""
    lines = None if recipients is None else [*recipients, f"Lưu {issuer.archive}"]
    return sign_context(issuer.authority, issuer.signer_title, issuer.signer_name, recipients=lines)


def with_overrides(issuer: Issuer, **changes: str) -> Issuer:
    """``issuer`` with the non-empty ``changes`` applied (signer name, place…)."""
    return replace(issuer, **{k: v for k, v in changes.items() if v})
