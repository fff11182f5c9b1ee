package io.skybridge.inventory.cloud;

import java.util.List;

/**
 * The live VMs of a cloud, or the reason they could not be listed (then nothing is concluded about it).
 * {@code regions}: the regions that were listed, null = all of them.
 */
public record VmListing(String cloud, List<String> regions, List<Vm> vms, String failure) {

    public boolean ok() {
        return failure == null;
    }

    public boolean covers(String region) {
        return regions == null || regions.contains(region);
    }
}
