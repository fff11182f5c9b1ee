package io.skybridge.emulator.aws;

/** Minimal streaming XML writer for EC2 responses. */
final class Xml {
    private final StringBuilder sb;

    Xml(int capacity) {
        sb = new StringBuilder(capacity);
    }

    Xml() {
        this(1024);
    }

    Xml open(String tag) {
        sb.append('<').append(tag).append('>');
        return this;
    }

    Xml openNs(String tag, String ns) {
        sb.append('<').append(tag).append(" xmlns=\"").append(ns).append("\">");
        return this;
    }

    Xml close(String tag) {
        sb.append("</").append(tag).append('>');
        return this;
    }

    /** Writes {@code <tag>value</tag>}; nothing when value is null. */
    Xml el(String tag, Object value) {
        if (value != null) {
            sb.append('<').append(tag).append('>');
            escape(String.valueOf(value));
            sb.append("</").append(tag).append('>');
        }
        return this;
    }

    /** Appends already-escaped XML. */
    Xml raw(String xml) {
        sb.append(xml);
        return this;
    }

    Xml empty(String tag) {
        sb.append('<').append(tag).append("/>");
        return this;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
    }

    static String escapeText(String s) {
        Xml x = new Xml(s.length() + 16);
        x.escape(s);
        return x.toString();
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
