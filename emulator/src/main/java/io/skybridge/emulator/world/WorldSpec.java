package io.skybridge.emulator.world;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed of an emulated world, loadable from YAML. {@link #defaults()} is the Skybridge demo world
 * (classpath resource {@code skybridge-emulator/default-world.yaml}).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class WorldSpec {
    public Aws aws = new Aws();
    public Gcp gcp = new Gcp();

    public static class Aws {
        public String accountId = "000000000000";
        public String defaultRegion = "us-east-1";
        /** region name → availability zones */
        public Map<String, List<String>> regions = new LinkedHashMap<>();
        public List<Vpc> vpcs = new ArrayList<>();
        public List<MachineType> instanceTypes = new ArrayList<>();
        /** Pool public IPs (instances, VPN tunnel outside addresses) are taken from. */
        public String publicIpPool = "54.160.0.0/12";
    }

    public static class Vpc {
        public String id;
        public String region = "us-east-1";
        public String cidr;
        public boolean isDefault = true;
        public Map<String, String> tags = new LinkedHashMap<>();
        public List<Subnet> subnets = new ArrayList<>();
    }

    public static class Subnet {
        public String id;
        public String zone;
        public String cidr;
        public boolean mapPublicIpOnLaunch = true;
        public Map<String, String> tags = new LinkedHashMap<>();
    }

    public static class Gcp {
        public String project = "skybridge-demo";
        public String projectNumber = "123456789012";
        public String defaultRegion = "us-central1";
        /** region name → zones */
        public Map<String, List<String>> regions = new LinkedHashMap<>();
        public List<Network> networks = new ArrayList<>();
        public List<MachineType> machineTypes = new ArrayList<>();
        public String publicIpPool = "34.96.0.0/12";
    }

    public static class Network {
        public String name;
        public String cidr;
        public String description;
        public List<Subnetwork> subnetworks = new ArrayList<>();
    }

    public static class Subnetwork {
        public String name;
        public String region;
        public String cidr;
    }

    public static class MachineType {
        public String name;
        public int vcpus;
        /** memory in MiB */
        public int memoryMiB;

        public MachineType() {
        }

        public MachineType(String name, int vcpus, int memoryMiB) {
            this.name = name;
            this.vcpus = vcpus;
            this.memoryMiB = memoryMiB;
        }
    }

    private static ObjectMapper yaml() {
        return new ObjectMapper(new YAMLFactory()).configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    }

    public static WorldSpec defaults() {
        try (InputStream in = WorldSpec.class.getResourceAsStream("/skybridge-emulator/default-world.yaml")) {
            if (in == null) {
                throw new IllegalStateException("default-world.yaml missing from the classpath");
            }
            return yaml().readValue(in, WorldSpec.class).validate();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WorldSpec load(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read world file " + file, e);
        }
    }

    public static WorldSpec parse(String yamlText) {
        try {
            return yaml().readValue(yamlText, WorldSpec.class).validate();
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid world YAML: " + e.getMessage(), e);
        }
    }

    /** Checks internal consistency; returns this. */
    public WorldSpec validate() {
        if (aws.regions.isEmpty()) {
            throw new IllegalArgumentException("aws.regions must name at least one region");
        }
        for (Vpc v : aws.vpcs) {
            Cidr.parse(v.cidr);
            List<String> zones = aws.regions.get(v.region);
            if (zones == null) {
                throw new IllegalArgumentException("VPC " + v.cidr + " is in unknown region " + v.region);
            }
            for (Subnet s : v.subnets) {
                if (!zones.contains(s.zone)) {
                    throw new IllegalArgumentException("subnet " + s.cidr + ": zone " + s.zone + " is not in " + v.region);
                }
                if (!Cidr.parse(v.cidr).contains(Cidr.parse(s.cidr))) {
                    throw new IllegalArgumentException("subnet " + s.cidr + " is outside VPC " + v.cidr);
                }
            }
        }
        if (gcp.regions.isEmpty()) {
            throw new IllegalArgumentException("gcp.regions must name at least one region");
        }
        for (Network n : gcp.networks) {
            for (Subnetwork s : n.subnetworks) {
                if (!gcp.regions.containsKey(s.region)) {
                    throw new IllegalArgumentException("subnetwork " + s.name + " is in unknown region " + s.region);
                }
                Cidr sc = Cidr.parse(s.cidr);
                if (n.cidr != null && !Cidr.parse(n.cidr).contains(sc)) {
                    throw new IllegalArgumentException("subnetwork " + s.name + " is outside network " + n.cidr);
                }
            }
        }
        for (MachineType m : aws.instanceTypes) {
            checkMachineType(m);
        }
        for (MachineType m : gcp.machineTypes) {
            checkMachineType(m);
        }
        Cidr.parse(aws.publicIpPool);
        Cidr.parse(gcp.publicIpPool);
        return this;
    }

    private static void checkMachineType(MachineType m) {
        if (m.name == null || m.vcpus <= 0 || m.memoryMiB <= 0) {
            throw new IllegalArgumentException("machine type needs name, vcpus > 0 and memoryMiB > 0: " + m.name);
        }
    }
}
