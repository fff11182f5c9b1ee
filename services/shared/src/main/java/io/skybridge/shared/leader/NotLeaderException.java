package io.skybridge.shared.leader;

/** A write of a deposed leader (or of a replica that never led), refused inside its transaction. */
public class NotLeaderException extends IllegalStateException {
    public NotLeaderException(String lease, long term, long current, String holder) {
        super("lease " + lease + ": write under term " + term + " refused, the current term is " + current
                + (holder == null ? "" : " (held by " + holder + ")"));
    }

    public NotLeaderException(String lease) {
        super("lease " + lease + ": this replica does not lead");
    }
}
