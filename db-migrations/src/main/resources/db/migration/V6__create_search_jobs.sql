-- Pareto search jobs. A job is leased by one service replica at a time (lease owner and expiry, taken with
-- FOR UPDATE SKIP LOCKED); a replica that dies leaves an expired lease and another reruns the job from its seed.
create table search_jobs (
    id                 uuid         primary key,
    -- the first target device; the request lists them all
    device_id          uuid         not null references devices (id),
    space              varchar(64)  not null,
    state              varchar(16)  not null,
    request            ${json_type} not null,
    seed               bigint       not null,
    population         integer      not null,
    generations        integer      not null,
    generation         integer      not null default 0,
    evaluations        bigint       not null default 0,
    front_size         integer      not null default 0,
    hypervolume        double precision,
    meta_model_version bigint,
    attempts           integer      not null default 0,
    -- measurement tasks of the front's top configs not yet measured; the job is VERIFYING until they are
    verification_tasks ${json_type},
    lease_owner        varchar(64),
    lease_expires_at   timestamp with time zone,
    error              varchar(2000),
    created_at         timestamp with time zone not null,
    started_at         timestamp with time zone,
    finished_at        timestamp with time zone
);

create index search_jobs_state_idx on search_jobs (state, created_at);

-- Progress per generation, for the live view and for Grafana's progress-over-time panel.
create table search_progress (
    job_id       uuid             not null references search_jobs (id),
    generation   integer          not null,
    evaluations  bigint           not null,
    front_size   integer          not null,
    hypervolume  double precision not null,
    recorded_at  timestamp with time zone not null,
    primary key (job_id, generation)
);

-- The Pareto front of a finished job, one row per point and target device (the point's predicted latency on that
-- device): what Grafana plots, latency vs quality coloured by device.
create table front_points (
    job_id              uuid             not null references search_jobs (id),
    point               integer          not null,
    device_id           uuid             not null references devices (id),
    config              ${json_type}     not null,
    config_hash         varchar(64)      not null,
    kept_blocks         integer          not null,
    latency_ms          double precision not null,
    latency_lower_ms    double precision,
    latency_upper_ms    double precision,
    quality             double precision not null,
    parameters          bigint           not null,
    feasible            boolean          not null,
    violation           double precision not null,
    measured_latency_ms double precision,
    primary key (job_id, point, device_id)
);
