package io.skybridge.cli.intent;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --set path=value}: {@code linkId=l1}, {@code aws.cidr=10.200.0.0/16}, {@code zones=a,b},
 * {@code zones[1]=us-east-1b}, {@code labels.team=web}. The path is split on dots; {@code [n]} addresses
 * an array element.
 */
public record SetAssignment(List<Segment> path, String value) {

    /** One step of a path: a property name, or an array index. */
    public record Segment(String name, Integer index) {
        public boolean isIndex() {
            return index != null;
        }

        @Override
        public String toString() {
            return isIndex() ? "[" + index + "]" : name;
        }
    }

    public static SetAssignment parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set expects key=value, got '" + text + "'");
        }
        String key = text.substring(0, eq).trim();
        List<Segment> path = new ArrayList<>();
        for (String part : key.split("\\.", -1)) {
            parsePart(part, key, path);
        }
        return new SetAssignment(List.copyOf(path), text.substring(eq + 1));
    }

    private static void parsePart(String part, String key, List<Segment> path) {
        int bracket = part.indexOf('[');
        String name = bracket < 0 ? part : part.substring(0, bracket);
        if (name.isEmpty() && bracket != 0) {
            throw new IllegalArgumentException("--set: empty name in '" + key + "'");
        }
        if (!name.isEmpty()) {
            path.add(new Segment(name, null));
        }
        String rest = bracket < 0 ? "" : part.substring(bracket);
        while (!rest.isEmpty()) {
            int close = rest.indexOf(']');
            if (!rest.startsWith("[") || close < 0) {
                throw new IllegalArgumentException("--set: malformed index in '" + key + "'");
            }
            try {
                int index = Integer.parseInt(rest.substring(1, close));
                if (index < 0) {
                    throw new NumberFormatException();
                }
                path.add(new Segment(null, index));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--set: index must be a number ≥ 0 in '" + key + "'");
            }
            rest = rest.substring(close + 1);
        }
    }

    public String key() {
        StringBuilder b = new StringBuilder();
        for (Segment s : path) {
            if (!s.isIndex() && !b.isEmpty()) {
                b.append('.');
            }
            b.append(s);
        }
        return b.toString();
    }
}
