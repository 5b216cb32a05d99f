"""The work-order engine at a district's scale, served as in production, measured in one run.

    python3 -m uv run --frozen python bench/bench_workorders.py            # 1,000,000 orders
    python3 -m uv run --frozen python bench/bench_workorders.py --orders 100000 --reuse

Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/shiliu_bench_orders;
the database is dropped and made afresh unless --reuse) and wrk (Debian: apt-get install wrk).

1. Generates a synthetic district: the demo place tree, 200,000 residents and 1,000,000 work
   orders over the past year in every state, with their callbacks and timeline events (SQL
   generate_series: minutes, not hours), then rolls the dashboard's daily figures up.
2. Serves Shiliu with gunicorn (2 sync workers) on 127.0.0.1 with the production profile, plus a
   bare Django view on the same server that inserts one row (bench/benchsite).
3. Drives it with wrk (C, not the bottleneck; its CPU time is reported) and prints, in one run:
   (a) work-order creation through the API (with Idempotency-Key), orders/s and p50/p95, beside
       the bare insert, and their ratio; (b) a community worker's inbox page and API list;
   (c) the district dashboard (this month and the whole year); (d) peak memory of a web worker.
The last line is ``ratio=<creation/ceiling>``. Figures are from a shared machine: compare them
within one run, not across runs.
"""

import argparse
import http.cookiejar
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]
os.environ["DJANGO_SETTINGS_MODULE"] = "benchsite.settings"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shiliu_bench_orders"
os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
PASSWORD = "Bench-Password-2026!"
BACKUP = "bench-code"
PORT = 8769


# --- the database ----------------------------------------------------------------------------

