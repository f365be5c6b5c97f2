#!/bin/sh
# The streaming standby: at its first start a base backup of the primary (pg_basebackup -R
# writes the settings that make it follow the primary), then PostgreSQL as the image runs it.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h postgres -U ledger -d ledger -q; do sleep 1; done
  mkdir -p "$PGDATA" && chown postgres:postgres "$PGDATA" && chmod 700 "$PGDATA"
  PGPASSWORD="$(cat /run/secrets/db_password)" gosu postgres pg_basebackup -h postgres -U ledger -D "$PGDATA" -R -X stream
fi
exec docker-entrypoint.sh postgres
