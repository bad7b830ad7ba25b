package dev.tenshot.service.access;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The changes the audit records. */
public enum AuditAction {
    @JsonProperty("register-device")
    REGISTER_DEVICE,
    @JsonProperty("delete-device")
    DELETE_DEVICE,
    @JsonProperty("submit-search")
    SUBMIT_SEARCH,
    @JsonProperty("cancel-search")
    CANCEL_SEARCH,
    @JsonProperty("retrain-meta-model")
    RETRAIN_META_MODEL,
    @JsonProperty("create-token")
    CREATE_TOKEN,
    @JsonProperty("revoke-token")
    REVOKE_TOKEN,
    @JsonProperty("rotate-token")
    ROTATE_TOKEN
}
