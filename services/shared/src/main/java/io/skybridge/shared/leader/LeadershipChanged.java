package io.skybridge.shared.leader;

/**
 * CDI event: this replica started ({@code leading}, with its fencing {@code term}) or stopped leading its
 * service's singleton loops. Observers start or stop what only the leader runs (informers, a LISTEN).
 */
public record LeadershipChanged(boolean leading, long term) {
}
