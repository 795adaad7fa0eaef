package vn.ioc.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code DATA/ioc.pids}: the launcher and the processes it runs, one per line
 * ({@code id pid startMillis display name}), so {@code ./ioc stop} and {@code ./ioc status} find them
 * from another terminal. The start time tells a live entry from a reused process id.
 */
public final class PidFile {

    public record Entry(String id, long pid, long startMillis, String displayName) {

        /** The process, when it is still the one recorded. */
        public Optional<ProcessHandle> liveProcess() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(handle -> !isZombie(pid)).filter(handle -> {
                long started = handle.info().startInstant().map(Instant::toEpochMilli).orElse(startMillis);
                // /proc gives the start time in clock ticks: allow for rounding.
                return Math.abs(started - startMillis) < 2_000;
            });
        }

        /** An exited process its parent has not reaped yet still has a pid, but nothing to stop. */
        private static boolean isZombie(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        String line() {
            return id + " " + pid + " " + startMillis + " " + displayName;
        }

        static Optional<Entry> parse(String line) {
            String[] parts = line.strip().split(" ", 4);
            if (parts.length < 3 || line.startsWith("#")) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Entry(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                        parts.length == 4 ? parts[3] : parts[0]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private final Path file;

    public PidFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public synchronized void add(String id, String displayName, ProcessHandle process) {
        List<Entry> entries = new ArrayList<>(read());
        entries.removeIf(entry -> entry.id().equals(id));
        long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        entries.add(new Entry(id, process.pid(), started, displayName));
        write(entries);
    }

    public synchronized void remove(String id) {
        List<Entry> entries = new ArrayList<>(read());
        if (entries.removeIf(entry -> entry.id().equals(id))) {
            write(entries);
        }
    }

    /** The entries in the order the processes started; empty when there is no file. */
    public synchronized List<Entry> read() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(Entry::parse).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(List<Entry> entries) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            StringBuilder text = new StringBuilder("# id pid start-millis name; written by the IOC launcher\n");
            entries.forEach(entry -> text.append(entry.line()).append('\n'));
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
