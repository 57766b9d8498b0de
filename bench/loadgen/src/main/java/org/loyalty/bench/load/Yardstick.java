package org.loyalty.bench.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code yardstick}: how fast this host runs a fixed piece of JVM work on one thread, so that runs on different hosts
 * (or one host that drifts during a run) can be told apart from changes of the code. Hosts of the same CPU model gave
 * pgbench 9,700-16,100 commits/s and the platform's ceilings differed by 40% between rounds; pgbench alone mixes the
 * CPU with the disk's flushes, this measures the CPU and memory only.
 *
 * <p>One unit is what a request does much of: hashing a kilobyte (the message ids, the tokens), map look-ups and
 * short-lived strings (the JSON, the headers), decimal arithmetic (the money). A fixed number of units is timed after a
 * fixed number of warm-up units, so every run does the same work and prints the same checksum (which also keeps the
 * JIT from dropping the work as unused).
 */
final class Yardstick {

    private static final int KEYS = 4_096;

    private Yardstick() {
    }

    static int run(Options options) throws NoSuchAlgorithmException {
        long warmupUnits = (long) options.number("warmup-units", 3_000_000);
        long units = (long) options.number("units", 6_000_000);
        if (units <= 0 || warmupUnits < 0) {
            throw new IllegalArgumentException("--units must be positive and --warmup-units not negative");
        }
        Work work = new Work();
        work.run(warmupUnits);
        long start = System.nanoTime();
        long checksum = work.run(units);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("yardstick.units_per_s=%.0f%n", units / seconds);
        System.out.println("yardstick.checksum=" + checksum);
        return 0;
    }

    /** The fixed unit of work, repeated; its state is kept between units as a live service keeps its own. */
    static final class Work {

        private final MessageDigest sha256;
        private final byte[] block = new byte[1_024];
        private final Map<String, BigDecimal> totals = new HashMap<>();
        private long counter;

        Work() throws NoSuchAlgorithmException {
            sha256 = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 31);
            }
        }

        /** {@code units} units of work; the checksum of their results. */
        long run(long units) {
            long checksum = 0;
            for (long i = 0; i < units; i++) {
                checksum = checksum * 31 + unit();
            }
            return checksum;
        }

        /** One unit: a hash, a map update under a fresh key string, and a rounded decimal sum. */
        long unit() {
            long n = counter++;
            block[(int) (n % block.length)] = (byte) n;
            byte[] digest = sha256.digest(block);
            String key = "member-" + (n % KEYS);
            BigDecimal amount = BigDecimal.valueOf(n % 10_000, 2);
            BigDecimal total = totals.merge(key, amount, BigDecimal::add)
                    .multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.HALF_EVEN);
            totals.put(key, total.remainder(BigDecimal.valueOf(1_000_000)));
            return digest[0] ^ key.getBytes(StandardCharsets.UTF_8).length ^ total.unscaledValue().longValue();
        }
    }
}
