"""`POST /api/v1/articles` and `DELETE /api/v1/articles/{id}`: writes, behind an API key.

Both go through the one loader (`kgapi.pipeline.ingest_article` and `delete_article`,
shared with the GraphQL mutations); no Cypher here. Extraction (spaCy) and the blocking
writer run in a worker thread so the event loop keeps serving other requests.

Accepted bodies:

- `application/json`: an article (`title, url, source, author, published_at, text`) or an
  extraction in the output contract (`article` + `entities`/`statements`);
- `text/plain` or `text/html`: the article itself (a plain-text header block of
  `key: value` lines is understood, as by `kgapi load`);
- `multipart/form-data`: a `file` field holding a .txt/.html/.json upload.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.datastructures import UploadFile

from kgapi import pipeline
from kgapi.api.deps import SettingsDep, neo4j_watch
from kgapi.api.security import RequireWrite
from kgapi.config import Settings
from kgapi.ingest.read import ReadError, from_record, read_bytes
from kgapi.model import Article, Extraction
from kgapi.vocabulary import IngestStatus

router = APIRouter(tags=["articles"])


class ArticleInput(BaseModel):
    """An article to extract and load (the article input format of `kgapi load`)."""

    model_config = ConfigDict(extra="forbid")

    title: str = ""
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    text: str = Field(min_length=1, description="The article's full text.")


class IngestResult(BaseModel):
    """What the load did with the article."""

    article_id: str
    status: IngestStatus
    entities: int = Field(description="Entities of the article.")
    claims: int = Field(description="Claims of the article.")


class DeleteResponse(BaseModel):
    article_id: str
    claims: int = Field(description="Claims removed.")
    mentions: int = Field(description="Mentions removed.")
    entities_removed: int = Field(description="Entities no other article referenced, removed.")


class IngestFailure(BaseModel):
    detail: str


def _inlined(model: type[BaseModel]) -> dict[str, Any]:
    """A model's JSON schema with its `$defs` inlined (the models are not recursive), so
    it can sit in `openapi_extra` without components of its own."""
    schema = model.model_json_schema()
    defs: dict[str, Any] = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(defs[ref.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


_JSON_SCHEMA = {"oneOf": [_inlined(ArticleInput), _inlined(Extraction)]}
_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": _JSON_SCHEMA},
        "text/plain": {"schema": {"type": "string", "minLength": 1}},
        "text/html": {"schema": {"type": "string", "minLength": 1}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
    },
}


def _unprocessable(reason: str) -> HTTPException:
    return HTTPException(status_code=422, detail=reason)


def _validation_detail(exc: ValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": ["body", *map(str, e["loc"])], "msg": e["msg"], "type": e["type"]}
        for e in exc.errors()
    ]


def _from_json(data: bytes, settings: Settings) -> Article | Extraction:
    try:
        item = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _unprocessable(f"Invalid JSON: {exc}") from exc
    if not isinstance(item, dict):
        raise _unprocessable("Expected a JSON object: an article or an extraction.")
    # Validate against the documented model first, for field-level messages.
    is_extraction = "article" in item and ("entities" in item or "statements" in item)
    model: type[BaseModel] = Extraction if is_extraction else ArticleInput
    try:
        model.model_validate(item)
    except ValidationError as exc:
        raise HTTPException(status_code=422, detail=_validation_detail(exc)) from exc
    result = from_record(item, origin="api", max_chars=settings.max_article_chars)
    if isinstance(result, ReadError):
        raise _unprocessable(result.reason)
    return result


def _from_bytes(data: bytes, suffix: str | None, settings: Settings) -> Article | Extraction:
    results = list(
        read_bytes(data, origin="api", suffix=suffix, max_chars=settings.max_article_chars)
    )
    if len(results) != 1:
        raise _unprocessable(f"Expected one article, found {len(results)}.")
    result = results[0]
    if isinstance(result, ReadError):
        raise _unprocessable(result.reason)
    return result


_SUFFIX_OF_TYPE = {"text/plain": ".txt", "text/html": ".html", "application/json": ".json"}


async def _read_item(request: Request, settings: Settings) -> Article | Extraction:
    """The request body as one article or extraction, whatever form it came in."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=5)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise _unprocessable("multipart upload needs a 'file' field holding the article.")
        data = await upload.read()
        name = (upload.filename or "").lower()
        suffix = "." + name.rsplit(".", 1)[1] if "." in name else None
        upload_type = (upload.content_type or "").split(";")[0].strip().lower()
        return _from_bytes(data, suffix or _SUFFIX_OF_TYPE.get(upload_type), settings)
    data = await request.body()
    if media in ("text/plain", "text/html"):
        return _from_bytes(data, _SUFFIX_OF_TYPE[media], settings)
    return _from_json(data, settings)


@router.post(
    "/articles",
    dependencies=[RequireWrite],
    status_code=201,
    response_model=IngestResult,
    summary="Ingest one article (extract and load)",
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        200: {"model": IngestResult, "description": "Already loaded, unchanged"},
        422: {"description": "Not an article, or it could not be extracted or loaded"},
    },
)
async def ingest_article(request: Request, settings: SettingsDep) -> JSONResponse:
    """201 with the article id, `loaded` or `replaced`, and counts; 200 when `unchanged`."""
    item = await _read_item(request, settings)
    with neo4j_watch(request.app.state):
        outcome = await run_in_threadpool(pipeline.ingest_article, item, settings)
    if outcome.status == "failed" or outcome.article_id is None:
        raise _unprocessable(f"{outcome.stage or 'load'} failed: {outcome.reason}")
    result = IngestResult(
        article_id=outcome.article_id,
        status=outcome.status,
        entities=outcome.entities,
        claims=outcome.claims,
    )
    status = 200 if outcome.status == "unchanged" else 201
    return JSONResponse(status_code=status, content=result.model_dump())


@router.delete(
    "/articles/{article_id}",
    dependencies=[RequireWrite],
    response_model=DeleteResponse,
    summary="Delete an article, its claims and mentions, and entities left orphaned",
    responses={404: {"model": IngestFailure, "description": "No such article"}},
)
async def delete_article(
    article_id: str, request: Request, settings: SettingsDep
) -> DeleteResponse:
    """Removes the article through the loader's delete (one write transaction)."""
    with neo4j_watch(request.app.state):
        result = await run_in_threadpool(pipeline.delete_article, article_id, settings)
    if not result.found:
        raise HTTPException(status_code=404, detail=f"No article {article_id!r}.")
    return DeleteResponse(
        article_id=result.article_id,
        claims=result.claims,
        mentions=result.mentions,
        entities_removed=result.entities_removed,
    )
