"""The English catalogue is complete and compiled, and the main pages come out in English when chosen.

Vietnamese is the source language; English comes from ``src/xeploai/locale/en/LC_MESSAGES/django.po``
and its compiled ``django.mo`` (committed, so a fresh machine needs no gettext). After adding strings:
``manage.py makemessages -l en …``, translate every new or fuzzy entry, ``manage.py compilemessages``.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "src" / "xeploai" / "locale" / "en" / "LC_MESSAGES"
PO, MO = LOCALE / "django.po", LOCALE / "django.mo"
VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise AssertionError(f"not a quoted string: {text!r}")
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete ``#~`` entries skipped; the header is the entry with msgid "")."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None  # which field a continuation line extends

    def start(number: int) -> Entry:
        nonlocal current
        if current is None or current.msgstr:
            current = Entry(line=number)
            entries.append(current)
        return current

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            start(number).flags |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            start(number)
        elif line.startswith('"'):
            if current is None or target is None:
                raise AssertionError(f"{path}:{number}: stray string")
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += _unquote(line)
            else:
                setattr(current, name, (getattr(current, name) or "") + _unquote(line))
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid"):
                entry = start(number)
                setattr(entry, keyword, _unquote(rest))
                target = (keyword, 0)
            elif keyword == "msgid_plural":
                assert current is not None
                current.msgid_plural = _unquote(rest)
                target = ("msgid_plural", 0)
            elif keyword.startswith("msgstr"):
                assert current is not None
                index = int(keyword[7:-1]) if "[" in keyword else 0
                current.msgstr[index] = _unquote(rest)
                target = ("msgstr", index)
            else:
                raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    return entries


def messages() -> list[Entry]:
    return [e for e in parse_po(PO) if e.msgid]


def where(e: Entry) -> str:
    return f"django.po:{e.line}: {e.msgid[:70]!r}"


def test_parser_reads_plural_and_continued_entries(tmp_path):
    po = tmp_path / "t.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "a"\n"b %(n)s"\nmsgstr "x"\n\n'
        'msgctxt "c"\nmsgid "%(n)s ngày"\nmsgid_plural "%(n)s ngày"\nmsgstr[0] "%(n)s day"\nmsgstr[1] ""\n\n'
        '#~ msgid "old"\n#~ msgstr "gone"\n',
        encoding="utf-8",
    )
    header, fuzzy, plural = parse_po(po)
    assert header.msgstr[0] == "Language: en\n"
    assert (fuzzy.msgid, fuzzy.flags) == ("ab %(n)s", {"fuzzy", "python-format"})
    assert (plural.msgctxt, plural.msgid_plural) == ("c", "%(n)s ngày")
    assert plural.msgstr == {0: "%(n)s day", 1: ""}


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    entries = messages()
    assert len(entries) > 800  # the catalogue was read, not an empty file
    fuzzy = [where(e) for e in entries if "fuzzy" in e.flags]
    untranslated = [where(e) for e in entries if not e.msgstr or any(not s for s in e.msgstr.values())]
    assert not fuzzy, "fuzzy entries (check, then remove the flag):\n" + "\n".join(fuzzy)
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)
    assert not [e for e in parse_po(PO) if not e.msgid and "fuzzy" in e.flags], "the header is fuzzy"


def test_translations_keep_placeholders_and_rule_ids():
    placeholder = re.compile(r"%\(\w+\)[sdf]|\{\w+\}|%%")
    rule_id = re.compile(r"\b[RS]-\d+[a-z]?\b")
    wrong = []
    for e in messages():
        for index, text in e.msgstr.items():
            source = e.msgid if index == 0 or e.msgid_plural is None else e.msgid_plural
            for pattern in (placeholder, rule_id):
                if sorted(set(pattern.findall(text))) != sorted(set(pattern.findall(source))):
                    wrong.append(f"{where(e)} → {text[:70]!r}")
    assert not wrong, "placeholders or rule ids differ:\n" + "\n".join(wrong)


def test_compiled_catalogue_matches_the_po():
    """django.mo holds every translation of django.po as written: run compilemessages after editing."""
    with MO.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for e in messages():
        if e.msgid_plural is not None:
            got = {0: compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 1) if e.msgctxt
                   else compiled.ngettext(e.msgid, e.msgid_plural, 1),
                   1: compiled.npgettext(e.msgctxt, e.msgid, e.msgid_plural, 2) if e.msgctxt
                   else compiled.ngettext(e.msgid, e.msgid_plural, 2)}  # fmt: skip
            expected = {0: e.msgstr[0], 1: e.msgstr[1]}
        else:
            got = compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt else compiled.gettext(e.msgid)
            expected = e.msgstr[0]
        if got != expected:
            stale.append(where(e))
    assert not stale, "django.mo is older than django.po (run compilemessages):\n" + "\n".join(stale[:20])


# --- pages in English -------------------------------------------------------------------------------


@pytest.fixture
def english_client(client, personas):
    from django.conf import settings

    from xeploai.campaigns.opening import campaign_create, campaign_open

    campaign = campaign_create(year=2023, ruleset="kh181-2023", root=personas.province)
    campaign_open(campaign=campaign)
    personas.campaign = campaign
    client.force_login(personas.province_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def headings(html: str) -> list[str]:
    found = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, re.S)
    return [re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in found]


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["Content-Language"] == "en"
    return response.content.decode()


def _pages(p):
    from django.urls import reverse

    return {
        "campaign list": (reverse("campaigns:list"), "Review and classification campaigns",
                          "Đợt kiểm điểm, đánh giá, xếp loại"),
        "dashboard": (reverse("campaigns:dashboard", args=[p.campaign.pk, p.province.pk]), "Progress",
                      "Tiến độ"),
        "statistics": (f"{reverse('reports:statistics')}?org={p.province.pk}",
                       "Statistics of quality review and classification results",
                       "Thống kê kết quả đánh giá, xếp loại chất lượng"),
        "questions": (reverse("questions:list"), "Questions and answers", "Hỏi đáp vướng mắc"),
    }  # fmt: skip


@pytest.mark.parametrize("name", ["campaign list", "dashboard", "statistics", "questions"])
def test_page_renders_in_english(english_client, personas, name):
    url, english, vietnamese = _pages(personas)[name]
    html = page(english_client, url)
    assert english in headings(html)[0]
    assert vietnamese not in html
    # Apart from the names of places, people and the campaign (data), no heading is left in Vietnamese.
    data = [personas.province.name, personas.campaign.name]
    leftover = [h for h in headings(html) if VIETNAMESE.search(h.replace(data[0], "").replace(data[1], ""))]
    assert not leftover, leftover


def test_statistics_tables_in_english(english_client, personas):
    html = page(english_client, f"/bao-cao/?org={personas.province.pk}")
    for english in ("Party organizations", "Party members", "Total number", "Not assessed or classified"):
        assert english in html
    for vietnamese in ("Tổ chức đảng", "Không đánh giá, xếp loại", "Tổng số", "Lý do khác"):
        assert vietnamese not in html


def test_same_page_stays_vietnamese_without_the_choice(client, personas):
    from django.urls import reverse

    client.force_login(personas.province_officer)
    html = client.get(reverse("questions:list")).content.decode()
    assert "Hỏi đáp vướng mắc" in headings(html)[0]
    assert "Questions and answers" not in html
