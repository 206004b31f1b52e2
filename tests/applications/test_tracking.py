from tests.factories import window_clerk

SIMPLE = "GJJ005"


async def test_the_public_view_shows_progress_and_nothing_personal(client, flow, person):
    case = (await flow.apply(person, SIMPLE)).json()
    token = case["track_token"]
    r = await client.get(f"/api/v1/track/{token}")
    assert r.status_code == 200
    v = r.json()
    assert v["acceptance_no"] == case["acceptance_no"] and v["status"] == "submitted"
    assert "*" in v["applicant"] and person["name"] not in r.text
    assert person["id_number"] not in r.text and person["id_number"][-4:] + '"' not in r.text
    assert "form" not in v and "phone" not in r.text

    await flow.accept(person, case["acceptance_no"])  # a change must show at once (cache invalidated)
    v2 = (await client.get(f"/api/v1/track/{token}")).json()
    assert v2["status"] == "in_review" and v2["due_date"]
    assert [e["status_label"] for e in v2["timeline"] if e["status_label"]][:2] == ["已提交，待受理", "已受理"]


async def test_unknown_tampered_and_revoked_tokens_reveal_nothing(client, flow, person):
    case = (await flow.apply(person, SIMPLE)).json()
    token = case["track_token"]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    for t in (tampered, "x" * 32, "nope"):
        r = await client.get(f"/api/v1/track/{t}")
        assert r.status_code == 404 and r.json()["error"]["code"] == "track_not_found"
    assert (await client.get(f"/api/v1/track/{token}")).status_code == 200
    r = await client.post(f"/api/v1/applications/{case['acceptance_no']}/track-token", headers=person["headers"])
    new = r.json()["track_token"]
    assert new != token
    assert (await client.get(f"/api/v1/track/{token}")).status_code == 404
    assert (await client.get(f"/api/v1/track/{new}")).status_code == 200


async def test_tracking_is_rate_limited_per_client(client, flow, person, app):
    token = (await flow.apply(person, SIMPLE)).json()["track_token"]
    tracker = app.ctx.tracker
    old = tracker.rate_limit
    tracker.rate_limit = 3
    try:
        ip = {"x-real-ip": "10.77.0.1"}
        codes = [(await client.get(f"/api/v1/track/{token}", headers=ip)).status_code for _ in range(5)]
        assert codes == [200, 200, 200, 429, 429]
        assert (await client.get(f"/api/v1/track/{token}", headers={"x-real-ip": "10.77.0.2"})).status_code == 200
    finally:
        tracker.rate_limit = old


async def test_qr_codes_and_the_tracking_page(client, flow, person, stranger):
    case = (await flow.apply(person, SIMPLE)).json()
    no = case["acceptance_no"]
    svg = await client.get(f"/api/v1/applications/{no}/qr?format=svg", headers=person["headers"])
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml" and b"<svg" in svg.content
    png = await client.get(f"/api/v1/applications/{no}/qr?format=png", headers=person["headers"])
    assert png.content.startswith(b"\x89PNG")
    bad = await client.get(f"/api/v1/applications/{no}/qr?format=gif", headers=person["headers"])
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "format"
    assert (await client.get(f"/api/v1/applications/{no}/qr", headers=stranger["headers"])).status_code == 404
    page = await client.get(f"/t/{case['track_token']}")
    assert page.status_code == 200 and "办件进度查询" in page.text


async def test_window_staff_see_the_tracking_token_citizens_of_others_do_not(client, flow, person):
    case = (await flow.apply(person, SIMPLE)).json()
    clerk = await window_clerk(client)
    r = await client.get(f"/api/v1/applications/{case['acceptance_no']}", headers=clerk["headers"])
    assert r.status_code == 200 and r.json()["track_token"] == case["track_token"]
