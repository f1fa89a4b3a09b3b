"""The users of ``bench_load.py`` at a quarter's end, for locust (``locust -f bench/locustfile.py``).

Five kinds of user, each with an account of its own from the fixture ``_load_prepare.py`` wrote
(``BENCH_LOAD_FIXTURE``): party members writing their self-reviews, cell secretaries proposing the levels
of their cell's whole list, standing-committee officers deciding a cell's list, Organization Commission
officers reading statistics and progress, and API clients reading the campaign's subjects with a token.
The page users come logged in (a session made by the set-up): the login itself, a deliberately slow
password hash, is not what a quarter's end is made of.

Each request is named by its kind ("member: save self-review"); a write that the server refuses (the
page shown again with its messages instead of the redirect) counts as an error, as does any status but
the expected one. The weights give the mix of 50 users: 20 members, 6 secretaries, 6 deciders,
8 commission officers, 10 API clients (``bench_load.py --users`` scales them).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from typing import Any, ClassVar

from locust import HttpUser, between, task

FIXTURE: dict[str, Any] = json.loads(open(os.environ["BENCH_LOAD_FIXTURE"], encoding="utf-8").read())
CAMPAIGN = FIXTURE["campaign"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'name="version-(\d+)" value="(\d+)"')
ERROR = re.compile(r'class="[^"]*(?:errorlist|error|alert)[^"]*"[^>]*>\s*(?:<[^>]+>\s*)*([^<]{1,200})')
WAIT = (float(os.environ.get("BENCH_LOAD_WAIT_MIN", "1")), float(os.environ.get("BENCH_LOAD_WAIT_MAX", "5")))


class _Account(HttpUser):
    """A user of the site with the next account of its kind from the fixture."""

    abstract = True
    kind: ClassVar[str] = ""
    wait_time = between(*WAIT)
    _next: ClassVar[itertools.count[int]]

    def on_start(self) -> None:
        accounts = FIXTURE[self.kind]
        self.account = accounts[next(type(self)._next) % len(accounts)]
        if "session" in self.account:
            self.client.cookies.set("sessionid", self.account["session"])

    def page(self, url: str, name: str) -> str:
        """GET a page that must answer 200; its HTML ('' when it failed)."""
        with self.client.get(url, name=name, catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} instead of 200")
                return ""
            return r.text

    def save(self, url: str, data: dict[str, str], name: str) -> None:
        """POST a form that must redirect (saved); a page shown again is a refusal, with its message."""
        with self.client.post(url, data=data, name=name, catch_response=True, allow_redirects=False) as r:
            if r.status_code == 302:
                r.success()
            elif r.status_code == 200:
                found = ERROR.search(r.text)
                r.failure(f"refused: {found.group(1).strip() if found else 'page shown again'}")
            else:
                r.failure(f"{r.status_code} instead of 302")


def _csrf(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


class Member(_Account):
    """A party member opens their subject page and saves their self-review (a draft: saved again later)."""

    kind = "members"
    weight = 20
    _next = itertools.count()

    @task
    def write_review(self) -> None:
        url = f"/dot-danh-gia/doi-tuong/{self.account['subject']}/"
        html = self.page(url, "member: subject page")
        if html:
            data = {**self.account["data"], "csrfmiddlewaretoken": _csrf(html)}
            data["strengths"] = f"{data['strengths']} ({random.randrange(10_000)})"
            self.save(url + "kiem-diem/luu/", data, "member: save self-review")


class _ListWorker(_Account):
    """A whole-list page (stage ``slug``) of one cell: open it, check the quota on a change, save."""

    abstract = True
    slug: ClassVar[str] = ""
    who: ClassVar[str] = ""

    def work_on_list(self, query: str = "") -> None:
        url = f"/dot-danh-gia/{CAMPAIGN}/to-chuc/{self.account['org']}/danh-sach/{self.slug}/"
        html = self.page(url + query, f"{self.who}: {self.slug} list page")
        if not html:
            return
        data = {"csrfmiddlewaretoken": _csrf(html)}
        levels = self.account["levels"]
        for pk, version in VERSION.findall(html):
            data[f"version-{pk}"] = version
            data[f"level-{pk}"] = str(levels.get(pk, ""))  # a row left empty is not written
        headers = {"HX-Request": "true", "X-CSRFToken": data["csrfmiddlewaretoken"]}
        with self.client.post(
            url + "kiem-tra/",
            data=data,
            headers=headers,
            catch_response=True,
            name=f"{self.who}: {self.slug} quota check (htmx)",
        ) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} instead of 200")
        self.wait()  # the user looks at the quota before saving
        self.save(url, data, f"{self.who}: save {self.slug} list")


class Secretary(_ListWorker):
    """A cell secretary proposes the levels of the cell's members on the whole-list page."""

    kind = "secretaries"
    weight = 6
    slug = "de-xuat"
    who = "secretary"
    _next = itertools.count()

    @task
    def propose(self) -> None:
        self.work_on_list()


class Decider(_ListWorker):
    """A standing-committee officer takes the proposals of a cell as decided and saves the list."""

    kind = "deciders"
    weight = 6
    slug = "quyet-dinh"
    who = "committee"
    _next = itertools.count()

    @task
    def decide(self) -> None:
        self.work_on_list("?lay-ket-qua=1")


class Commission(_Account):
    """An Organization Commission officer reads the statistics and the progress of their organization."""

    kind = "commission"
    weight = 8
    _next = itertools.count()

    @task(2)
    def statistics(self) -> None:
        self.page(f"/bao-cao/?campaign={CAMPAIGN}&org={self.account['org']}", "commission: statistics")

    @task(3)
    def progress(self) -> None:
        self.page(f"/dot-danh-gia/{CAMPAIGN}/to-chuc/{self.account['org']}/tien-do/", "commission: progress")


class ApiClient(_Account):
    """Another system reads the campaign's subjects of a district, page by page, with its token."""

    kind = "api"
    weight = 10
    _next = itertools.count()

    @task
    def subjects(self) -> None:
        offset = random.randrange(max(1, self.account["subjects"] - 50))
        query = f"organization={self.account['org']}&limit=50&offset={offset}"
        url = f"/api/campaigns/{CAMPAIGN}/subjects?{query}"
        headers = {"Authorization": f"Bearer {self.account['token']}"}
        with self.client.get(url, headers=headers, name="api: subjects", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"{r.status_code} instead of 200")
