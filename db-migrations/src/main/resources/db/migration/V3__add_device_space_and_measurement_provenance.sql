-- A device is calibrated in one search space: its ten reference measurements there form its hardware embedding.
alter table devices add column space varchar(64) not null default 'mmdit-pruning';

-- Every measurement says whether it came from a simulated device, and what its runner did (workload scale,
-- execution provider, simulated device id, command template).
alter table measurements add column simulated boolean not null default false;
alter table measurements add column runner_settings ${json_type};
