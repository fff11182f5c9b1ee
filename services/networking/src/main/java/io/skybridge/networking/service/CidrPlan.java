package io.skybridge.networking.service;

import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.networking.domain.Cidr;
import io.skybridge.networking.domain.NetworkLink;

import java.util.ArrayList;
import java.util.List;

/** IPAM checks: a link's two ends, and every network already linked, must not overlap. */
public final class CidrPlan {

    private CidrPlan() {
    }

    /** @return violations, empty when the request fits the plan */
    public static List<String> check(NetworkLinkRequested request, List<NetworkLink> existing) {
        List<String> violations = new ArrayList<>();
        Cidr aws = parse("aws.cidr", request.aws().cidr(), violations);
        Cidr gcp = parse("gcp.cidr", request.gcp().cidr(), violations);
        if (aws == null || gcp == null) {
            return violations;
        }
        if (aws.overlaps(gcp)) {
            violations.add("aws.cidr " + aws + " overlaps gcp.cidr " + gcp);
        }
        for (NetworkLink link : existing) {
            if (link.id.equals(request.linkId())) {
                continue;
            }
            checkAgainst("aws.cidr", aws, request.aws().vpcId(), link, violations);
            checkAgainst("gcp.cidr", gcp, request.gcp().network(), link, violations);
        }
        return violations;
    }

    private static void checkAgainst(String field, Cidr mine, String myNetwork, NetworkLink link, List<String> violations) {
        record Net(String name, String cidr) {
        }
        for (Net other : List.of(new Net(link.awsVpcId, link.awsCidr), new Net(link.gcpNetwork, link.gcpCidr))) {
            if (other.name().equals(myNetwork)) {
                continue; // the same network may take part in several links
            }
            Cidr theirs = Cidr.parse(other.cidr());
            if (mine.overlaps(theirs)) {
                violations.add(field + " " + mine + " overlaps " + theirs + " of network " + other.name()
                        + " (link " + link.id + ")");
            }
        }
    }

    private static Cidr parse(String field, String text, List<String> violations) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            violations.add(field + ": " + e.getMessage());
            return null;
        }
    }
}
