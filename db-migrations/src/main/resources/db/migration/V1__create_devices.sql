-- Devices that latency is measured on. The JSON column type is a placeholder set by the service per database.
create table devices (
    id                uuid         primary key,
    name              varchar(200) not null,
    kind              varchar(8)   not null check (kind in ('NPU', 'GPU', 'CPU')),
    chipset           varchar(200) not null,
    runtime           varchar(200) not null,
    precision         varchar(32)  not null,
    attributes        ${json_type} not null,
    simulated         boolean      not null,
    status            varchar(16)  not null,
    -- SHA-256 of the agent token; the token itself is shown once, at registration, and never stored
    agent_token_hash  varchar(64)  not null unique,
    measurement_count bigint       not null default 0,
    registered_at     timestamp with time zone not null,
    last_seen_at      timestamp with time zone
);
