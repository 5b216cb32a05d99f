def labels(response):
    return [str(item["label"]) for item in response.context["nav_items"]]


def current(response):
    return [str(item["label"]) for item in response.context["nav_items"] if item["current"]]


def test_each_role_sees_the_sections_it_may_use(people, login, client):
    expected = {
        "worker": ["Home", "Places", "Residents"],
        "operator": ["Home", "Places", "Residents"],
        "liaison": ["Home", "Places"],
        "auditor": ["Home", "Audit trail"],
        "admin": ["Home", "Places", "Residents", "Staff", "Audit trail"],
        "nobody": ["Home"],
    }
    for persona, sections in expected.items():
        login(getattr(people, persona))
        assert labels(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == sections, persona
        client.post("/accounts/logout/")


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
