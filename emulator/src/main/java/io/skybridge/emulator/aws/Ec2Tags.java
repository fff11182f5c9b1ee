package io.skybridge.emulator.aws;

import io.skybridge.emulator.world.World;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateTags and DeleteTags on any taggable resource. */
final class Ec2Tags extends Ec2Family {
    Ec2Tags(World world) {
        super(world);
    }

    @Override
    void register(Map<String, Ec2Action> actions) {
        actions.put("CreateTags", (s, p, region, x) -> createTags(s, p, region, x, false));
        actions.put("DeleteTags", (s, p, region, x) -> createTags(s, p, region, x, true));
    }

    private void createTags(AwsState s, Params p, String region, Xml x, boolean delete) {
        List<String> ids = p.list("ResourceId");
        if (ids.isEmpty()) {
            throw Ec2Exception.missing("ResourceId");
        }
        List<Params> tagStructs = p.structs("Tag");
        if (!delete && tagStructs.isEmpty()) {
            throw Ec2Exception.missing("Tag");
        }
        List<Map<String, String>> targets = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> tags = s.tagsOf(id);
            if (tags == null) {
                if (id.startsWith("i-")) {
                    throw Ec2Exception.badRequest("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
                }
                throw Ec2Exception.badRequest("InvalidID", "The ID '" + id + "' is not valid");
            }
            targets.add(tags);
        }
        if (delete) {
            for (Map<String, String> tags : targets) {
                if (tagStructs.isEmpty()) {
                    tags.clear();
                }
                for (Params t : tagStructs) {
                    String k = t.required("Key");
                    String v = t.raw().get("Value");
                    if (v == null || v.equals(tags.get(k))) {
                        tags.remove(k);
                    }
                }
            }
        } else {
            Map<String, String> add = tagList(tagStructs);
            for (Map<String, String> tags : targets) {
                Map<String, String> merged = new LinkedHashMap<>(tags);
                merged.putAll(add);
                if (merged.size() > 50) {
                    throw Ec2Exception.badRequest("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
                }
            }
            for (Map<String, String> tags : targets) {
                tags.putAll(add);
            }
        }
        world.events().record("aws", region, delete ? "tags.deleted" : "tags.created", String.join(",", ids));
        x.el("return", true);
    }
}
