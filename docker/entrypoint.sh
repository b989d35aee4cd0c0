#!/bin/sh
# Container entrypoint: optionally apply database migrations, then run the app (or the given command).
#
#   RUN_MIGRATIONS=auto  (default) migrate when ROLE is web or all (ROLE unset means all); a
#                        ROLE=worker container never migrates, so scaled-out workers do not race.
#   RUN_MIGRATIONS=true  always migrate first.        RUN_MIGRATIONS=false  never migrate.
#
# `prisma migrate deploy` only applies migrations from prisma/migrations that the database has not
# seen (it records them in _prisma_migrations), so running it on every start is safe (it adds a
# few seconds to start-up when there is nothing to apply).
# With several web replicas, prefer one release step and RUN_MIGRATIONS=false on the replicas:
#   docker compose run --rm app migrate
#
# Commands: no arguments or the default CMD → the app; `migrate` → only apply migrations and exit;
# anything else (e.g. `sh`) → run it after the migration step (set RUN_MIGRATIONS=false to skip).
set -eu

# The image keeps the app in /app and this script in /app/docker.
cd "$(dirname "$0")/.."

migrate() {
  echo "entrypoint: applying database migrations (prisma migrate deploy)"
  # Never `npx prisma`: if the CLI were missing, npx would try to download it at start-up.
  ./node_modules/.bin/prisma migrate deploy
}

if [ "${1:-}" = "migrate" ]; then
  migrate
  exit 0
fi

case "${RUN_MIGRATIONS:-auto}" in
  auto | "")
    case "${ROLE:-all}" in
      worker) should_migrate=false ;;
      *) should_migrate=true ;;
    esac
    ;;
  true | 1 | yes) should_migrate=true ;;
  false | 0 | no) should_migrate=false ;;
  *)
    echo "entrypoint: RUN_MIGRATIONS must be auto, true or false (got '${RUN_MIGRATIONS}')" >&2
    exit 64
    ;;
esac

if [ "$should_migrate" = true ]; then
  migrate
fi

if [ "$#" -eq 0 ]; then
  set -- node dist/src/main.js
fi
# exec: the app becomes the container's main process and receives SIGTERM directly
# (run with --init / compose `init: true` so a tiny init reaps zombies and forwards signals).
exec "$@"
