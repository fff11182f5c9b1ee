package io.skybridge.shared.cloud;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.GoogleCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.longrunning.OperationTimedPollAlgorithm;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.FixedHeaderProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How every service builds its cloud clients: the real SDKs with the providers' default credential
 * chains, pointed at another endpoint only when configured (the emulator), and naming the calling
 * service in {@code X-Skybridge-Client} (the emulator can cut off one observer with it). Retries and
 * timeouts stay each caller's choice.
 */
public final class CloudClients {
    public static final String CLIENT_HEADER = "X-Skybridge-Client";
    public static final String COMPUTE_SCOPE = "https://www.googleapis.com/auth/compute";
    public static final String COMPUTE_READONLY_SCOPE = "https://www.googleapis.com/auth/compute.readonly";

    private CloudClients() {
    }

    /**
     * Compute Engine client settings: {@code credentials} {@code none} sends no Authorization header
     * (the emulator), anything else uses Application Default Credentials with {@code scope}.
     */
    public static <B extends ClientSettings.Builder<?, ?>> B gce(B builder, Optional<String> endpoint, String credentials,
                                                                  String scope, String clientName) {
        CredentialsProvider provider = "none".equals(credentials)
                ? NoCredentialsProvider.create()
                : GoogleCredentialsProvider.newBuilder().setScopesToApply(List.of(scope)).build();
        builder.setCredentialsProvider(provider);
        builder.setHeaderProvider(FixedHeaderProvider.create(CLIENT_HEADER, clientName));
        endpoint.ifPresent(builder::setEndpoint);
        return builder;
    }

    /**
     * Retry settings for unary Compute Engine calls: {@code attempts} tries with exponential backoff
     * from {@code firstDelay} up to {@code maxDelay}, all within {@code total} (the library's default
     * retries a 503 for 600 s, which hides a dark cloud).
     */
    public static RetrySettings gceUnaryRetry(Duration total, Duration firstDelay, Duration maxDelay, int attempts) {
        return RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(firstDelay)
                .setRetryDelayMultiplier(2.0)
                .setMaxRetryDelayDuration(maxDelay)
                .setInitialRpcTimeoutDuration(total)
                .setMaxRpcTimeoutDuration(total)
                .setRpcTimeoutMultiplier(1.0)
                .setTotalTimeoutDuration(total)
                .setMaxAttempts(attempts)
                .build();
    }

    /** Long-running operation polling: from {@code firstPoll} growing to 500 ms, until {@code total}. */
    public static OperationTimedPollAlgorithm gcePolling(Duration firstPoll, Duration callTimeout, Duration total) {
        return OperationTimedPollAlgorithm.create(RetrySettings.newBuilder()
                .setInitialRetryDelayDuration(firstPoll)
                .setRetryDelayMultiplier(1.5)
                .setMaxRetryDelayDuration(Duration.ofMillis(500))
                .setInitialRpcTimeoutDuration(callTimeout)
                .setRpcTimeoutMultiplier(1.0)
                .setMaxRpcTimeoutDuration(callTimeout)
                .setTotalTimeoutDuration(total)
                .build());
    }

    /**
     * An EC2 client: default credential chain, URL-connection HTTP client with the given timeouts, the
     * caller's override configuration (retries, call timeout) plus the client header.
     */
    public static Ec2Client ec2(String region, Optional<URI> endpoint, String clientName, Duration connectTimeout,
                                Duration socketTimeout, Consumer<ClientOverrideConfiguration.Builder> override) {
        var builder = Ec2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connectTimeout).socketTimeout(socketTimeout).build())
                .overrideConfiguration(o -> {
                    override.accept(o);
                    o.putHeader(CLIENT_HEADER, clientName);
                });
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
