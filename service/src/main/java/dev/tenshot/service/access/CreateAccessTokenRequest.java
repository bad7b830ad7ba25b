package dev.tenshot.service.access;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** @param name what the token is for, e.g. {@code prometheus} or {@code lab enrolment} */
record CreateAccessTokenRequest(
        @NotBlank @Size(max = 200) String name, @NotNull TokenScope scope) {}
