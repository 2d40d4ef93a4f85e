-- Hands a database the app has so far used as another role (a superuser, such as the `stratum`
-- user of an earlier docker-compose.yml) over to the app's own role: the platform schema, every
-- tenant schema and the stratum_cluster schema, with everything in them, now belong to it; it may
-- SET ROLE to (and drop) every existing tenant role; and tables it creates in a tenant schema
-- from now on reach that tenant's role, as for tenants it provisions itself.
--
-- Run it once per database, as a superuser, with the API, the worker and migrations stopped,
-- after app-role.sql has created the role (on every server of DATABASE_CLUSTERS too):
--
--   psql "postgres://postgres@db.example.com/stratum" -v ON_ERROR_STOP=1 \
--     -v app_role=stratum_app -f deploy/postgres/adopt.sql
--
-- It may run again (it changes nothing the second time).

SELECT set_config('stratum.app_role', :'app_role', false);

DO $adopt$
DECLARE
  app text := current_setting('stratum.app_role');
  s record;
  o record;
BEGIN
  FOR s IN
    SELECT n.oid, n.nspname FROM pg_namespace n
     WHERE n.nspname IN ('platform', 'stratum_cluster') OR n.nspname ~ '^t_[0-9a-f]{32}$'
  LOOP
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', s.nspname, app);
    -- Tables, views and sequences; indexes, and sequences that belong to a column, follow their table.
    FOR o IN
      SELECT c.relname FROM pg_class c
       WHERE c.relnamespace = s.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
         AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                            AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i'))
    LOOP
      EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', s.nspname, o.relname, app);
    END LOOP;
    FOR o IN SELECT p.oid::regprocedure AS routine FROM pg_proc p WHERE p.pronamespace = s.oid LOOP
      EXECUTE format('ALTER ROUTINE %s OWNER TO %I', o.routine, app);
    END LOOP;
    IF s.nspname ~ '^t_' AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = s.nspname) THEN
      EXECUTE format('GRANT %I TO %I WITH ADMIN OPTION', s.nspname, app);
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                     app, s.nspname, s.nspname);
      EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I',
                     app, s.nspname, s.nspname);
    END IF;
  END LOOP;
END
$adopt$;
