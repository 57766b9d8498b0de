package org.loyalty.infra.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the CDNOW fixtures: in any shared/data/cdnow above the working directory, or CDNOW_DIR. A missing fixture fails. */
public final class CdnowFixtures {

    private CdnowFixtures() {
    }

    public static Path directory() {
        String configured = System.getenv("CDNOW_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(Path.of("shared", "data", "cdnow"));
            if (Files.isRegularFile(candidate.resolve("CDNOW_sample.txt"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("CDNOW fixtures not found: no shared/data/cdnow in any directory above "
                + Path.of("").toAbsolutePath() + " (set CDNOW_DIR to point at them)");
    }
}
