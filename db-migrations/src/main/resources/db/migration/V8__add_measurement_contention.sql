-- Whether other processes shared the machine while a measurement ran, as its agent saw it. All null for rows stored
-- before (and for runners that cannot tell): unknown. contended = true keeps a measurement out of the predictor.
alter table measurements add column contention_checked boolean;
alter table measurements add column contended boolean;
-- share of all cores' time other processes used during the kept attempt, in [0, 1]
alter table measurements add column other_cpu_share double precision;
-- attempts the agent made for the measurement (it re-measures contended ones)
alter table measurements add column attempts integer;
-- the agent's drift probe during the kept attempt over its fastest quiet time (above 1: the machine got slower)
alter table measurements add column drift_ratio double precision;
-- the timed calls' interquartile range over their median, and slowest over fastest
alter table measurements add column relative_iqr double precision;
alter table measurements add column max_min_ratio double precision;
