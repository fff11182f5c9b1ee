package io.skybridge.cli.demo;

import io.skybridge.cli.Console;
import io.skybridge.cli.Console.Colour;

import java.util.ArrayList;
import java.util.List;

/** The demo's narration: numbered steps, each checked (✓), failed (✗) or noted (–), and the final verdict. */
public final class StepLog {
    /** One step's result. */
    public record Step(String title, boolean ok, boolean required, String detail) {
    }

    private final Console console;
    private final List<Step> steps = new ArrayList<>();
    private final long start = System.nanoTime();

    public StepLog(Console console) {
        this.console = console;
    }

    public void heading(String text) {
        console.println("");
        console.println(console.paint(Colour.BOLD, "▶ " + text) + console.paint(Colour.DIM, "   [" + elapsed() + "]"));
    }

    public void info(String text) {
        console.println("    " + text);
    }

    public void ok(String title, String detail) {
        steps.add(new Step(title, true, true, detail));
        console.println("  " + console.paint(Colour.GREEN, "✓ " + title) + (detail.isEmpty() ? "" : "  " + detail));
    }

    public void fail(String title, String detail) {
        steps.add(new Step(title, false, true, detail));
        console.println("  " + console.paint(Colour.RED, "✗ " + title) + (detail.isEmpty() ? "" : "  " + detail));
    }

    /** A step that may not happen (e.g. a feature not deployed yet): reported, never fails the demo. */
    public void note(String title, String detail) {
        steps.add(new Step(title, true, false, detail));
        console.println("  " + console.paint(Colour.YELLOW, "– " + title) + (detail.isEmpty() ? "" : "  " + detail));
    }

    public boolean check(boolean condition, String title, String detail) {
        if (condition) {
            ok(title, detail);
        } else {
            fail(title, detail);
        }
        return condition;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public boolean allOk() {
        return steps.stream().allMatch(Step::ok);
    }

    public String elapsed() {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
