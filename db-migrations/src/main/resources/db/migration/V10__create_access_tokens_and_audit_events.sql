-- Scoped tokens beside the bootstrap admin token and the devices' agent tokens. Only the SHA-256 of a token is
-- stored; the token itself is shown once, when it is created or rotated.
create table access_tokens (
    id          uuid         primary key,
    name        varchar(200) not null,
    scope       varchar(16)  not null check (scope in ('ADMIN', 'ENROL', 'READ')),
    token_hash  varchar(64)  not null unique,
    created_at  timestamp with time zone not null,
    -- set when revoked, or when replaced by a rotation; a revoked token is refused
    revoked_at  timestamp with time zone
);

-- Who did what: one row per change made through the API. The actor is named by token id, name and scope, never
-- by its secret; the bootstrap admin token has no id.
create sequence audit_events_id_seq start with 1 increment by 50;

create table audit_events (
    id             bigint       primary key,
    occurred_at    timestamp with time zone not null,
    actor_token_id uuid,
    actor_name     varchar(200) not null,
    actor_scope    varchar(16)  not null,
    action         varchar(32)  not null,
    target_id      varchar(200) not null
);

create index audit_events_occurred_idx on audit_events (occurred_at, id);
