"""The mixed load of `make prod-check`: who acts (prepared in the database the stack uses), the
wrk Lua script, and what wrk reports back.

One request in a hundred is, in turn: 50 anonymous browsing (home, catalog, directory, calls,
material and organisation pages, API lists) in three languages, 28 searches (catalog, directory
and API, in Russian, Uzbek and English), 8 pages for a signed-in person, 6 sample requests through
the API with a token, 8 autosaves of an application draft (a signed-in session with its CSRF
token, as htmx sends them).
"""

from __future__ import annotations

import csv
import json
import re
import secrets
import subprocess
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Count

from bridge.accounts.models import Membership, Role, User
from bridge.accounts.services.people import api_token_create
from bridge.materials.models import Material
from bridge.materials.vocabulary import Status
from bridge.programs.models import Application, ApplicationStatus

SEARCHES = [
    "silk", "ipak", "шёлк", "атлас", "paxta", "cotton", "keramika", "керамика", "ceramics",
    "suzani", "сюзане", "soʻzana", "leather", "кожа", "charm", "paper", "qogʻoz", "бумага",
    "wool", "felt", "kigiz", "войлок", "ikat", "abr", "natural dye", "хлопок",
]  # fmt: skip
DIRECTORY = ["studio", "games", "animatsiya", "студия", "silk", "Tashkent"]
LANGUAGES = ["ru", "uz", "en"]


@dataclass
class Actors:
    token: str
    requester: str
    organisation_id: int
    materials: list[int]
    application: int
    supplier: str
    browse: list[str] = field(default_factory=list)
    call: str = ""

    def sample_body(self, n: int) -> dict:
        return {
            "organisation_id": self.organisation_id,
            "items": [{"material_id": self.materials[n % len(self.materials)], "quantity": 1}],
            "purpose": "Swatches for the autumn collection (prod-check).",
            "delivery_address": "Moscow, Tverskaya 1",
        }


def prepare(web) -> Actors:
    """A token for a studio owner who requests samples, a draft application whose author signs
    in to the web, and the addresses to browse."""
    membership = (
        Membership.objects.filter(role=Role.OWNER, organisation__verification="verified")
        .select_related("user", "organisation")
        .order_by("user__email")
        .first()
    )
    requester, organisation = membership.user, membership.organisation
    token = api_token_create(user=requester, name="prod-check")[1]
    sampled = Material.objects.filter(status=Status.PUBLISHED, sample_available=True).exclude(
        supplier=organisation
    )
    supplier_id = sampled.values("supplier").annotate(n=Count("pk")).order_by("-n")[0]["supplier"]
    materials = list(sampled.filter(supplier_id=supplier_id).values_list("pk", flat=True)[:8])
    draft = (
        Application.objects.filter(status=ApplicationStatus.DRAFT, call__is_published=True)
        .select_related("created_by", "call")
        .order_by("-call__closes_at", "pk")
        .first()
    )
    password = secrets.token_urlsafe(16)
    author = User.objects.get(pk=draft.created_by_id)
    author.set_password(password)
    author.save(update_fields=["password"])
    web.login(author.email, password)
    published = Material.objects.filter(status=Status.PUBLISHED).select_related("supplier")
    browse = [
        f"/materials/m/{m.supplier.slug}/{urllib.parse.quote(m.sku, safe='')}/"
        for m in published.order_by("pk")[:20]
    ]
    browse += sorted({f"/materials/suppliers/{m.supplier.slug}/" for m in published[:40]})[:6]
    browse += [
        f"/organisations/{slug}/"
        for slug in Membership.objects.values_list("organisation__slug", flat=True).distinct()[:8]
    ]
    return Actors(
        token=token,
        requester=requester.email,
        organisation_id=organisation.pk,
        materials=materials,
        application=draft.pk,
        supplier=Material.objects.filter(supplier_id=supplier_id).first().supplier.slug,
        browse=browse,
        call=f"/programmes/calls/{draft.call.slug}/",
    )


def _requests(web, actors: Actors) -> list[tuple]:
    """(method, path, headers, body) × 100, in a fixed shuffled order."""
    anonymous = [
        "/", "/materials/", "/organisations/", "/programmes/", actors.call,
        "/api/v1/materials", "/api/v1/organisations", *actors.browse,
    ]  # fmt: skip
    rows = []
    for i in range(50):
        rows.append(("GET", anonymous[i % len(anonymous)], {"Accept-Language": LANGUAGES[i % 3]}))
    for i in range(28):
        word = urllib.parse.quote(SEARCHES[i % len(SEARCHES)])
        path = [
            f"/materials/?q={word}",
            f"/api/v1/materials?q={word}",
            f"/organisations/?q={urllib.parse.quote(DIRECTORY[i % len(DIRECTORY)])}",
            f"/materials/?q={word}&sort=price&currency=USD",
        ][i % 4]
        rows.append(("GET", path, {"Accept-Language": LANGUAGES[i % 3]}))
    cookie = "; ".join(f"{k}={v}" for k, v in web.cookies.items())
    for i in range(8):
        path = ["/", "/materials/?q=silk", f"/programmes/applications/{actors.application}/edit/",
                "/organisations/"][i % 4]  # fmt: skip
        rows.append(("GET", path, {"Cookie": cookie}))
    token = {"Authorization": f"Bearer {actors.token}", "Content-Type": "application/json"}
    for i in range(6):
        rows.append(("POST", "/api/v1/sample-requests", token, json.dumps(actors.sample_body(i))))
    for i in range(8):
        path, headers, body = web.autosave_request(actors.application, f"Load test draft {i}")
        rows.append(("POST", path, headers, body))
    order = list(range(len(rows)))
    # A fixed shuffle (no RNG): a prime stride through the list.
    return [rows[(i * 37) % len(rows)] for i in order]


