package dev.tenshot.service.access;

/** A token just created or rotated, with its secret: the only time the secret is shown. */
record CreatedAccessTokenResponse(AccessTokenResponse token, String secret) {}
