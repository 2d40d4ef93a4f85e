#!/bin/sh
# Run by the postgres image once, when it initialises an empty data volume (files in
# /docker-entrypoint-initdb.d): creates the app's login role, which is not a superuser, with
# deploy/postgres/app-role.sql (mounted at /stratum/app-role.sql) in POSTGRES_DB.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v app_role="$STRATUM_DB_USER" -v app_password="$STRATUM_DB_PASSWORD" -v app_database="$POSTGRES_DB" \
  -f /stratum/app-role.sql
