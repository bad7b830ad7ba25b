-- Work for device agents. An agent leases tasks (a random lease token and an expiry); heartbeats extend the
-- lease; an expired lease may be leased again; a result is accepted only with the current, unexpired lease token
-- and stored as the measurement with client id 'task-<id>', so a task yields at most one measurement.
create sequence measurement_tasks_id_seq start with 1 increment by 50;

create table measurement_tasks (
    id                 bigint       primary key,
    device_id          uuid         not null references devices (id),
    space              varchar(64)  not null,
    config             ${json_type} not null,
    config_hash        varchar(64)  not null,
    purpose            varchar(16)  not null,
    reference_position integer,
    state              varchar(16)  not null,
    lease_token        uuid,
    lease_expires_at   timestamp with time zone,
    attempts           integer      not null default 0,
    last_error         varchar(2000),
    measurement_id     bigint       references measurements (id),
    created_at         timestamp with time zone not null,
    completed_at       timestamp with time zone,
    constraint measurement_tasks_reference_key unique (device_id, reference_position)
);

create index measurement_tasks_leasable_idx on measurement_tasks (device_id, state, id);
