package io.skybridge.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The local stack's state directory: {@code logs/}, {@code pids/}, {@code data/}, {@code config/}. */
public record StateDir(Path root) {

    public Path logs() {
        return dir("logs");
    }

    /** One JSON line per span, a file per replica ({@code skybridge trace <id>} reads them). */
    public Path traces() {
        return root.resolve("traces");
    }

    public Path pids() {
        return dir("pids");
    }

    public Path data(String component) {
        return dir("data").resolve(component);
    }

    public Path config() {
        return dir("config");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    public Path pidFile(String component) {
        return pids().resolve(component + ".pid");
    }

    public Optional<Long> pid(String component) {
        Path f = pidFile(component);
        try {
            return Files.exists(f) ? Optional.of(Long.parseLong(Files.readString(f).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void writePid(String component, long pid) {
        write(pidFile(component), Long.toString(pid));
    }

    public void removePid(String component) {
        try {
            Files.deleteIfExists(pidFile(component));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path dir(String name) {
        Path p = root.resolve(name);
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + p, e);
        }
        return p;
    }
}
