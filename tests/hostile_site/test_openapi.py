"""Item 7 of issue 12: /openapi.json describes the answers the server really gives."""

from __future__ import annotations

import httpx

from tests.hostile_site.conftest import Served

FEEDS = {
    "/flux/pannes.atom": "application/atom+xml",
    "/flux/pannes.json": "application/feed+json",
    "/export/incidents.csv": "text/csv",
}
NOT_FOUND = [
    "/api/articles/{article_id}",
    "/api/incidents/{incident_id}",
    "/api/entites/{slug}",
    "/flux/pannes.atom",
    "/flux/pannes.json",
    "/export/incidents.csv",
    "/export/incidents.json",
]


def _resolve(schema: dict, node: dict) -> dict:
    ref = node.get("$ref")
    if ref:
        return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return node


def test_schema_matches_the_answers(served: Served) -> None:
    with httpx.Client(base_url=served.url, timeout=10) as c:
        schema = c.get("/openapi.json").json()
        paths = schema["paths"]
        assert "HTTPValidationError" not in schema.get("components", {}).get("schemas", {})
        for path, media in FEEDS.items():
            ok = paths[path]["get"]["responses"]["200"]["content"]
            assert list(ok) == [media], (path, list(ok))
            assert c.get(path).headers["content-type"].startswith(media)
        for path in NOT_FOUND:
            assert "404" in paths[path]["get"]["responses"], path
        real_404 = c.get("/api/articles/999999").json()
        real_422 = c.get("/api/articles?per_page=0").json()
        for path, ops in paths.items():
            op = ops["get"]
            if op.get("parameters"):
                body = _resolve(schema, op["responses"]["422"]["content"]["application/json"]["schema"])
                assert set(body["properties"]) == set(real_422) == {"error", "detail"}, path
                assert set(body["required"]) == {"error", "detail"}
            if "404" in op["responses"]:
                body = _resolve(schema, op["responses"]["404"]["content"]["application/json"]["schema"])
                assert set(body["properties"]) == set(real_404), path
        examples = {"{article_id}": "1", "{incident_id}": "1", "{slug}": "openai"}
        for path, ops in paths.items():  # every documented route answers with a documented media type
            url = path
            for k, v in examples.items():
                url = url.replace(k, v)
            r = c.get(url)
            documented = ops["get"]["responses"][str(r.status_code)]["content"]
            assert r.headers["content-type"].split(";")[0] in documented, (path, r.headers["content-type"])
        item = _resolve(
            schema,
            paths["/api/entites/{slug}"]["get"]["responses"]["422"]["content"]["application/json"]["schema"],
        )
        detail = real_422["detail"][0]
        assert set(detail) == {"parametre", "message"}
        assert "parametre" in str(schema["components"]["schemas"]) and item
