-- The fleet dashboard's per-stage latencies: measurements for Grafana (nothing secret in them: the same columns
-- the measurements API answers).
create view grafana.measurements as select * from public.measurements;
