package io.skybridge.cli;

/** Exit codes of every command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The intent was rejected, a step failed, a service is down. */
    public static final int FAILED = 1;
    /** Bad input (schema violation, unknown intent, bad --set): nothing was sent. */
    public static final int INVALID = 2;
    /** Waited for the outcome and none came in time. */
    public static final int TIMEOUT = 3;

    private ExitCodes() {
    }
}
