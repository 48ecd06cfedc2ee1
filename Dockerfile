# The kgapi API image. Neo4j runs in its own container (docker-compose.yml).

# --- GraphiQL's assets from the npm registry (Node at build time only, no CDN at run time) --
FROM node:20-bookworm-slim AS ide-assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# --- The wheel: kgapi with GraphiQL's assets inside (hatch_build.py copies them in) --------
FROM python:3.11-slim-bookworm AS wheel
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY --from=ide-assets /build/node_modules/ /build/node_modules/
COPY pyproject.toml README.md LICENSE hatch_build.py package.json package-lock.json ./
COPY schema/ schema/
COPY kgapi/ kgapi/
RUN KGAPI_NODE_MODULES=/build/node_modules pip wheel --no-deps --wheel-dir /dist .

# --- The API --------------------------------------------------------------------------------
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system kgapi && useradd --system --gid kgapi --home-dir /app kgapi
WORKDIR /app

# Dependencies first, from the lock file (every package pinned, by hash), so code changes
# don't reinstall them.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY --from=wheel /dist/ /tmp/dist/
RUN pip install --no-deps /tmp/dist/*.whl && pip check && rm -rf /tmp/dist
COPY seeds/ seeds/
RUN chown -R kgapi:kgapi /app

USER kgapi
EXPOSE 8000

# Wait for Neo4j, apply the schema, load seeds/ into an empty graph, serve.
CMD ["kgapi", "serve", "--host", "0.0.0.0", "--port", "8000", "--wait", "120", "--seed-if-empty", "seeds/"]
