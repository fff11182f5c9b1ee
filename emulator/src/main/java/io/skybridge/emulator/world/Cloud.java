package io.skybridge.emulator.world;

import java.util.Locale;

/** The two emulated providers. */
public enum Cloud {
    AWS, GCP;

    public static Cloud parse(String s) {
        if (s == null) {
            throw new IllegalArgumentException("cloud is required (aws or gcp)");
        }
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "aws":
            case "ec2":
                return AWS;
            case "gcp":
            case "gce":
            case "google":
                return GCP;
            default:
                throw new IllegalArgumentException("unknown cloud '" + s + "' (aws or gcp)");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
