"""The hot paths answer pre-serialized bytes (search pages, default guides, tracking views) without passing them
through their response models per request: these tests check those bytes against the documented schemas."""
from jsonschema import Draft202012Validator


async def validator(client, name: str) -> Draft202012Validator:
    spec = (await client.get("/docs/openapi.json")).json()
    root = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def check(v: Draft202012Validator, value) -> None:
    errors = sorted(v.iter_errors(value), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


async def test_search_pages_fit_their_schema(client):
    v = await validator(client, "ServicePage")
    for params in ({}, {"q": "身份证过期了怎么办"}, {"page": 2, "page_size": 5}, {"channel": "kiosk"}):
        r = await client.get("/api/v1/services", params=params)
        assert r.status_code == 200
        check(v, r.json())


async def test_every_default_guide_fits_its_schema(client):
    v = await validator(client, "GuideView")
    codes = [s["code"] for s in (await client.get("/api/v1/services", params={"page_size": 50})).json()["items"]]
    assert codes
    for code in codes:
        r = await client.get(f"/api/v1/services/{code}")
        assert r.status_code == 200
        check(v, r.json())
    guide = (await client.get(f"/api/v1/services/{codes[0]}")).json()
    if guide["situations"]:
        s = guide["situations"][0]
        r = await client.post(f"/api/v1/services/{codes[0]}/situation",
                              json={"answers": {s["key"]: s["options"][-1]["value"]}})
        check(v, r.json())


async def test_tracking_views_fit_their_schema(client, flow, person):
    v = await validator(client, "Track")
    r = await flow.apply(person, "GJJ005")
    assert r.status_code == 201, r.text
    case = r.json()
    r = await client.get(f"/api/v1/track/{case['track_token']}")
    assert r.status_code == 200
    check(v, r.json())
    await flow.accept(person, case["acceptance_no"])
    check(v, (await client.get(f"/api/v1/track/{case['track_token']}")).json())
