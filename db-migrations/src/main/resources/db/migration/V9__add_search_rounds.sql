-- Verification rounds of search jobs. A job with verifyTopK searches, has the top of its front measured on its
-- devices (state VERIFYING), refits the devices' predictors and searches again, round after round, until a round's
-- measurements agree with its predictions and meet the budget (verdict CONVERGED), or max_rounds is reached
-- (ROUND_LIMIT), or no verified config meets the budget (BUDGET_UNMET).
alter table search_jobs add column round integer not null default 0;
alter table search_jobs add column max_rounds integer not null default 1;
alter table search_jobs add column verdict varchar(16);
-- the request's latency budget, here for Grafana (null: none)
alter table search_jobs add column latency_budget_ms double precision;
update search_jobs set round = 1 where state <> 'QUEUED';

-- Verification is now a row per task (below), not a list on the job that every ended task rewrote: two results
-- landing at once each removed their task from the same stale list, and the job waited forever. Jobs waiting on
-- such a list are done: their measurements still land beside their fronts.
update search_jobs set state = 'DONE' where state = 'VERIFYING';
alter table search_jobs drop column verification_tasks;

-- front_points holds a job's latest front; round says which round's search produced it.
alter table front_points add column round integer not null default 1;
-- the latency the budget was checked against on this device: the measured median where the device had measured
-- the config before the round, else the predictor's one-sided upper bound at the job's confidence
alter table front_points add column latency_bound_ms double precision;

-- Progress of the job's current round.
alter table search_progress add column round integer not null default 1;

-- One row per verification task: a config of a round's front queued on a device, with the prediction it checks.
-- A task's end (measured, or given up) updates its own row only; a round is over when none of its rows is open.
create table search_verifications (
    task_id             bigint           primary key references measurement_tasks (id),
    job_id              uuid             not null references search_jobs (id),
    round               integer          not null,
    device_id           uuid             not null references devices (id),
    config_hash         varchar(64)      not null,
    -- the round's predicted latency on the device with its 80% interval, and the constraint latency
    latency_ms          double precision not null,
    latency_lower_ms    double precision,
    latency_upper_ms    double precision,
    latency_bound_ms    double precision not null,
    -- whether the round's search reported the config as meeting every constraint
    feasible            boolean          not null,
    -- the task's measurement; null while open, or after the task was given up
    measured_latency_ms double precision,
    ended_at            timestamp with time zone
);

create index search_verifications_round_idx on search_verifications (job_id, round);
