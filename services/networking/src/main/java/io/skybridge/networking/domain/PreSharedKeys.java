package io.skybridge.networking.domain;

import java.security.SecureRandom;

/** Pre-shared keys both clouds accept: 32 characters of letters, digits, '.' and '_', not starting with 0. */
public final class PreSharedKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String REST = FIRST + "0123456789._";

    private PreSharedKeys() {
    }

    public static String generate() {
        StringBuilder sb = new StringBuilder(32);
        sb.append(FIRST.charAt(RANDOM.nextInt(FIRST.length())));
        for (int i = 1; i < 32; i++) {
            sb.append(REST.charAt(RANDOM.nextInt(REST.length())));
        }
        return sb.toString();
    }
}
