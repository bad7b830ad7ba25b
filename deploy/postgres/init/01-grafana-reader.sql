-- A read-only role for Grafana dashboards. PostgreSQL runs this once, when the data volume is
-- first initialised, as the tenshot user connected to the tenshot database.
CREATE ROLE grafana_reader WITH LOGIN PASSWORD 'grafana_reader';

GRANT CONNECT ON DATABASE tenshot TO grafana_reader;
GRANT USAGE ON SCHEMA public TO grafana_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO grafana_reader;

-- Flyway creates the tables later, as tenshot, so grant on future tables too.
ALTER DEFAULT PRIVILEGES FOR ROLE tenshot IN SCHEMA public GRANT SELECT ON TABLES TO grafana_reader;
