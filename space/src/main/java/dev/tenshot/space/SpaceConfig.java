package dev.tenshot.space;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A valid config of some space, in canonical form: two configs that mean the same thing are equal. */
public interface SpaceConfig {

    /** The canonical JSON form: fields in a fixed order, irrelevant choices normalised away. */
    JsonNode toJson();

    /** Hex SHA-256 of the canonical JSON text; stable across releases for an unchanged space. */
    default String contentHash() {
        return CanonicalJson.sha256(toJson());
    }

    /** Canonical JSON text and its hash. */
    final class CanonicalJson {
        private static final JsonMapper MAPPER = JsonMapper.builder().build();

        private CanonicalJson() {}

        static String sha256(JsonNode json) {
            return sha256(MAPPER.writeValueAsString(json));
        }

        /**
         * Hex SHA-256 of canonical JSON text a config wrote itself: exactly the text {@link #toJson()}'s tree would be
         * written as, compact, fields in its order.
         */
        public static String sha256(String canonicalJson) {
            try {
                byte[] text = canonicalJson.getBytes(StandardCharsets.UTF_8);
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(text));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK ships SHA-256", e);
            }
        }
    }
}
