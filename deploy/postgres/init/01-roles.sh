#!/usr/bin/env bash
# Runs once, when the PostgreSQL data volume is first initialised, as the superuser. Creates the roles the stack
# uses; for an existing volume, run roles.sql.in the same way (see deploy/postgres/README.md).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
    -v app_password="$TENSHOT_DB_PASSWORD" -v reader_password="$GRAFANA_DB_PASSWORD" \
    -f /docker-entrypoint-initdb.d/roles.sql.in
