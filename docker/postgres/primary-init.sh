#!/bin/sh
# Run once by the postgres image when it makes the primary's database (docker-entrypoint-initdb.d).
# The standby copies the primary over a replication connection of the ledger's account;
# commits wait until the standby has applied them (remote_apply), so that a failover loses
# no command the ledger has acknowledged. Set with ALTER SYSTEM, in effect from the
# primary's first real start: set earlier, this script's own statements would wait for a
# standby that does not exist yet.
set -eu
echo "host replication $POSTGRES_USER all scram-sha-256" >> "$PGDATA/pg_hba.conf"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
ALTER SYSTEM SET synchronous_standby_names = '*';
ALTER SYSTEM SET synchronous_commit = 'remote_apply';
SQL
