-- Measured latencies with their provenance. One row per (device, client id): an agent that re-posts a batch
-- after a lost response stores nothing twice.
create sequence measurements_id_seq start with 1 increment by 1000;

create table measurements (
    id                  bigint        primary key,
    device_id           uuid          not null references devices (id),
    client_id           varchar(128)  not null,
    space               varchar(64)   not null,
    config              ${json_type}  not null,
    config_hash         varchar(64)   not null,
    end_to_end_ms       double precision not null,
    text_encoder_ms     double precision,
    denoiser_calls_ms   ${json_type},
    vae_decoder_ms      double precision,
    super_resolution_ms double precision,
    peak_memory_bytes   bigint,
    warmup_count        integer       not null,
    repeat_count        integer       not null,
    statistic           varchar(16)   not null,
    dispersion_ms       double precision,
    runtime_version     varchar(200),
    agent_version       varchar(200),
    threads             integer,
    precision           varchar(32),
    measured_at         timestamp with time zone not null,
    received_at         timestamp with time zone not null,
    constraint measurements_device_client_id_key unique (device_id, client_id)
);

create index measurements_device_space_idx on measurements (device_id, space, id);
create index measurements_device_config_idx on measurements (device_id, config_hash);
