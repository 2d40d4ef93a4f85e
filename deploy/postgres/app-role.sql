-- The PostgreSQL role the API, the worker and the migrations connect as, with the least it needs:
-- LOGIN, CREATEROLE (each tenant gets a NOLOGIN role of its own) and CREATE on the app's database
-- (the platform schema and each tenant's schema); no superuser, no CREATEDB, no replication, no
-- BYPASSRLS. It owns every schema and table it creates, and grants itself each tenant role it
-- creates, so it may SET ROLE to it (and drop it when the tenant is purged).
--
-- Run it once per PostgreSQL server (once on DATABASE_URL's, once on each DATABASE_CLUSTERS
-- server), as a superuser, connected to the app's database, which exists already and is not
-- owned by the app role:
--
--   psql "postgres://postgres@db.example.com/stratum" -v ON_ERROR_STOP=1 \
--     -v app_role=stratum_app -v app_password="$STRATUM_DB_PASSWORD" -v app_database=stratum \
--     -f deploy/postgres/app-role.sql
--
-- then set DATABASE_URL=postgres://stratum_app:<password>@db.example.com/stratum.

CREATE ROLE :"app_role" LOGIN CREATEROLE NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';

-- Only the app role (and superusers) connect; no other role creates temporary tables here.
REVOKE ALL ON DATABASE :"app_database" FROM PUBLIC;
GRANT CONNECT, CREATE ON DATABASE :"app_database" TO :"app_role";

-- PostgreSQL 14 and older let every role create objects in the public schema; 15 and later refuse it already.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
