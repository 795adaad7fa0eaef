package vn.ioc.dashboard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file the other parts of the product read (the users file, a catalog) so that a reader
 * sees either the old content or the new one, never half a file, even if the dashboard dies while
 * writing: the content goes to a temporary file of the same directory, is forced to disk, then
 * renamed over the old one.
 */
public final class AtomicFiles {

    /** The users file: its hashes are for its owner's eyes only. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** A catalog: other processes of the operator (the analytics job) read it. */
    public static final Set<PosixFilePermission> OWNER_WRITES_ALL_READ = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {
    }

    /**
     * @param permissions what the file gets on a POSIX file system (ignored elsewhere, where the
     *                    operator protects the directory)
     */
    public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Files.createTempFile makes it readable by its owner only: no one else sees the content on its way.
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, permissions);
            } catch (UnsupportedOperationException notPosix) {
                // not a POSIX file system: the permissions are the directory's business
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("The file system of " + dir + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        forceDirectory(dir);
    }

    /** Makes the rename itself durable; a file system that cannot open a directory keeps it in its own time. */
    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the rename is atomic either way, only its durability after a power cut is at stake
        }
    }
}
