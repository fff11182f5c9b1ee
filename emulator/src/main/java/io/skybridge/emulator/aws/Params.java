package io.skybridge.emulator.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Query-protocol parameters ({@code Foo.1.Bar=x}) with EC2's validation errors. */
final class Params {
    private final Map<String, String> map;

    Params(Map<String, String> map) {
        this.map = map;
    }

    Map<String, String> raw() {
        return map;
    }

    String get(String name) {
        String v = map.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    String required(String name) {
        String v = get(name);
        if (v == null) {
            throw Ec2Exception.missing(name);
        }
        return v;
    }

    Integer integer(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Value (" + v + ") for parameter " + name + " is invalid. Expected an integer.");
        }
    }

    Long longValue(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Value (" + v + ") for parameter " + name + " is invalid. Expected a number.");
        }
    }

    Boolean bool(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw Ec2Exception.badRequest("InvalidParameterValue", "Value (" + v + ") for parameter " + name + " is invalid. Expected a boolean.");
    }

    /** Values of {@code prefix.1}, {@code prefix.2}, … in index order. */
    List<String> list(String prefix) {
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        String p = prefix + ".";
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey().startsWith(p)) {
                String rest = e.getKey().substring(p.length());
                if (rest.chars().allMatch(Character::isDigit) && !rest.isEmpty()) {
                    byIndex.put(index(e.getKey(), rest), e.getValue());
                }
            }
        }
        return new ArrayList<>(byIndex.values());
    }

    /** Sub-structures {@code prefix.N.*} as maps of the remaining key → value, in index order. */
    List<Params> structs(String prefix) {
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        String p = prefix + ".";
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (e.getKey().startsWith(p)) {
                String rest = e.getKey().substring(p.length());
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    continue;
                }
                String idx = rest.substring(0, dot);
                if (!idx.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                byIndex.computeIfAbsent(index(e.getKey(), idx), k -> new LinkedHashMap<>()).put(rest.substring(dot + 1), e.getValue());
            }
        }
        List<Params> out = new ArrayList<>();
        for (Map<String, String> m : byIndex.values()) {
            out.add(new Params(m));
        }
        return out;
    }

    private static int index(String key, String digits) {
        try {
            int i = Integer.parseInt(digits);
            if (i < 1) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw Ec2Exception.badRequest("InvalidParameterValue", "Invalid list index in parameter " + key + ".");
        }
    }
}
