-- A front point's breakdown and peak memory on its device: the fixed stages (text encoder, decoders,
-- super-resolution, the rest) as the device measured them, its predicted latency minus them being the denoiser's;
-- the peak memory bound a peak memory budget is checked against, and the median peak measured once verified. Null
-- where the device's agent reports end to end only, or no peak memory.
alter table front_points add column fixed_stages_ms double precision;
alter table front_points add column peak_memory_bytes bigint;
alter table front_points add column measured_peak_memory_bytes bigint;

-- The view was expanded when it was created: created again, it shows the new columns.
drop view grafana.front_points;
create view grafana.front_points as select * from public.front_points;
