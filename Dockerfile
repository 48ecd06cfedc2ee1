# The kgapi API image. Neo4j runs in its own container (docker-compose.yml).

# --- GraphiQL's assets from the npm registry (no CDN at run time) ---------------------------
FROM node:20-bookworm-slim AS ide-assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# --- The API --------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system kgapi && useradd --system --gid kgapi --home-dir /app kgapi
WORKDIR /app

# Dependencies first, so code changes don't reinstall them.
COPY pyproject.toml README.md ./
COPY kgapi/__init__.py kgapi/__init__.py
COPY schema/ schema/
RUN pip install . && pip uninstall -y kgapi

COPY kgapi/ kgapi/
COPY seeds/ seeds/
COPY --from=ide-assets /build/node_modules/ node_modules/
RUN pip install --no-deps . && chown -R kgapi:kgapi /app

USER kgapi
EXPOSE 8000

# Wait for Neo4j, apply the schema, load seeds/ into an empty graph, serve.
CMD ["kgapi", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "0", "--wait", "120", "--seed-if-empty", "seeds/"]
