-- What Grafana may read: views in their own schema, never a token hash. The compose stack's reader role is granted
-- SELECT on this schema only, with its search_path set to it, so the dashboards' SQL names these views as if they
-- were the tables (deploy/postgres/init creates the role; deploy/postgres/create-grafana-reader.sql on an existing
-- volume). The schema is created here too, so that the migrations are the same everywhere (H2 included).
create schema if not exists grafana;

create view grafana.devices as
select id, name, kind, chipset, runtime, precision, simulated, space, status, measurement_count, registered_at,
       last_seen_at
from public.devices;

create view grafana.search_jobs as select * from public.search_jobs;
create view grafana.search_progress as select * from public.search_progress;
create view grafana.front_points as select * from public.front_points;
create view grafana.search_verifications as select * from public.search_verifications;
