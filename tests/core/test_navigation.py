def labels(response):
    return [str(item["label"]) for item in response.context["nav_items"]]


def current(response):
    return [str(item["label"]) for item in response.context["nav_items"] if item["current"]]


# Every section in menu order, by the URL name of its page.
SECTIONS = [("Home", "core:home"), ("Places", "places:tree"), ("Hotline", "hotline:desk"),
            ("Work orders", "workorders:inbox"), ("Knowledge base", "knowledge:list"), ("Figures", "figures:dashboard"),
            ("Residents", "people:list"), ("Organizations", "organizations:list"), ("Activities", "activities:list"),
            ("Creation", "creation:home"), ("Culture", "culture:home"), ("Service windows", "windows:home"),
            ("Service guide", "guide:home"), ("Job market", "jobs:home"), ("News and notices", "news:home"),
            ("Data requests", "mydata:requests"), ("Working days", "workdays:calendar"),
            ("Staff", "accounts:staff_list"), ("Audit trail", "audit:list")]


def built(sections: set[str]) -> list[str]:
    """The given sections whose pages exist by now, in menu order (apps land one by one)."""
    from django.urls import NoReverseMatch, reverse

    out = []
    for label, name in SECTIONS:
        try:
            reverse(name)
        except NoReverseMatch:
            continue
        if label in sections:
            out.append(label)
    return out


def test_each_role_sees_the_sections_it_may_use(people, login, client):
    network = {"Organizations", "Activities", "Creation", "Culture"}
    orders = {"Work orders", "Knowledge base"}
    services = {"Service windows", "Service guide", "Job market", "News and notices"}
    expected = {
        "worker": {"Home", "Places", "Residents"} | orders | network | services,
        "operator": {"Home", "Places", "Residents", "Hotline"} | orders,
        "liaison": {"Home", "Places"} | orders,
        "auditor": {"Home", "Audit trail"},
        "admin": {label for label, _name in SECTIONS},
        "nobody": {"Home"},
    }
    for persona, sections in expected.items():
        login(getattr(people, persona))
        assert labels(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == built(sections), persona
        client.post("/accounts/logout/")


def test_the_sections_of_the_first_apps_are_always_there():
    assert built({"Home", "Places", "Residents", "Staff", "Audit trail"}) == [
        "Home", "Places", "Residents", "Staff", "Audit trail"]


def test_no_navigation_before_the_second_factor(people, login, client):
    login(people.admin, otp=False)
    response = client.get("/accounts/2fa/")
    assert response.status_code == 200
    assert response.context["nav_items"] == []


def test_the_current_section_is_marked_only_on_its_own_pages(people, login, client):
    login(people.admin)
    assert current(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == ["Home"]
    assert current(client.get("/accounts/me/", HTTP_ACCEPT_LANGUAGE="en")) == []
    assert current(client.get("/accounts/staff/", HTTP_ACCEPT_LANGUAGE="en")) == ["Staff"]
    assert current(client.get("/places/", HTTP_ACCEPT_LANGUAGE="en")) == ["Places"]
