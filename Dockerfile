# syntax=docker/dockerfile:1
#
# Stretch Break bot — production image.
#
#   docker build -t stretch-break-bot .
#   docker run --init --env-file .env -p 3000:3000 stretch-break-bot        (or: docker compose up)
#
# Stages: deps (all packages, for building) → build (prisma generate + tsc) → prod-deps
# (production packages only) → runtime (node user, compiled JS, Prisma CLI for migrations).
#
# Migrations: docker/entrypoint.sh runs `prisma migrate deploy` before starting the app when
# ROLE is web or all (not worker); RUN_MIGRATIONS=true|false overrides that. See the script.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
# openssl: the Prisma CLI probes the system libssl to pick its platform and warns when the slim
# image has none (Prisma's documented requirement for *-slim images).
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# No telemetry/update checks from the Prisma CLI; npm quiet and non-interactive.
ENV CHECKPOINT_DISABLE=1 \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# ---------------------------------------------------------------------------------------------
# Every package (dev included), exactly as locked. --ignore-scripts: the only install scripts are
# Prisma's native-engine download (unused: prisma.config.ts uses engine "js" + @prisma/adapter-pg,
# so nothing native is needed), @prisma/client's auto-generate (done explicitly below), esbuild's
# self-check (dev tool) and msgpackr-extract's optional build (its prebuilt binary ships as a package).
FROM base AS deps
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --ignore-scripts

# ---------------------------------------------------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json prisma.config.ts ./
COPY prisma ./prisma
COPY src ./src
# `prisma generate` needs DATABASE_URL to be set (it never connects); the generated client lands in
# src/generated/prisma and is compiled with the rest of src/ into dist/src.
RUN DATABASE_URL="postgresql://build:build@localhost:5432/build" npx --no prisma generate \
 && npm run build \
 && test -f dist/src/main.js

# ---------------------------------------------------------------------------------------------
# Production packages only. `prisma` (the CLI, for `migrate deploy` at start-up) stays: it is an
# optional peer of @prisma/client, so npm keeps it with --omit=dev — and it should be listed in
# "dependencies" anyway. The guard fails the build if it ever goes missing. TypeScript is also an
# optional peer of @prisma/client but nothing needs it at run time: dropped (~30 MB).
FROM base AS prod-deps
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci --omit=dev --ignore-scripts \
 && rm -rf node_modules/typescript node_modules/@typescript node_modules/.bin/tsc node_modules/.bin/tsserver \
 && { test -x node_modules/.bin/prisma \
      || { echo "prisma CLI missing from production node_modules: move \"prisma\" to dependencies" >&2; exit 1; }; }

# ---------------------------------------------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    NODE_OPTIONS=--enable-source-maps

# Files stay owned by root (read-only for the app); the process runs as the unprivileged `node` user.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY --from=build /app/dist ./dist
# The chart font (server-rendered PNGs must not depend on fonts installed in the image).
COPY assets ./assets
COPY --chmod=0755 docker/entrypoint.sh ./docker/entrypoint.sh

USER node
EXPOSE 3000

# Liveness: /healthz never touches Postgres/Redis. Every role serves it on PORT (a worker has no
# Slack endpoint but keeps /healthz and /readyz for the orchestrator).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["node", "dist/src/main.js"]
