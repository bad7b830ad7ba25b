-- The fleet dashboard's failing tasks: measurement tasks for Grafana, without the lease token (an agent's proof that
-- it holds the task).
create view grafana.measurement_tasks as
select id, device_id, space, config_hash, purpose, reference_position, state, lease_expires_at, attempts, last_error,
       measurement_id, created_at, completed_at
from public.measurement_tasks;
