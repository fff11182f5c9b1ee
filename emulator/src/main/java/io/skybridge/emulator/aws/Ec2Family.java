package io.skybridge.emulator.aws;

import io.skybridge.emulator.aws.AwsState.CustomerGateway;
import io.skybridge.emulator.aws.AwsState.VpnGateway;
import io.skybridge.emulator.world.World;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every EC2 action family shares: the world it acts on, the clock, EC2's filters, paging tokens, tags and id
 * lookups, and the XML of resources several families render.
 */
abstract class Ec2Family {
    /** One EC2 action: reads its parameters, changes the state, writes the response body's elements. */
    @FunctionalInterface
    interface Ec2Action {
        void run(AwsState s, Params p, String region, Xml x);
    }

    final World world;

    Ec2Family(World world) {
        this.world = world;
    }

    /** Puts this family's actions into the dispatch table. */
    abstract void register(Map<String, Ec2Action> actions);

    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}([0-9a-f]{9})?");

    static final Pattern AMI_ID = Pattern.compile("ami-[0-9a-f]{8}([0-9a-f]{9})?");

    static final long TERMINATED_VISIBLE_MILLIS = 3_600_000;

    long now() {
        return world.clock().millis();
    }

    static String ts(long millis) {
        return TS.format(Instant.ofEpochMilli(millis));
    }

    static void renderTags(Map<String, String> tags, Xml x) {
        x.open("tagSet");
        for (Map.Entry<String, String> t : tags.entrySet()) {
            x.open("item").el("key", t.getKey()).el("value", t.getValue()).close("item");
        }
        x.close("tagSet");
    }

    static Map<String, String> tagList(List<Params> tagStructs) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params t : tagStructs) {
            String k = t.get("Key");
            if (k == null) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Tag keys must not be empty.");
            }
            if (k.length() > 128) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Tag key exceeds the maximum length of 128 characters.");
            }
            if (k.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Tag keys starting with 'aws:' are reserved for internal use");
            }
            String v = t.raw().getOrDefault("Value", "");
            if (v.length() > 256) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "Tag value exceeds the maximum length of 256 characters.");
            }
            tags.put(k, v);
        }
        if (tags.size() > 50) {
            throw Ec2Exception.badRequest("TagLimitExceeded", "The maximum number of Tags for a resource has been reached.");
        }
        return tags;
    }

    /** Applies {@code Filter.N.Name / Filter.N.Value.M}: AND across filters, OR across a filter's values, * and ? wildcards. */
    static <T> List<T> filter(List<T> items, Params p, Map<String, Function<T, List<String>>> known, Function<T, Map<String, String>> tags) {
        List<Params> filters = p.structs("Filter");
        if (filters.isEmpty()) {
            return items;
        }
        List<Function<T, Boolean>> preds = new ArrayList<>();
        for (Params f : filters) {
            String name = f.get("Name");
            if (name == null) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "The filter 'null' is invalid");
            }
            List<Pattern> values = new ArrayList<>();
            for (String v : f.list("Value")) {
                values.add(wildcard(v));
            }
            if (values.isEmpty()) {
                throw Ec2Exception.badRequest("InvalidParameterValue", "The filter '" + name + "' requires at least one value");
            }
            Function<T, List<String>> getter;
            if (name.startsWith("tag:") && tags != null) {
                String key = name.substring(4);
                getter = t -> {
                    String v = tags.apply(t).get(key);
                    return v == null ? List.of() : List.of(v);
                };
            } else {
                getter = known.get(name);
                if (getter == null) {
                    throw Ec2Exception.badRequest("InvalidParameterValue", "The filter '" + name + "' is invalid");
                }
            }
            Function<T, List<String>> g = getter;
            preds.add(t -> {
                for (String actual : g.apply(t)) {
                    for (Pattern v : values) {
                        if (v.matcher(actual).matches()) {
                            return true;
                        }
                    }
                }
                return false;
            });
        }
        List<T> out = new ArrayList<>();
        for (T t : items) {
            boolean ok = true;
            for (Function<T, Boolean> pr : preds) {
                if (!pr.apply(t)) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                out.add(t);
            }
        }
        return out;
    }

    static Pattern wildcard(String v) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                re.append(Pattern.quote(String.valueOf(v.charAt(++i))));
            } else if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    static void notFound(String code, String what, List<String> missing) {
        if (!missing.isEmpty()) {
            throw Ec2Exception.badRequest(code, missing.size() == 1
                ? "The " + what + " ID '" + missing.get(0) + "' does not exist"
                : "The " + what + " IDs '" + String.join(", ", missing) + "' do not exist");
        }
    }

    static String encodeToken(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("skybridge:" + seq).getBytes(StandardCharsets.UTF_8));
    }

    static long decodeToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!s.startsWith("skybridge:")) {
                throw new IllegalArgumentException();
            }
            return Long.parseLong(s.substring("skybridge:".length()));
        } catch (IllegalArgumentException e) {
            throw Ec2Exception.badRequest("InvalidPaginationToken", "The specified pagination token is not valid");
        }
    }

    <T> List<T> selectByIds(Map<String, T> all, List<String> ids, String region, Function<T, String> regionOf, String code, String what) {
        List<T> out = new ArrayList<>();
        if (ids.isEmpty()) {
            for (T t : all.values()) {
                if (region.equals(regionOf.apply(t))) {
                    out.add(t);
                }
            }
            return out;
        }
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            T t = all.get(id);
            if (t == null || !region.equals(regionOf.apply(t))) {
                missing.add(id);
            } else {
                out.add(t);
            }
        }
        notFound(code, what, missing);
        return out;
    }

    static String regionShort(String region) {
        String[] parts = region.split("-");
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            sb.append(Character.isDigit(part.charAt(0)) ? part : part.substring(0, 1));
        }
        return sb.toString();
    }

    // =========================================================== VPN

    Map<String, String> tagsFromSpecs(Params p, String resourceType) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params spec : p.structs("TagSpecification")) {
            if (resourceType.equals(spec.get("ResourceType"))) {
                tags.putAll(tagList(spec.structs("Tag")));
            } else {
                throw Ec2Exception.badRequest("InvalidParameterValue", "'" + spec.get("ResourceType") + "' is not a valid taggable resource type for this operation.");
            }
        }
        return tags;
    }

    VpnGateway vgw(AwsState s, String id, String region) {
        VpnGateway g = s.vpnGateways.get(id);
        if (g == null || !g.region.equals(region)) {
            throw Ec2Exception.badRequest("InvalidVpnGatewayID.NotFound", "The vpnGateway ID '" + id + "' does not exist");
        }
        return g;
    }

    void renderVgw(VpnGateway g, Xml x) {
        x.el("vpnGatewayId", g.id).el("state", g.state).el("type", g.type).open("attachments");
        if (g.attachedVpcId != null) {
            x.open("item").el("vpcId", g.attachedVpcId).el("state", g.attachmentState).close("item");
        }
        x.close("attachments").el("amazonSideAsn", g.amazonSideAsn);
        renderTags(g.tags, x);
    }

    void renderCgw(CustomerGateway c, Xml x) {
        x.el("customerGatewayId", c.id).el("state", c.state).el("type", c.type).el("ipAddress", c.ipAddress)
            .el("bgpAsn", c.bgpAsn).el("deviceName", c.deviceName);
        renderTags(c.tags, x);
    }
}
