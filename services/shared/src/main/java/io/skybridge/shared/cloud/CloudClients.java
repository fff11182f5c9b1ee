package io.skybridge.shared.cloud;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedExecutorProvider;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;

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

    /** Threads of the one executor every Compute Engine client of this process shares (calls in flight at once). */
    public static final String GCP_CLIENT_THREADS = "skybridge.cloud.gcp-client-threads";
    private static volatile ScheduledExecutorService gcpExecutor;

    private CloudClients() {
    }

    /**
     * The executor the Compute Engine clients of this process share. Each client would otherwise make its own,
     * whose default core size is 50 threads per processor (ScheduledThreadPoolExecutor starts a new thread for each
     * task until the core size is reached, idle or not): a service with five clients ended up with 232 threads and
     * their stacks and malloc arenas. Bounded by {@value #GCP_CLIENT_THREADS} (default 16), daemon threads, never
     * closed by a client ({@link FixedExecutorProvider}).
     */
    static ScheduledExecutorService gcpExecutor() {
        ScheduledExecutorService e = gcpExecutor;
        if (e == null) {
            synchronized (CloudClients.class) {
                e = gcpExecutor;
                if (e == null) {
                    int threads = ConfigProvider.getConfig().getOptionalValue(GCP_CLIENT_THREADS, Integer.class).orElse(16);
                    AtomicInteger n = new AtomicInteger();
                    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(threads, r -> {
                        Thread t = new Thread(r, "gcp-client-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
                    pool.setRemoveOnCancelPolicy(true);
                    gcpExecutor = e = pool;
                }
            }
        }
        return e;
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
        FixedExecutorProvider shared = FixedExecutorProvider.create(gcpExecutor());
        builder.setBackgroundExecutorProvider(shared); // retries, operation polling, watchdog
        setTransportExecutor(builder, shared);
        setTracerFactory(builder);
        return builder;
    }

    /** Spans for the calls made inside a story's span ({@link CloudTracing}); each generated builder exposes its stub's. */
    private static void setTracerFactory(ClientSettings.Builder<?, ?> builder) {
        try {
            Object stub = builder.getClass().getMethod("getStubSettingsBuilder").invoke(builder);
            if (stub instanceof com.google.api.gax.rpc.StubSettings.Builder<?, ?> b) {
                b.setTracerFactory(CloudTracing.gcp());
            }
        } catch (ReflectiveOperationException e) {
            // a builder without a stub builder: its calls are not traced
        }
    }

    /** The executor the HTTP/JSON transport runs its calls on (still read from the deprecated setting by gax 2.74). */
    @SuppressWarnings("deprecation")
    private static void setTransportExecutor(ClientSettings.Builder<?, ?> builder, FixedExecutorProvider shared) {
        builder.setExecutorProvider(shared);
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
                    o.addExecutionInterceptor(CloudTracing.aws());
                });
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