def fresh_database(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed(orders: int, residents: int) -> dict:
    """Places, accounts, categories and rules through the code; the bulk through SQL."""
    from django.db import connection, transaction
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from shiliu.accounts.models import Role, User
    from shiliu.accounts.services import password_set, role_grant
    from shiliu.core import demo
    from shiliu.places.models import Place
    from shiliu.workorders.models import Category, RoutingRule

    started = time.perf_counter()
    with transaction.atomic():
        admin = User.objects.create(username="admin", display_name="admin")
        password_set(user=admin, raw=PASSWORD, by=admin)
        places = demo._place_tree(admin)
        role_grant(user=admin, role=Role.DISTRICT_ADMIN, place=places["330206"], by=None)
        device = StaticDevice.objects.create(user=admin, name="backup")
        for i in range(50):
            StaticToken.objects.create(device=device, token=f"{BACKUP}-{i}")
        users = {}
        for name, role, code in (("operator", Role.OPERATOR, "330206003"),
                                 ("xieshu_worker", Role.COMMUNITY_WORKER, "330206003001")):
            user = User.objects.create(username=name, display_name=name)
            password_set(user=user, raw=PASSWORD, by=admin)
            role_grant(user=user, role=role, place=places[code], by=None)
            users[name] = user
        categories = []
        for code, name, kind, days in (
                ("social-insurance", "社会保险", "help", 10), ("employment", "就业创业", "help", 10),
                ("education", "子女入学", "consultation", 2), ("housing", "居住与住房", "help", 10),
                ("legal-aid", "法律援助", "help", 10), ("hardship", "困难救助", "help", 10),
                ("health", "医疗卫生", "consultation", 2), ("market", "经营摊位", "complaint", 15),
                ("culture-life", "文化生活", "suggestion", 10), ("other", "其他", "help", 10)):
            categories.append(Category.objects.create(code=code, name=name, name_en=code, kind=kind,
                                                      resolve_days=days))
        RoutingRule.objects.create(place=places["330206003001"], category=categories[0],
                                   unit=places["330206003001"], created_by=admin)
    community_kinds = ("community", "village")
    paths = list(Place.objects.filter(kind__in=community_kinds).order_by("id").values_list("id", "path"))
    ids = "ARRAY[" + ",".join(str(i) for i, _p in paths) + "]"
    path_array = "ARRAY[" + ",".join(f"'{p}'" for _i, p in paths) + "]"
    cats = "ARRAY[" + ",".join(str(c.pk) for c in categories) + "]"
    n_places = len(paths)
    operator = users["operator"].pk
    with connection.cursor() as cur:
        cur.execute("SELECT setseed(0.42)")
        cur.execute(f"""
            INSERT INTO people_resident (name, phone, phone_index, id_number, id_number_index,
                id_number_needs_review, gender, birth_date, languages, place_id, basis, ethnicity,
                ethnicity_consent_id, created_by_id, created_at, updated_at, version)
            SELECT 'Resident ' || g, '', '', '', NULL, false, '', NULL, '[]', ({ids})[1 + g % {n_places}], 'asked',
                   '', NULL, {operator}, now() - random() * interval '700 days', now(), 1
            FROM generate_series(1, {residents}) g""")
        # Orders over the past year; the state depends on a random draw, the deadlines on the day opened.
        cur.execute(f"""
            INSERT INTO workorders_workorder (channel, category_id, description, place_id, place_path, urgency,
                language, requester_id, contact_name, contact_phone, contact_phone_index, contact_consent, status,
                is_open, unit_id, unit_path, assignee_id, dispatched_at, ack_due, acknowledged_at, resolve_due,
                resolved_at, closed_at, due_at, reminded_at, overdue_at, ack_on_time, resolved_on_time, reply,
                returns, reopens, supervised, urges, tracking_code, created_by_id, created_at, updated_at, version)
            SELECT channel, cat, 'Synthetic order ' || g, pid, ppath, 'normal', CASE WHEN g % 17 = 0 THEN 'ug'
                   ELSE 'zh' END, NULL, '', '', '', false, status,
                   status IN ('new', 'dispatched', 'in_progress', 'returned'),
                   CASE WHEN status = 'new' THEN NULL ELSE pid END, CASE WHEN status = 'new' THEN '' ELSE ppath END,
                   NULL, created, created + interval '4 hours', acked, created + interval '14 days', resolved,
                   CASE WHEN status = 'closed' THEN resolved + interval '1 day' END,
                   CASE WHEN status = 'dispatched' THEN created + interval '4 hours'
                        WHEN status = 'in_progress' THEN created + interval '14 days' END,
                   NULL, NULL, CASE WHEN acked IS NOT NULL THEN acked <= created + interval '4 hours' END,
                   CASE WHEN resolved IS NOT NULL THEN resolved <= created + interval '14 days' END,
                   CASE WHEN resolved IS NOT NULL THEN '已答复' ELSE '' END,
                   CASE WHEN status = 'returned' THEN 1 ELSE 0 END, 0, false, 0,
                   'G' || lpad(g::text, 9, '0'), {operator}, created, created, 1
            FROM (
              SELECT g, ({cats})[1 + floor(random() * {len(categories)})::int] AS cat,
                     (ARRAY['hotline','hotline','hotline','window','online','visit'])[1 + floor(random() * 6)::int]
                       AS channel,
                     ({ids})[1 + (g::bigint * 7919) % {n_places}] AS pid,
                     ({path_array})[1 + (g::bigint * 7919) % {n_places}] AS ppath,
                     created, status,
                     CASE WHEN status IN ('in_progress', 'resolved', 'closed')
                          THEN created + random() * interval '6 hours' END AS acked,
                     CASE WHEN status IN ('resolved', 'closed')
                          THEN created + interval '7 hours' + random() * interval '18 days' END AS resolved
              FROM (
                SELECT g, now() - random() * interval '365 days' AS created,
                       CASE WHEN r < 0.03 THEN 'dispatched' WHEN r < 0.06 THEN 'in_progress'
                            WHEN r < 0.08 THEN 'resolved' WHEN r < 0.085 THEN 'new'
                            WHEN r < 0.09 THEN 'returned' WHEN r < 0.10 THEN 'cancelled' ELSE 'closed' END AS status
                FROM (SELECT g, random() AS r FROM generate_series(1, {orders}) g) drawn
              ) dated
            ) o""")
        cur.execute(f"""
            INSERT INTO workorders_callback (order_id, round, method, solved, satisfaction, comment, by_id, at)
            SELECT id, 0, 'phone', (ARRAY['yes','yes','yes','yes','yes','yes','yes','yes','partly','no'])
                     [1 + floor(random() * 10)::int],
                   (ARRAY['very_satisfied','satisfied','satisfied','basically','dissatisfied'])
                     [1 + floor(random() * 5)::int], '', {operator}, closed_at
            FROM workorders_workorder WHERE status = 'closed'""")
        cur.execute("""
            INSERT INTO workorders_orderevent (order_id, at, kind, actor_id, from_status, to_status, unit_id, note,
                internal, data)
            SELECT id, created_at, 'created', created_by_id, 'new', status, NULL, '', false, '{}'
            FROM workorders_workorder""")
        cur.execute("""
            INSERT INTO workorders_orderevent (order_id, at, kind, actor_id, from_status, to_status, unit_id, note,
                internal, data)
            SELECT id, created_at + interval '2 hours', 'returned', NULL, 'dispatched', 'returned', place_id,
                   '不属于本单位', false, '{}'
            FROM workorders_workorder WHERE returns > 0""")
        cur.execute("ANALYZE")
    generated = time.perf_counter() - started
    from shiliu.figures.rollup import rollup_all

    rolled = time.perf_counter()
    rollup_all()
    return {"generate_s": generated, "rollup_s": time.perf_counter() - rolled, "places": len(places)}


# --- the server and the load ---------------------------------------------------------------------

def serve(workers: int) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": f"{HERE}{os.pathsep}{ROOT / 'src'}",
           "DJANGO_SETTINGS_MODULE": "benchsite.settings"}
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    proc = subprocess.Popen([gunicorn, "shiliu.wsgi:application", "-w", str(workers), "-b", f"127.0.0.1:{PORT}",
                             "--log-level", "warning"], env=env, cwd=str(ROOT))
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1) as r:  # noqa: S310
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("gunicorn did not start")


