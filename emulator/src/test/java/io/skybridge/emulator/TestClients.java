package io.skybridge.emulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real provider clients pointed at an emulator. */
public final class TestClients {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestClients() {
    }

    /** An EC2 client that does not retry. */
    public static Ec2Client ec2(Emulator emu) {
        return ec2(emu, 1, null);
    }

    /**
     * @param maxAttempts total attempts (1 = no retry), with a fixed 20 ms back-off
     * @param clientName  sent as {@code X-Skybridge-Client}, or null
     */
    public static Ec2Client ec2(Emulator emu, int maxAttempts, String clientName) {
        ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(20))
            .retryStrategy(maxAttempts <= 1 ? AwsRetryStrategy.doNotRetry()
                : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts)
                    .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(20)))
                    .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(20)))
                    .circuitBreakerEnabled(false).build());
        if (clientName != null) {
            o.putHeader("X-Skybridge-Client", clientName);
        }
        return Ec2Client.builder()
            .endpointOverride(emu.awsEndpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(10)).build())
            .overrideConfiguration(o.build())
            .build();
    }

    /** A plain HTTP call: status and body. */
    public record Reply(int status, String body) {
    }

    public static Reply http(String method, String url, String contentType, String body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
