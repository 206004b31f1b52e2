"""The served OpenAPI document: valid, complete for every operation, and kept in the mini-program's tests."""
import json
import tempfile
from pathlib import Path

from openapi_spec_validator import validate

from app import create_app
from app.config import Settings
from handlers import _openapi

ROOT = Path(__file__).resolve().parents[2]
DUMP = ROOT / "miniprogram" / "tests" / "openapi.json"


async def spec_of(client) -> dict:
    r = await client.get("/docs/openapi.json")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    return r.json()


async def test_the_document_is_valid_openapi_3_1(client):
    spec = await spec_of(client)
    assert spec["openapi"] == "3.1.0"
    validate(spec)


async def test_every_operation_is_documented(client):
    spec = await spec_of(client)
    count = 0
    ids = set()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            count += 1
            where = f"{method.upper()} {path}"
            assert op["tags"] and op["summary"] and op["operationId"], where
            assert op["operationId"] not in ids, where
            ids.add(op["operationId"])
            assert any(s.startswith("2") for s in op["responses"]), where
            own_shape = op["tags"] in (["callbacks"], ["platform"])  # providers' shapes; /healthz's own 503
            for status, answer in op["responses"].items():
                if status[0] in "45" and not own_shape:
                    schema = answer["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}, where
            declared = {p["name"] for p in op.get("parameters", []) if p["in"] == "path"}
            assert declared == set(part[1:-1] for part in path.split("/") if part.startswith("{")), where
            if op.get("x-roles"):
                assert op["security"] == [{"bearerAuth": op["x-roles"]}], where
                assert {"401", "403"} <= set(op["responses"]), where
            if path.startswith("/sandbox"):
                assert op["tags"] == ["sandbox"], where
            if "requestBody" in op:
                assert {"400", "422"} <= set(op["responses"]), where
    assert count >= 100
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


async def test_the_main_flows_have_typed_bodies_and_answers(client):
    spec = await spec_of(client)
    paths = spec["paths"]

    def body_ref(path, method):
        return paths[path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"]

    def answer_ref(path, method, status):
        return paths[path][method]["responses"][status]["content"]["application/json"]["schema"]["$ref"]

    apply_body = spec["components"]["schemas"][body_ref("/api/v1/applications", "post").rsplit("/", 1)[1]]
    assert apply_body["properties"]["consent"]["type"] == "boolean"
    assert apply_body.get("examples")
    for path, method, status in [("/api/v1/auth/wechat", "post", "200"), ("/api/v1/me", "get", "200"),
                                 ("/api/v1/applications", "post", "201"), ("/api/v1/payables", "get", "200"),
                                 ("/api/v1/appointments", "post", "201"), ("/api/v1/me/notifications", "get", "200")]:
        assert answer_ref(path, method, status).startswith("#/components/schemas/"), (path, method)


async def test_sandboxes_are_documented_only_when_mounted(client, settings):
    spec = await spec_of(client)
    mounted = [p for p in spec["paths"] if p.startswith("/sandbox")]
    assert bool(mounted) == settings.sandbox_on
    off = create_app(Settings(data_dir=tempfile.mkdtemp(), sandbox=False), name="zbdocs_nosandbox")
    off.router.finalize()
    bare = _openapi.build(off)
    assert not [p for p in bare["paths"] if p.startswith("/sandbox")]
    assert "sandbox" not in {t["name"] for t in bare["tags"]}
    validate(bare)


async def test_swagger_ui_is_served_from_this_server(client):
    r = await client.get("/docs")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "cdn" not in r.text.lower() and "//" not in r.text.replace("<!doctype", "")
    for asset in ("/docs/assets/swagger-ui.css", "/docs/assets/swagger-ui-bundle.js", "/docs/init.js"):
        a = await client.get(asset)
        assert a.status_code == 200 and len(a.content) > 100, asset
    assert "/docs/openapi.json" in (await client.get("/docs/init.js")).text


async def test_the_mini_programs_copy_of_the_document_is_current(client):
    """miniprogram/tests/openapi.json is what the jest suite checks its fixtures against: it must be the document
    the backend serves. A stale copy is rewritten here (commit it) and the test fails."""
    served = json.dumps(await spec_of(client), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    current = DUMP.read_text("utf-8") if DUMP.exists() else ""
    if current != served:
        DUMP.write_text(served, "utf-8")
    assert current == served, f"{DUMP} was stale and has been rewritten: commit it"
