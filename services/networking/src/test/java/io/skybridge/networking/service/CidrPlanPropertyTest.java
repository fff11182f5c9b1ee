package io.skybridge.networking.service;

import io.skybridge.contracts.networking.AwsVpcRef;
import io.skybridge.contracts.networking.GcpNetworkRef;
import io.skybridge.contracts.networking.NetworkLinkRequested;
import io.skybridge.networking.domain.Cidr;
import io.skybridge.networking.domain.LinkPhase;
import io.skybridge.networking.domain.NetworkLink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * For random sets of linked networks and random requests: the plan refuses a request exactly when
 * one of its ends overlaps the other end or a different, already linked network.
 */
class CidrPlanPropertyTest {

    private static String randomCidr(Random r) {
        int prefix = 8 + r.nextInt(17); // /8 .. /24
        long address = (10L << 24) | (r.nextInt(1 << 24) & 0xFFFFFFL);
        long mask = (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return new Cidr(address & mask, prefix).toString();
    }

    private static NetworkLink link(String id, String awsCidr, String gcpCidr) {
        NetworkLink l = new NetworkLink();
        l.id = id;
        l.awsVpcId = "vpc-" + id;
        l.awsCidr = awsCidr;
        l.gcpNetwork = "net-" + id;
        l.gcpCidr = gcpCidr;
        l.phase = LinkPhase.ESTABLISHED;
        return l;
    }

    @Test
    void shouldRefuseExactlyTheRequestsThatOverlap() {
        Random random = new Random(42);
        int refused = 0;
        for (int run = 0; run < 2000; run++) {
            List<NetworkLink> existing = new ArrayList<>();
            for (int i = 0; i < random.nextInt(4); i++) {
                existing.add(link("l" + i, randomCidr(random), randomCidr(random)));
            }
            String aws = randomCidr(random);
            String gcp = randomCidr(random);
            NetworkLinkRequested request = new NetworkLinkRequested("new",
                    new AwsVpcRef("123456789012", "us-east-1", "vpc-new", aws),
                    new GcpNetworkRef("p", "us-central1", "net-new", gcp), "HA");

            boolean overlaps = Cidr.parse(aws).overlaps(Cidr.parse(gcp));
            for (NetworkLink l : existing) {
                for (String theirs : List.of(l.awsCidr, l.gcpCidr)) {
                    overlaps |= Cidr.parse(aws).overlaps(Cidr.parse(theirs)) || Cidr.parse(gcp).overlaps(Cidr.parse(theirs));
                }
            }
            List<String> violations = CidrPlan.check(request, existing);
            assertEquals(overlaps, !violations.isEmpty(), "run " + run + ": " + aws + " / " + gcp + " vs " + violations);
            refused += overlaps ? 1 : 0;
        }
        // the generator produces both outcomes often enough for the property to mean something
        org.junit.jupiter.api.Assertions.assertTrue(refused > 200 && refused < 1800, "refused " + refused + " of 2000");
    }
}
