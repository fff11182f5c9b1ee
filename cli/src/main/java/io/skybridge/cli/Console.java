package io.skybridge.cli;

import java.io.PrintStream;

/** Where the CLI writes, and whether ANSI colours are allowed (only on a terminal, never when piped or with NO_COLOR). */
public final class Console {
    private static final String RESET = "\u001b[0m";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;

    public Console(PrintStream out, PrintStream err, boolean colour) {
        this.out = out;
        this.err = err;
        this.colour = colour;
    }

    public static Console system() {
        return new Console(System.out, System.err, stdoutIsTerminal() && System.getenv("NO_COLOR") == null);
    }

    /**
     * {@code System.console() != null} up to Java 21; from Java 22 a console exists even when piped,
     * so {@code Console.isTerminal()} is asked too when the runtime has it.
     */
    static boolean stdoutIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17–21: a console means a terminal
        }
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    public boolean colour() {
        return colour;
    }

    public void println(String line) {
        out.println(line);
        out.flush();
    }

    public void error(String line) {
        err.println(paint(Colour.RED, line));
        err.flush();
    }

    public String paint(Colour c, String text) {
        return colour && c != Colour.NONE ? c.code + text + RESET : text;
    }

    /** The few colours the CLI uses. */
    public enum Colour {
        NONE(""), RED("\u001b[31m"), GREEN("\u001b[32m"), YELLOW("\u001b[33m"), BLUE("\u001b[34m"),
        CYAN("\u001b[36m"), BOLD("\u001b[1m"), DIM("\u001b[2m");

        final String code;

        Colour(String code) {
            this.code = code;
        }
    }
}
