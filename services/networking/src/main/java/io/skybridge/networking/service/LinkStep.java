package io.skybridge.networking.service;

import io.skybridge.networking.repository.LinkStore.LinkSnapshot;

/**
 * One named, repeatable step of building a link. {@code run} makes blocking cloud calls, records
 * every resource it creates through {@link StepRecorder} as soon as it exists, and updates the
 * snapshot's link/tunnels in memory; the saga persists them once the step returns.
 */
public interface LinkStep {

    String name();

    void run(LinkSnapshot link, StepRecorder recorder);

    /** Records a created resource right away (so a crash mid-step still leaves it known for cleanup). */
    interface StepRecorder {
        void created(String cloud, String kind, String providerId, String region);
    }

    static LinkStep of(String name, java.util.function.BiConsumer<LinkSnapshot, StepRecorder> body) {
        return new LinkStep() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(LinkSnapshot link, StepRecorder recorder) {
                body.accept(link, recorder);
            }
        };
    }
}
