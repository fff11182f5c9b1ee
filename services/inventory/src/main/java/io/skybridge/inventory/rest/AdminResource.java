package io.skybridge.inventory.rest;

import io.skybridge.inventory.service.ModelRebuild;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operations on the read model. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    ModelRebuild rebuild;

    /** Empties the model and rebuilds it from the events topics and the cluster (blocking; returns when done). */
    @POST
    @Path("/rebuild")
    @Blocking
    public ModelRebuild.Result rebuild() {
        return rebuild.rebuild();
    }
}
