package io.skybridge.networking.cloud;

/** A cloud API call failed; {@link #retryable()} tells the saga whether trying again may help. */
public class CloudCallException extends RuntimeException {
    private final String cloud;
    private final FailureKind kind;

    public enum FailureKind {
        /** Bad parameters: retrying cannot help. */
        INVALID_REQUEST,
        /** Limits: retry later. */
        THROTTLED,
        /** 5xx, timeouts, unreachable: the provider is unavailable. */
        PROVIDER_UNAVAILABLE,
        /** Anything else the provider refused. */
        CONFLICT
    }

    public CloudCallException(String cloud, FailureKind kind, String message, Throwable cause) {
        super(cloud + ": " + message, cause);
        this.cloud = cloud;
        this.kind = kind;
    }

    public String cloud() {
        return cloud;
    }

    public FailureKind kind() {
        return kind;
    }

    public boolean retryable() {
        return kind == FailureKind.THROTTLED || kind == FailureKind.PROVIDER_UNAVAILABLE;
    }
}
