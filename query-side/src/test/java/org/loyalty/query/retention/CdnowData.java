package org.loyalty.query.retention;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Loads the CDNOW fixtures from {@code <repo>/../shared/data/cdnow} (see its README.md). */
final class CdnowData {

    private CdnowData() {
    }

    /**
     * shared/ lies beside the repository (the tests run in query-side/, so usually ../../shared);
     * CDNOW_DIR overrides the search. Missing data fails the test: the model must be checked.
     */
    static Path directory() {
        String configured = System.getenv("CDNOW_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(Path.of("shared", "data", "cdnow"));
            if (Files.isRegularFile(candidate.resolve("cdnow_customers_summary.csv"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("CDNOW fixtures not found: no shared/data/cdnow in any directory above "
                + Path.of("").toAbsolutePath() + " (set CDNOW_DIR to point at them)");
    }

    /** cdnow_customers_summary.csv: ID,frequency,recency,T. */
    static List<PurchaseHistory> summary() {
        List<PurchaseHistory> out = new ArrayList<>();
        for (String[] row : rows("cdnow_customers_summary.csv", "ID", "frequency", "recency", "T")) {
            out.add(new PurchaseHistory(Integer.parseInt(row[1]), Double.parseDouble(row[2]), Double.parseDouble(row[3])));
        }
        return out;
    }

    /** cdnow_customers_summary_with_transactions.csv: ID,x,t_x,T,zbar -> (x, zbar). */
    static List<SpendHistory> spend() {
        List<SpendHistory> out = new ArrayList<>();
        for (String[] row : rows("cdnow_customers_summary_with_transactions.csv", "ID", "x", "t_x", "T", "zbar")) {
            out.add(new SpendHistory(Integer.parseInt(row[1]), Double.parseDouble(row[4])));
        }
        return out;
    }

    private static List<String[]> rows(String file, String... header) {
        try {
            List<String> lines = Files.readAllLines(directory().resolve(file));
            String[] actualHeader = lines.get(0).trim().split(",");
            if (!Arrays.equals(actualHeader, header)) {
                throw new IllegalStateException(file + ": unexpected header " + lines.get(0));
            }
            List<String[]> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (!line.isBlank()) {
                    out.add(line.trim().split(","));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
