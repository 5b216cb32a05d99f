"""The creation demo: sites at each level with partial six ones, brands, honours; loading twice adds nothing."""

from shiliu.core.demo import load_demo
from shiliu.creation.choices import Level
from shiliu.creation.models import Brand, DemonstrationSite, Evidence, Honour
from shiliu.creation.selectors import with_progress


def test_demo_creation_work_loads_once(db):
    load_demo(residents=0)
    sites = {s.name: s for s in with_progress(DemonstrationSite.objects.all())}
    assert {s.level for s in sites.values()} == set(Level.values)
    progress = sorted(s.satisfied for s in sites.values())
    assert progress[0] < 6 and progress[-1] == 6 and len(set(progress)) >= 3  # partly done, some complete
    assert Brand.objects.filter(name="贝大姐热线").exists() and Brand.objects.count() >= 2
    assert Honour.objects.filter(recipient="person").count() == 1
    assert all(e.file or e.activity_id for e in Evidence.objects.all())
    counts = (DemonstrationSite.objects.count(), Evidence.objects.count(), Brand.objects.count(),
              Honour.objects.count())
    load_demo(residents=0)
    assert counts == (DemonstrationSite.objects.count(), Evidence.objects.count(), Brand.objects.count(),
                      Honour.objects.count())