def session_cookie(username: str, otp: str | None = None) -> str:
    """Sign in through the real pages (and the second factor); returns the Cookie header."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{PORT}"

    def post(path: str, fields: dict) -> None:
        page = opener.open(base + path).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(base + path, data=data, headers={"Referer": base + path})
        opener.open(request).read()

    post("/accounts/login/", {"username": username, "password": PASSWORD})
    if otp:
        post("/accounts/2fa/", {"code": otp})
    return "; ".join(f"{c.name}={c.value}" for c in jar)


LUA = r"""
local counter = 0
local prefix = tostring(math.random(1, 1000000000))
request = function()
  counter = counter + 1
  local headers = {}
  for k, v in pairs(HEADERS) do headers[k] = v end
  if IDEMPOTENT then headers["Idempotency-Key"] = prefix .. "-" .. counter end
  return wrk.format(METHOD, PATH, headers, BODY)
end
done = function(summary, latency, requests)
  io.write(string.format('{"requests":%d,"duration_us":%d,"p50":%d,"p95":%d,"p99":%d,"bad":%d,"socket":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.timeout))
end
"""


def lua_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def load(path: str, *, method: str = "GET", headers: dict | None = None, body: str = "", idempotent: bool = False,
         seconds: int, connections: int) -> dict:
    math_seed = int(time.time() * 1000) % 100000
    table = "{" + ",".join(f"[{lua_string(k)}]={lua_string(v)}" for k, v in (headers or {}).items()) + "}"
    script = (f"math.randomseed({math_seed})\nMETHOD={lua_string(method)}\nPATH={lua_string(path)}\n"
              f"HEADERS={table}\nBODY={lua_string(body) if body else 'nil'}\n"
              f"IDEMPOTENT={'true' if idempotent else 'false'}\n" + LUA)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", f.name,
                          f"http://127.0.0.1:{PORT}"], capture_output=True, text=True, check=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.unlink(f.name)
    result = json.loads(out.strip().splitlines()[-1])
    result["rate"] = result["requests"] / (result["duration_us"] / 1e6)
    result["client_cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


def peak_rss_mb(master: int) -> float:
    peaks = []
    for child in Path("/proc").iterdir():
        try:
            status = (child / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", status, re.M):
            found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
            if found:
                peaks.append(int(found.group(1)) / 1024)
    return max(peaks) if peaks else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--residents", type=int, default=200_000)
    parser.add_argument("--seconds", type=int, default=15, help="length of each measured load")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true", help="keep the database of an earlier run")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")

    url = os.environ["DATABASE_URL"]
    if not args.reuse:
        fresh_database(url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from shiliu.accounts.models import User
    from shiliu.accounts.services import token_issue
    from shiliu.core.i18n import compile_catalogs
    from shiliu.places.models import Place
    from shiliu.workorders.models import Category, WorkOrder

    compile_catalogs()
    call_command("migrate", "--run-syncdb", verbosity=0)
    setup = {"generate_s": 0.0, "rollup_s": 0.0}
    if not WorkOrder.objects.exists():
        setup = seed(args.orders, args.residents)
    else:  # a reused database: its figures are rebuilt from its orders, as after a bulk import
        from shiliu.figures.rollup import rollup_all

        rolled = time.perf_counter()
        rollup_all()
        setup["rollup_s"] = time.perf_counter() - rolled
    total = WorkOrder.objects.count()
    worker = User.objects.get(username="xieshu_worker")
    operator = User.objects.get(username="operator")
    _t, operator_token = token_issue(user=operator, name="bench")
    _t, worker_token = token_issue(user=worker, name="bench")
    xieshu = Place.objects.get(code="330206003001")
    category = Category.objects.get(code="social-insurance")
    from django.db import connections

    connections.close_all()

    server = serve(args.workers)
    try:
        used = int(timezone.now().timestamp()) % 40
        worker_cookie = session_cookie("xieshu_worker")
        admin_cookie = session_cookie("admin", otp=f"{BACKUP}-{used}")
        body = json.dumps({"channel": "hotline", "category": category.pk, "description": "灵活就业人员怎么参加社保？",
                           "place": xieshu.pk, "contact_name": "马女士", "contact_phone": "13812345678",
                           "contact_consent": True}, ensure_ascii=False)
        api = {"Authorization": f"Bearer {operator_token}", "Content-Type": "application/json"}
        s, c = args.seconds, 4
        load("/bench/bare", method="POST", body=body, headers={"Content-Type": "application/json"},
             seconds=3, connections=c)  # warm up both workers
        load("/api/v1/orders", method="POST", body=body, headers=api, idempotent=True, seconds=3, connections=c)
        bare = load("/bench/bare", method="POST", body=body, headers={"Content-Type": "application/json"},
                    seconds=s, connections=c)
        create = load("/api/v1/orders", method="POST", body=body, headers=api, idempotent=True, seconds=s,
                      connections=c)
        lat = 2  # one request per worker at a time: service time, not queueing
        inbox_page = load("/orders/", headers={"Cookie": worker_cookie}, seconds=s, connections=lat)
        inbox_api = load("/api/v1/orders?view=inbox", headers={"Authorization": f"Bearer {worker_token}"},
                         seconds=s, connections=lat)
        dash_month = load("/figures/", headers={"Cookie": admin_cookie}, seconds=s, connections=lat)
        today = timezone.localdate()
        year = f"/figures/?start={today.replace(year=today.year - 1).isoformat()}&end={today.isoformat()}"
        dash_year = load(year, headers={"Cookie": admin_cookie}, seconds=s, connections=lat)
        memory = peak_rss_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)

    ratio = create["rate"] / bare["rate"] if bare["rate"] else 0.0
    rows = [("bare one-row insert (ceiling)", bare), ("work order creation, API", create),
            ("worker's inbox page", inbox_page), ("worker's inbox, API", inbox_api),
            ("district dashboard, this month", dash_month), ("district dashboard, whole year", dash_year)]
    print(f"\nShiliu work-order bench: {total:,} orders, {args.residents:,} residents, PostgreSQL, "
          f"gunicorn {args.workers} sync workers, wrk 1 thread, {args.seconds}s per load")
    print(f"data generated in {setup['generate_s']:.0f}s, figures rolled up in {setup['rollup_s']:.0f}s")
    print(f"{'load':36} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'non-2xx':>8} "
          f"{'wrk cpu s':>9}")
    for (name, r), conns in zip(rows, (c, c, lat, lat, lat, lat), strict=True):
        print(f"{name:36} {conns:>5} {r['rate']:>8.1f} {r['p50'] / 1000:>8.1f} {r['p95'] / 1000:>8.1f} "
              f"{r['p99'] / 1000:>8.1f} {r['bad'] + r['socket']:>8} {r['client_cpu_s']:>9.2f}")
    print(f"peak memory of a web worker: {memory:.0f} MB")
    print("targets: creation >= 50% of the ceiling; inbox p95 < 50 ms; dashboard p95 < 300 ms")
    print(f"ratio={ratio:.2f}")


if __name__ == "__main__":
    main()
