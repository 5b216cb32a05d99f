from shiliu.people.services import resident_create


def _record(by, place, name):
    return resident_create(by=by, name=name, place=place, basis="asked")


def test_home_counts_only_what_lies_within_the_users_places(people, tree, login, client):
    _record(people.admin, tree.xieshu, "甲")
    _record(people.admin, tree.jiufeng, "乙")
    _record(people.admin, tree.dagang, "丙")
    login(people.worker)
    cards = client.get("/", HTTP_ACCEPT_LANGUAGE="en").context["counts"]
    assert dict((str(k), v) for k, v in cards) == {"Places": 1, "Residents recorded": 1}


def test_subdistrict_officer_counts_the_whole_subdistrict(people, tree, login, client):
    _record(people.admin, tree.xieshu, "甲")
    _record(people.admin, tree.jiufeng, "乙")
    _record(people.admin, tree.dagang, "丙")
    login(people.officer)
    cards = dict((str(k), v) for k, v in client.get("/", HTTP_ACCEPT_LANGUAGE="en").context["counts"])
    assert cards == {"Places": 3, "Residents recorded": 2}


def test_auditor_sees_no_resident_count(people, login, client):
    login(people.auditor)
    assert client.get("/").context["counts"] == []
