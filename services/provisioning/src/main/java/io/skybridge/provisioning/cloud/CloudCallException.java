package io.skybridge.provisioning.cloud;

import io.skybridge.provisioning.domain.FailureReason;

/** A cloud call failed for a typed {@link FailureReason}. Messages never carry user data or tokens. */
public class CloudCallException extends RuntimeException {
    private final String cloud;
    private final FailureReason reason;

    public CloudCallException(String cloud, FailureReason reason, String message, Throwable cause) {
        super(cloud + ": " + message, cause);
        this.cloud = cloud;
        this.reason = reason;
    }

    public String cloud() {
        return cloud;
    }

    public FailureReason reason() {
        return reason;
    }
}
