package org.rlaif.workbench.labeling;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reads an API key from the operating system's keyring, by entry name, through the system's own tool: libsecret's
 * {@code secret-tool} on Linux (GNOME Keyring, KWallet), {@code security} on macOS. Entries live under the service
 * {@code rlaif-workbench}:
 *
 * <pre>
 * secret-tool store --label="RLAIF Workbench: openai" service rlaif-workbench account openai     # Linux
 * security add-generic-password -s rlaif-workbench -a openai -w                                  # macOS
 * </pre>
 *
 * The key travels through a pipe from the tool to this process and is never written anywhere.
 */
public interface OsKeyring {
    String SERVICE = "rlaif-workbench";

    /** The secret stored under {@code entry}, or empty when there is none. */
    Optional<String> lookup(String entry);

    static OsKeyring system() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return entry -> run(List.of("security", "find-generic-password", "-s", SERVICE, "-a", entry, "-w"), entry);
        }
        if (os.contains("win")) {
            return entry -> {
                throw new LabelingSetupException("reading the Windows Credential Manager is not supported yet;"
                        + " put the key in an environment variable and use --api-key-env");
            };
        }
        return entry -> run(List.of("secret-tool", "lookup", "service", SERVICE, "account", entry), entry);
    }

    private static Optional<String> run(List<String> command, String entry) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new LabelingSetupException("cannot read keyring entry '" + entry + "': '" + command.get(0)
                    + "' is not installed (on Debian/Ubuntu: apt install libsecret-tools)");
        }
        try (InputStream out = p.getInputStream()) {
            p.getOutputStream().close();
            byte[] bytes = out.readNBytes(64 * 1024);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabelingSetupException("the keyring did not answer within 10 s (is it locked?)");
            }
            String secret = new String(bytes, StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && !secret.isEmpty() ? Optional.of(secret) : Optional.empty();
        } catch (IOException e) {
            throw new LabelingSetupException("cannot read keyring entry '" + entry + "': " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabelingSetupException("interrupted while reading the keyring");
        }
    }
}
