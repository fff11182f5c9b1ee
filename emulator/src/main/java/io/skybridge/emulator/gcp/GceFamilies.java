package io.skybridge.emulator.gcp;

import io.skybridge.emulator.world.World;

import java.util.List;

/** The Compute Engine families of one emulator, wired to each other. */
final class GceFamilies {
    final GceOperations operations;
    final GcePaging paging;
    final GceScopes scopes;
    final GceReferences refs;
    final GceInstances instances;
    final GceNetworks networks;
    final GceVpn vpn;
    final GceRouterStatus routerStatus;
    final GceCollections collections;

    GceFamilies(World world) {
        operations = new GceOperations(world);
        paging = new GcePaging(world);
        scopes = new GceScopes(world);
        refs = new GceReferences(world);
        instances = new GceInstances(world);
        networks = new GceNetworks(world);
        vpn = new GceVpn(world);
        routerStatus = new GceRouterStatus(world);
        collections = new GceCollections(world);
        for (GceFamily family : List.of(operations, paging, scopes, refs, instances, networks, vpn, routerStatus, collections)) {
            family.families = this;
        }
    }
}
