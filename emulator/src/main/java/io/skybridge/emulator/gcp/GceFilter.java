package io.skybridge.emulator.gcp;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The Compute Engine list {@code filter} language, the parts in common use: {@code field = value},
 * {@code !=}, {@code :*} (field present), {@code field eq regex} / {@code ne}, nested fields
 * ({@code labels.env}), parentheses, AND (explicit or implicit) and OR.
 */
final class GceFilter {
    private final List<String> tokens;
    private int pos;

    private GceFilter(List<String> tokens) {
        this.tokens = tokens;
    }

    static Predicate<JsonNode> parse(String filter) {
        if (filter == null || filter.isBlank()) {
            return n -> true;
        }
        GceFilter f = new GceFilter(tokenize(filter));
        Predicate<JsonNode> p = f.orExpr();
        if (f.pos != f.tokens.size()) {
            throw bad(filter);
        }
        return p;
    }

    private static GceException bad(String filter) {
        return GceException.invalid("filter", filter, "Invalid list filter expression.");
    }

    private static List<String> tokenize(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder sb = new StringBuilder("\"");
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    if (s.charAt(j) == '\\' && j + 1 < s.length() && (s.charAt(j + 1) == c)) {
                        j++;
                    }
                    sb.append(s.charAt(j++));
                }
                if (j >= s.length()) {
                    throw bad(s);
                }
                out.add(sb.toString());
                i = j + 1;
            } else if (c == '!' && i + 1 < s.length() && s.charAt(i + 1) == '=') {
                out.add("!=");
                i += 2;
            } else if (c == '=' || c == ':') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int j = i;
                while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && "()=:!\"'".indexOf(s.charAt(j)) < 0) {
                    j++;
                }
                if (j == i) {
                    throw bad(s);
                }
                out.add(s.substring(i, j));
                i = j;
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw bad(String.join(" ", tokens));
        }
        return tokens.get(pos++);
    }

    private Predicate<JsonNode> orExpr() {
        Predicate<JsonNode> p = andExpr();
        while ("OR".equals(peek())) {
            pos++;
            p = p.or(andExpr());
        }
        return p;
    }

    private Predicate<JsonNode> andExpr() {
        Predicate<JsonNode> p = term();
        while (peek() != null && !")".equals(peek()) && !"OR".equals(peek())) {
            if ("AND".equals(peek())) {
                pos++;
            }
            p = p.and(term());
        }
        return p;
    }

    private Predicate<JsonNode> term() {
        String t = next();
        if (t.equals("NOT") || t.equals("-")) {
            return term().negate();
        }
        if (t.equals("(")) {
            Predicate<JsonNode> p = orExpr();
            if (!")".equals(next())) {
                throw bad(String.join(" ", tokens));
            }
            return p;
        }
        String field = t;
        String op = next();
        String value = next();
        boolean quoted = value.startsWith("\"");
        String v = quoted ? value.substring(1) : value;
        switch (op) {
            case "=", "!=" -> {
                Pattern glob = glob(v);
                Predicate<JsonNode> p = n -> {
                    String actual = text(n, field);
                    return actual != null && glob.matcher(actual).matches();
                };
                return op.equals("=") ? p : p.negate();
            }
            case ":" -> {
                if (v.equals("*")) {
                    return n -> text(n, field) != null;
                }
                return n -> {
                    String actual = text(n, field);
                    return actual != null && actual.contains(v);
                };
            }
            case "eq", "ne" -> {
                Pattern re;
                try {
                    re = Pattern.compile(v);
                } catch (PatternSyntaxException e) {
                    throw bad(v);
                }
                Predicate<JsonNode> p = n -> {
                    String actual = text(n, field);
                    return actual != null && re.matcher(actual).matches();
                };
                return op.equals("eq") ? p : p.negate();
            }
            default -> throw bad(String.join(" ", tokens));
        }
    }

    private static Pattern glob(String v) {
        StringBuilder re = new StringBuilder();
        for (char c : v.toCharArray()) {
            re.append(c == '*' ? ".*" : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    private static String text(JsonNode n, String field) {
        JsonNode cur = n;
        for (String part : field.split("\\.")) {
            cur = cur.get(part);
            if (cur == null || cur.isNull()) {
                return null;
            }
        }
        return cur.isValueNode() ? cur.asText() : cur.toString();
    }
}
