package dev.tenshot.service.access;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What an access token allows. Agent tokens are not among them: each belongs to its device. */
public enum TokenScope {
    /** Everything, as the bootstrap admin token. */
    @JsonProperty("admin")
    ADMIN,
    /** Registering devices only, and so receiving each new device's agent token. */
    @JsonProperty("enrol")
    ENROL,
    /** Reading everything, changing nothing. */
    @JsonProperty("read")
    READ
}
