package io.skybridge.failover.cloud;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginalPlacementTest {

    private static PodTemplateSpec pinnedTo(String cloud) {
        return new PodTemplateSpecBuilder().withNewSpec().withNodeSelector(Map.of("skybridge.io/cloud", cloud, "disk", "ssd"))
                .endSpec().build();
    }

    @Test
    void shouldRestoreThePlacementRecordedBeforeTheFirstMoveOnly() {
        ObjectMeta meta = new ObjectMeta();
        PodTemplateSpec template = pinnedTo("aws");
        OriginalPlacement.remember(meta, template, "aws");
        // the move rewrites the template; a repeated move must not record the rewritten placement
        template.getSpec().setNodeSelector(Map.of("disk", "ssd"));
        OriginalPlacement.remember(meta, template, "aws");
        assertEquals("aws", meta.getAnnotations().get(OriginalPlacement.AVOIDS));

        assertTrue(OriginalPlacement.restore(meta, template));
        assertEquals(Map.of("skybridge.io/cloud", "aws", "disk", "ssd"), template.getSpec().getNodeSelector());
        assertNull(template.getSpec().getAffinity());
        assertFalse(meta.getAnnotations().containsKey(OriginalPlacement.ORIGINAL));
        assertFalse(meta.getAnnotations().containsKey(OriginalPlacement.AVOIDS));
    }

    @Test
    void shouldRestoreNothingForAWorkloadThatWasNeverMoved() {
        ObjectMeta meta = new ObjectMeta();
        PodTemplateSpec template = pinnedTo("gcp");
        assertFalse(OriginalPlacement.restore(meta, template));
        assertEquals("gcp", template.getSpec().getNodeSelector().get("skybridge.io/cloud"));
        assertTrue(meta.getAnnotations() == null || meta.getAnnotations().isEmpty(), "nothing recorded on the workload");
    }
}
