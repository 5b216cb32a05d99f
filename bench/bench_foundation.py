"""Figures of the foundation at a district's real size, printed as medians and ratios.

    python3 -m uv run --frozen python bench/bench_foundation.py [--residents 42000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shiliu_bench ... (PostgreSQL; the database is created)

Builds a place tree (district, 10 subdistricts, 60 communities/villages, seven-entries
places beneath them) and ~42,000 residents with encrypted phone and ID number, then
measures the reads every page depends on. Timings are medians of repeated runs on a
shared machine: read them as orders of magnitude and ratios, not as contracts.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shiliu.settings_test")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = "sqlite:///" + tempfile.mkdtemp() + "/bench.sqlite3"


def median_ms(fn, repeat=30) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=42000)
    parser.add_argument("--explain", action="store_true", help="print the query plans of the resident list")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor == "postgresql":
        from django.test.utils import setup_databases

        old_config = setup_databases(verbosity=0, interactive=False)  # a fresh test_ database
    else:
        call_command("migrate", verbosity=0)

    import random

    from django.contrib.auth.hashers import Argon2PasswordHasher

    from shiliu.access.policy import Cap
    from shiliu.access.scope import scoped
    from shiliu.accounts.models import Role, User
    from shiliu.accounts.services import role_grant
    from shiliu.audit.services import audit_write
    from shiliu.people.models import Resident
    from shiliu.people.selectors import resident_search
    from shiliu.people.services import id_number_index, phone_index
    from shiliu.places.models import Place, PlaceKind
    from shiliu.places.selectors import subtree
    from shiliu.places.services import place_create, place_move

    rng = random.Random(7)  # noqa: S311
    t0 = time.perf_counter()
    district = place_create(code="D", kind=PlaceKind.DISTRICT, name="区", parent=None, by=None)
    communities = []
    for s in range(10):
        sub = place_create(code=f"S{s}", kind=PlaceKind.SUBDISTRICT, name=f"街道{s}", parent=district, by=None)
        for c in range(6):
            com = place_create(code=f"S{s}C{c}", kind=PlaceKind.COMMUNITY, name=f"社区{s}-{c}", parent=sub, by=None)
            communities.append(com)
            for e in range(3):
                place_create(code=f"S{s}C{c}E{e}", kind=PlaceKind.ENTERPRISE, name=f"企业{s}-{c}-{e}",
                             parent=com, by=None)
    places_n = Place.objects.count()
    admin = User.objects.create(username="bench_admin")
    role_grant(user=admin, role=Role.DISTRICT_ADMIN, place=district, by=None)
    worker = User.objects.create(username="bench_worker")
    role_grant(user=worker, role=Role.COMMUNITY_WORKER, place=communities[0], by=None)

    from datetime import date, timedelta

    from stdnum.cn import ric

    batch, probe_id, probe_phone = [], None, None
    for i in range(args.residents):
        born = date(1960, 1, 1) + timedelta(days=i % 15000)
        body = "330206" + born.strftime("%Y%m%d") + f"{i // 15000:03d}"
        idn = body + ric.calc_check_digit(body + "0")
        phone = f"+86139{i:08d}"
        place = communities[0] if i % 60 == 0 else rng.choice(communities)
        if i == args.residents // 2:
            probe_id, probe_phone = idn, phone
        batch.append(Resident(name=f"居民{i}", phone=phone, phone_index=phone_index(phone), id_number=idn,
                              id_number_index=id_number_index(idn), birth_date=born, place=place, basis="asked",
                              created_by=admin))
        if len(batch) == 2000:
            Resident.objects.bulk_create(batch)
            batch = []
    Resident.objects.bulk_create(batch)
    build_s = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum does soon after a bulk load in production

    print(f"# Shiliu foundation bench on {connection.vendor}, {os.cpu_count()} cores")
    print(f"built {places_n} places and {Resident.objects.count()} residents in {build_s:.1f} s")

    deep = Place.objects.filter(kind=PlaceKind.ENTERPRISE).first()
    for label, place in [("district", district), ("subdistrict", communities[0].parent),
                         ("community", communities[0]), ("enterprise (leaf)", deep)]:
        with CaptureQueriesContext(connection) as ctx:
            n = len(list(subtree(place)))
        ms = median_ms(lambda p=place: list(subtree(p).values_list("pk", flat=True)))
        print(f"subtree of {label:<18} {n:>5} places  {len(ctx.captured_queries)} query  median {ms:7.2f} ms")

    def page(user):
        qs = scoped(Resident.objects.select_related("place"), user, Cap.RESIDENT_VIEW).order_by("-id")
        return qs.count(), list(qs[:25])

    if args.explain:
        qs = scoped(Resident.objects.select_related("place"), worker, Cap.RESIDENT_VIEW).order_by("-id")
        analyze = connection.vendor == "postgresql"
        print("plan of the community worker's whole list (what the count reads):\n" + qs.explain(analyze=analyze))
        print("plan of the community worker's first page:\n" + qs[:25].explain(analyze=analyze))
    admin_ms, worker_ms = median_ms(lambda: page(admin)), median_ms(lambda: page(worker))
    print(f"resident list page (count + 25 rows): district admin {admin_ms:.2f} ms, "
          f"community worker {worker_ms:.2f} ms (ratio {admin_ms / worker_ms:.1f}x)")
    id_ms = median_ms(lambda: list(resident_search(admin, probe_id)))
    phone_ms = median_ms(lambda: list(resident_search(admin, probe_phone[3:])))
    name_ms = median_ms(lambda: list(resident_search(admin, "居民2100")[:25]), repeat=10)
    assert len(list(resident_search(admin, probe_id))) == 1
    print(f"exact lookup by ID number (blind index) {id_ms:.2f} ms, by phone {phone_ms:.2f} ms; "
          f"name contains (scan) {name_ms:.2f} ms")

    def decrypt_page():
        return [(r.phone, r.id_number) for r in Resident.objects.order_by("id")[:25]]

    print(f"decrypting a page of 25 residents (2 fields each): {median_ms(decrypt_page):.2f} ms")

    n_audit = 500
    start = time.perf_counter()
    for _ in range(n_audit):
        audit_write(by=admin, action="bench.write", target=district)
    audit_rate = n_audit / (time.perf_counter() - start)
    print(f"audit trail appends (hash chained): {audit_rate:.0f} records/s")

    sub = communities[0].parent
    other = communities[-1].parent
    com = communities[0]
    beneath = subtree(com).count() - 1
    start = time.perf_counter()
    place_move(place=com, new_parent=other, by=admin, version=Place.objects.get(pk=com.pk).version)
    move_ms = (time.perf_counter() - start) * 1000
    print(f"moving a community with its {beneath} places beneath: {move_ms:.1f} ms "
          f"(from {sub.code} to {other.code})")

    from django.test import Client
    from django.utils import timezone

    officer = User.objects.create(username="bench_officer", password_changed_at=timezone.now())
    role_grant(user=officer, role=Role.SUBDISTRICT_OFFICER, place=communities[0].parent, by=None)
    client = Client()
    client.force_login(officer)
    for url in ("/residents/", "/places/", "/"):
        assert client.get(url).status_code == 200, url
        ms = median_ms(lambda u=url: client.get(u), repeat=15)
        print(f"whole request GET {url:<12} as a subdistrict officer: median {ms:6.1f} ms")
    search_ms = median_ms(lambda: client.post("/residents/", {"q": probe_phone[3:]}), repeat=15)
    print(f"whole request POST /residents/ (search by phone): median {search_ms:6.1f} ms")

    hasher = Argon2PasswordHasher()
    hash_ms = median_ms(lambda: hasher.encode("Correct-Horse-42", hasher.salt()), repeat=5)
    print(f"argon2id password hash (production parameters): {hash_ms:.0f} ms")
    if connection.vendor == "postgresql":
        from django.test.utils import teardown_databases

        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    main()