def _lua_value(value) -> str:
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"[{_lua_value(k)}] = {_lua_value(v)}" for k, v in value.items()) + "}"
        )
    return json.dumps(value, ensure_ascii=False)


LUA = r"""
local threads = {}
local count = 0
function setup(thread)
  count = count + 1
  thread:set("tid", count)
  table.insert(threads, thread)
end
-- Flat tables of numbers: wrk copies those between threads (nested tables crash it).
ok_at = {}
err_at = {}
statuses = {}
local i = 0
function init(args)
  i = (tid or 1) * 13
end
function request()
  i = i % #REQUESTS + 1
  local r = REQUESTS[i]
  local headers = {["X-Forwarded-Proto"] = "https"}
  for k, v in pairs(r[3]) do headers[k] = v end
  return wrk.format(r[1], r[2], headers, r[4])
end
function response(status, headers, body)
  local s = os.time()
  if status < 400 then ok_at[s] = (ok_at[s] or 0) + 1 else err_at[s] = (err_at[s] or 0) + 1 end
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("PC_SUM %d %d %d %d %d\n", summary.requests, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("PC_LAT %.1f %.1f %.1f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
  for _, t in ipairs(threads) do
    for s, n in pairs(t:get("ok_at")) do io.write(string.format("PC_SEC %d %d 0\n", s, n)) end
    for s, n in pairs(t:get("err_at")) do io.write(string.format("PC_SEC %d 0 %d\n", s, n)) end
    for code, n in pairs(t:get("statuses")) do io.write(string.format("PC_STATUS %d %d\n", code, n)) end
  end
end
"""


@dataclass
class Result:
    requests: int
    socket_errors: dict
    percentiles: str
    seconds: dict[int, tuple[int, int]]
    statuses: dict[int, int]

    @property
    def errors(self) -> int:
        return sum(n for code, n in self.statuses.items() if code >= 400)


class Runner:
    def __init__(self, base: str, script: str, seconds: int):
        handle, name = tempfile.mkstemp(suffix=".lua")
        with open(handle, "w", encoding="utf-8") as file:
            file.write(script)
        self.script = Path(name)
        self.process = subprocess.Popen(
            ["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "10s", "--latency", "-s",
             str(self.script), base],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip

    def finish(self) -> Result:
        out, _ = self.process.communicate()
        self.script.unlink(missing_ok=True)
        total = re.search(r"^PC_SUM (\d+) (\d+) (\d+) (\d+) (\d+)$", out, re.MULTILINE)
        if total is None:
            raise RuntimeError(f"wrk said:\n{out}")
        seconds: dict[int, list[int]] = {}
        for sec, ok, err in re.findall(r"^PC_SEC (\d+) (\d+) (\d+)$", out, re.MULTILINE):
            entry = seconds.setdefault(int(sec), [0, 0])
            entry[0] += int(ok)
            entry[1] += int(err)
        statuses: dict[int, int] = {}
        for code, n in re.findall(r"^PC_STATUS (\d+) (\d+)$", out, re.MULTILINE):
            statuses[int(code)] = statuses.get(int(code), 0) + int(n)
        lat = re.search(r"^PC_LAT (\S+) (\S+) (\S+)$", out, re.MULTILINE).groups()
        return Result(
            requests=int(total.group(1)),
            socket_errors=dict(
                zip(
                    ("connect", "read", "write", "timeout"),
                    map(int, total.groups()[1:]),
                    strict=True,
                )
            ),
            percentiles=" / ".join(lat),
            seconds={s: (v[0], v[1]) for s, v in seconds.items()},
            statuses=dict(sorted(statuses.items())),
        )


def script(web, actors: Actors) -> str:
    rows = _requests(web, actors)
    listed = ",\n".join(
        "{"
        + ", ".join(_lua_value(part) for part in (r[0], r[1], r[2]))
        + (f", {_lua_value(r[3])}" if len(r) > 3 else "")
        + "}"
        for r in rows
    )
    return f"REQUESTS = {{\n{listed}\n}}\n{LUA}"


def start(web, actors: Actors, *, seconds: int) -> Runner:
    """wrk in the background; ``finish()`` waits for it and reads its counts."""
    return Runner(web.base, script(web, actors), seconds)


def run(web, actors: Actors, *, seconds: int) -> Result:
    return start(web, actors, seconds=seconds).finish()


def write_import(path: Path, *, supplier: str, rows: int, word: str) -> None:
    """A staff import of new listings (the contract in docs/DESIGN.md), published at once."""
    header = [
        "supplier", "sku", "name", "description", "category", "country", "price", "currency",
        "unit", "moq", "lead_time_days", "composition", "sample_available",
    ]  # fmt: skip
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for n in range(rows):
            writer.writerow([
                supplier, f"PC-{word}-{n:05d}", f"Prodcheck atlas {n} {word}",
                "Qoʻlda toʻqilgan ipak atlas, abr usulida boʻyalgan.", "textiles", "UZ",
                str(100000 + n), "UZS", "m", "5", "14", "silk 70%; cotton 30%", "yes",
            ])  # fmt: skip
