package io.skybridge.shared.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names built from ids (node names, GCE resource names, taint values) that must fit a provider's limit. A name that
 * fits is kept as it is; a longer one keeps its beginning and ends in a hash of the whole, so two long names that
 * share a prefix never become the same name, and the same input always gives the same name (a resumed saga finds
 * what it created).
 */
public final class Names {
    /** A DNS label (RFC 1123), a GCE resource name, a Kubernetes label value: at most 63 characters. */
    public static final int LABEL = 63;
    private static final int HASH = 8;

    private Names() {
    }

    /** {@code name} if it has at most {@code max} characters, else its first characters, '-' and 8 hex of its SHA-256. */
    public static String fit(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        String head = name.substring(0, max - HASH - 1).replaceAll("[-_.]+$", "");
        return head + "-" + hash(name);
    }

    public static String fit(String name) {
        return fit(name, LABEL);
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
