package org.loyalty.bench.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: request i is due at start + i / rate whatever happened to the others, and its latency is
 * measured from that intended instant, so a stalled server shows in the percentiles instead of slowing the
 * generator down (no coordinated omission). Each worker owns one keep-alive connection per node, takes the next
 * due slot, waits for its instant and sends it; when every worker is busy the slots fall behind and their wait
 * counts as latency. POS writes (purchases, returns, redemptions) behave like a POS: a failed attempt (connection
 * refused or reset, 5xx, the client's own timeout) is sent again, same ids, to the next node, until acknowledged
 * or {@code --retry-for-s} has passed.
 */
final class LoadRun {

    private enum Kind { PURCHASE, RETURN, REDEEM, BALANCE, LEDGER }

    private record Bought(int member, String transactionId, String sku) {
    }

    private final Options options;
    private final Population population;
    private final List<URI> bases;
    private final String runId;
    private final String posAuth;
    /** A till's token per store (each carrying only its store), when given: what a chain's tills send. */
    private final Map<String, String> posAuthPerStore;
    private final String adminAuth;
    private final int posTimeout;
    private final long retryForNanos;
    private final double duplicateShare;
    private final double lagSample;
    private final boolean drain;
    private final double[] cumulativeWeights = new double[Kind.values().length];
    private final Stats[] stats = new Stats[Kind.values().length];
    private final Stats replays;
    private final Stats lag;
    private final LongAdder lagLost = new LongAdder();
    private final AtomicInteger lagPending = new AtomicInteger();
    private final LongAdder doubleCounted = new LongAdder();
    private final LongAdder redeemSkipped = new LongAdder();
    private final ConcurrentLinkedQueue<Bought> returnable = new ConcurrentLinkedQueue<>();
    private final AtomicInteger returnableSize = new AtomicInteger();
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errorSampleCount = new AtomicInteger();
    private final BufferedWriter acks;
    private final ScheduledExecutorService lagPollers;
    private final ThreadLocal<HttpConnection[]> connections;
    private long start;
    private long measureFrom;
    private long end;
    private double intervalNanos;
    private long rampNanos;

    LoadRun(Options options) throws IOException {
        this.options = options;
        this.bases = options.bases();
        List<String> ids = Files.readAllLines(Path.of(options.required("members-file"))).stream()
                .filter(s -> !s.isBlank()).toList();
        this.population = new Population(ids, options.number("rate-shape", 0.8), options.number("dropout-a", 0.8),
                options.number("dropout-b", 2.5), options.number("dropout-scale", 0.02),
                (long) options.number("seed", 42));
        this.runId = options.string("run-id", Long.toString(System.currentTimeMillis(), 36));
        this.posAuth = options.bearer("pos-token") != null ? options.bearer("pos-token") : options.bearer("admin-token");
        this.posAuthPerStore = options.bearersPerStore("pos-tokens");
        this.adminAuth = options.bearer("admin-token");
        this.posTimeout = options.integer("pos-timeout-ms", 30_000);
        this.retryForNanos = TimeUnit.SECONDS.toNanos(options.integer("retry-for-s", 120));
        this.duplicateShare = options.number("duplicate-share", 0.0);
        this.lagSample = options.number("lag-sample", 0.01);
        // Without drain (a ceiling run: offered more than the server can take), what counts is what was answered in
        // the window, whenever it was due; latencies then only show the queue.
        this.drain = Boolean.parseBoolean(options.string("drain", "true"));
        double purchases = options.number("purchase-rate", 100);
        double[] rates = {purchases, purchases * options.number("return-share", 0.03),
                purchases * options.number("redeem-share", 0.02), options.number("balance-rate", 200),
                options.number("ledger-rate", 10)};
        double total = 0;
        for (Kind kind : Kind.values()) {
            total += rates[kind.ordinal()];
            cumulativeWeights[kind.ordinal()] = total;
            stats[kind.ordinal()] = new Stats(kind.name().toLowerCase(Locale.ROOT), rates[kind.ordinal()]);
        }
        for (int i = 0; i < cumulativeWeights.length; i++) {
            cumulativeWeights[i] /= total;
        }
        this.intervalNanos = 1e9 / total;
        this.replays = new Stats("purchase (POS retry of an acknowledged one)", purchases * duplicateShare);
        this.lag = new Stats("lag: purchase 201 -> visible in balance/ledger", purchases * lagSample);
        String ackFile = options.string("acks", null);
        this.acks = ackFile == null ? null : Files.newBufferedWriter(Path.of(ackFile), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        this.lagPollers = Executors.newScheduledThreadPool(options.integer("lag-threads", 2), daemon("lag"));
        this.connections = ThreadLocal.withInitial(() -> bases.stream().map(HttpConnection::new).toArray(HttpConnection[]::new));
    }

    int run() throws Exception {
        int workers = options.integer("workers", 64);
        long warmup = TimeUnit.SECONDS.toNanos(options.integer("warmup-s", 10));
        long duration = TimeUnit.SECONDS.toNanos(options.integer("duration-s", 60));
        rampNanos = TimeUnit.SECONDS.toNanos(options.integer("ramp-s", 0));
        if (rampNanos > warmup) {
            throw new IllegalArgumentException("--ramp-s must not be longer than --warmup-s: the measured window is at the full rate");
        }
        start = System.nanoTime() + 50_000_000L;
        measureFrom = start + warmup;
        end = measureFrom + duration;
        for (Stats s : stats) {
            s.measureFrom = measureFrom;
        }
        replays.measureFrom = measureFrom;
        lag.measureFrom = measureFrom;
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Thread thread = new Thread(this::work, "load-" + w);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        Thread progress = new Thread(this::progress, "progress");
        progress.setDaemon(true);
        progress.start();
        for (Thread thread : threads) {
            thread.join();
        }
        long finished = System.nanoTime();
        for (int i = 0; i < 600 && lagPending.get() > 0; i++) {
            Thread.sleep(100);
        }
        lagPollers.shutdown();
        lagPollers.awaitTermination(60, TimeUnit.SECONDS);
        if (acks != null) {
            acks.close();
        }
        return report(duration / 1e9, (finished - end) / 1e9);
    }

    private void work() {
        while (true) {
            long slot = sequence.getAndIncrement();
            long intended = start + dueAfter(slot);
            if (intended >= end || (!drain && System.nanoTime() >= end)) {
                return; // without drain (a ceiling run), the backlog left at the end is abandoned, not measured
            }
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            try {
                switch (kind()) {
                    case PURCHASE -> purchase(slot, intended);
                    case RETURN -> giveBack(slot, intended);
                    case REDEEM -> redeem(slot, intended);
                    case BALANCE -> read(Kind.BALANCE, "/balance", intended);
                    case LEDGER -> read(Kind.LEDGER, "/ledger?limit=20", intended);
                }
            } catch (RuntimeException e) {
                error(stats[Kind.PURCHASE.ordinal()], "generator: " + e);
            }
        }
    }

    /**
     * When request {@code slot} is due, in nanoseconds from the start: at the full rate, or, during the first
     * {@code --ramp-s} seconds, at a rate rising in a straight line from zero to it (so the slots due by time t are
     * rate * t^2 / (2 * ramp)), which lets a freshly started node compile its hot code before the full rate arrives.
     */
    private long dueAfter(long slot) {
        double rampSlots = rampNanos / (2 * intervalNanos);
        if (slot < rampSlots) {
            return (long) Math.sqrt(2.0 * rampNanos * slot * intervalNanos);
        }
        return (long) (slot * intervalNanos + rampNanos / 2.0);
    }

    private Kind kind() {
        double u = ThreadLocalRandom.current().nextDouble();
        for (Kind kind : Kind.values()) {
            if (u < cumulativeWeights[kind.ordinal()]) {
                return kind;
            }
        }
        return Kind.BALANCE;
    }

    private void purchase(long slot, long intended) {
        int member = population.drawActive();
        String memberId = population.ids.get(member);
        String transactionId = "BENCH-" + runId + "-" + slot;
        String[] sku = new String[1];
        String store = randomStore();
        String auth = tillAuth(store);
        byte[] body = Baskets.purchase(transactionId, memberId, store, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), sku)
                .getBytes(StandardCharsets.UTF_8);
        Stats s = stats[Kind.PURCHASE.ordinal()];
        HttpConnection.Response answer = exchange(s, "POST", "/api/v1/pos/purchases", auth, body, intended, posTimeout, 201);
        if (answer == null) {
            return;
        }
        long acknowledged = System.nanoTime();
        long points = number(answer.body(), "pointsEarned");
        population.knownBalance.set(member, number(answer.body(), "balance"));
        population.purchased(member);
        acknowledge(transactionId, memberId, points);
        if (returnableSize.incrementAndGet() > 100_000 && returnable.poll() != null) {
            returnableSize.decrementAndGet();
        }
        returnable.add(new Bought(member, transactionId, sku[0]));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextDouble() < lagSample) {
            pollLedger(memberId, transactionId, acknowledged);
        }
        if (random.nextDouble() < duplicateShare) {
            // The POS never saw the answer and posts the same purchase again: the same answer, nothing earned twice.
            long again = System.nanoTime();
            HttpConnection.Response replay = exchange(replays, "POST", "/api/v1/pos/purchases", auth, body, again,
                    posTimeout, 201);
            if (replay != null && (!replay.replayed() || number(replay.body(), "pointsEarned") != points)) {
                doubleCounted.increment();
                error(replays, "a repeated purchase was not answered as a replay: " + replay.body());
            }
        }
    }

    /** One of the generator's 500 stores. */
    private static String randomStore() {
        return "STORE-" + ThreadLocalRandom.current().nextInt(1, 501);
    }

    private String tillAuth(String store) {
        return posAuthPerStore.getOrDefault(store, posAuth);
    }

    private void giveBack(long slot, long intended) {
        Bought bought = returnable.poll();
        if (bought == null) {
            read(Kind.BALANCE, "/balance", intended);
            return;
        }
        returnableSize.decrementAndGet();
        String store = randomStore();
        String body = "{\"returnId\":\"BENCH-" + runId + "-R" + slot + "\",\"originalTransactionId\":\"" + bought.transactionId
                + "\",\"memberId\":\"" + population.ids.get(bought.member)
                // A till names the store taking the goods back (one of the generator's stores).
                + "\",\"storeId\":\"" + store
                + "\",\"items\":[{\"sku\":\"" + bought.sku
                + "\",\"quantity\":1}]}";
        HttpConnection.Response answer = exchange(stats[Kind.RETURN.ordinal()], "POST", "/api/v1/pos/returns", tillAuth(store),
                body.getBytes(StandardCharsets.UTF_8), intended, posTimeout, 201);
        if (answer != null) {
            population.knownBalance.set(bought.member, number(answer.body(), "balance"));
        }
    }

    private void redeem(long slot, long intended) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 5; attempt++) {
            int member = population.byRate(random);
            if (population.knownBalance.get(member) >= 50) {
                String body = "{\"rewardId\":\"R25\",\"idempotencyKey\":\"BENCH-" + runId + "-D" + slot + "\"}";
                HttpConnection.Response answer = exchange(stats[Kind.REDEEM.ordinal()], "POST",
                        // A redemption comes from the member's app: the generator redeems for every member, as an admin.
                        "/api/v1/members/" + population.ids.get(member) + "/redemptions", adminAuth,
                        body.getBytes(StandardCharsets.UTF_8), intended, posTimeout, 201);
                if (answer != null) {
                    population.knownBalance.set(member, number(answer.body(), "balance"));
                }
                return;
            }
        }
        redeemSkipped.increment();
    }

    private void read(Kind kind, String what, long intended) {
        String memberId = population.ids.get(population.drawActive());
        exchange(stats[kind.ordinal()], "GET", "/api/v1/members/" + memberId + what, adminAuth, null, intended, 10_000, 200);
    }

    /** Sends until an answer with the expected status, or a final failure (recorded, null returned). */
    private HttpConnection.Response exchange(Stats s, String method, String path, String auth, byte[] body, long intended,
                                             int timeout, int expected) {
        HttpConnection[] nodes = connections.get();
        int node = ThreadLocalRandom.current().nextInt(nodes.length);
        for (int attempt = 1; ; attempt++) {
            try {
                HttpConnection.Response answer = nodes[node].send(method, path, auth, body, timeout);
                if (answer.status() == expected) {
                    long now = System.nanoTime();
                    if ((drain ? intended : now) >= measureFrom) {
                        s.ok.increment();
                        s.record((now - intended) / 1000);
                    }
                    return answer;
                }
                if (answer.status() == 422 && path.endsWith("/redemptions")) {
                    s.declined.increment(); // too few points after all: another request spent them meanwhile
                    return null;
                }
                if (answer.status() < 500 && answer.status() != 429) {
                    error(s, method + " " + path + " -> " + answer.status() + " " + answer.body());
                    return null;
                }
                s.failedAttempts.increment();
                sample(method + " " + path + " -> " + answer.status() + " " + answer.body() + " (retried)");
            } catch (SocketTimeoutException e) {
                s.timeouts.increment();
            } catch (IOException e) {
                s.failedAttempts.increment();
                sample(method + " " + path + " -> " + e + " (retried)");
            }
            if (System.nanoTime() - intended > retryForNanos) {
                error(s, method + " " + path + ": no answer after " + attempt + " attempts, given up");
                return null;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(20L * attempt, 500)));
            node = (node + 1) % nodes.length;
        }
    }

    private void pollLedger(String memberId, String transactionId, long acknowledged) {
        String path = "/api/v1/members/" + memberId + "/ledger?limit=20";
        String needle = "\"transactionId\":\"" + transactionId + "\"";
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            HttpConnection[] nodes = connections.get();
            try {
                HttpConnection.Response answer = nodes[0].send("GET", path, adminAuth, null, 10_000);
                if (answer.status() == 200 && answer.body().contains(needle)) {
                    lagPending.decrementAndGet();
                    if (acknowledged >= measureFrom) {
                        lag.ok.increment();
                        lag.record((System.nanoTime() - acknowledged) / 1000);
                    }
                    return;
                }
            } catch (IOException e) {
                // the node is down (fault tests): keep polling
            }
            if (System.nanoTime() - acknowledged > retryForNanos) {
                lagPending.decrementAndGet();
                lagLost.increment();
                error(lag, "purchase " + transactionId + " not visible in the ledger after " + retryForNanos / 1e9 + " s");
                return;
            }
            lagPollers.schedule(poll[0], 5, TimeUnit.MILLISECONDS);
        };
        lagPending.incrementAndGet();
        lagPollers.execute(poll[0]);
    }

    private void acknowledge(String transactionId, String memberId, long points) {
        if (acks == null) {
            return;
        }
        synchronized (acks) {
            try {
                acks.write(transactionId + "," + memberId + "," + points + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void error(Stats s, String what) {
        s.errors.increment();
        sample(what);
    }

    private void sample(String what) {
        if (errorSampleCount.incrementAndGet() <= 20) {
            errorSamples.add(what);
            System.err.println("[loadgen] " + what);
        }
    }

    private void progress() {
        long previous = 0;
        while (true) {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(10));
            long done = 0;
            for (Stats s : stats) {
                done += s.ok.sum();
            }
            long behind = (System.nanoTime() - start) - dueAfter(sequence.get());
            System.err.printf(Locale.ROOT, "[loadgen] %.0f s: %d measured requests (+%d), purchases p99 so far %s ms, "
                            + "scheduler behind by %.0f ms%n", (System.nanoTime() - start) / 1e9, done, done - previous,
                    stats[0].ms(99), Math.max(0, behind) / 1e6);
            previous = done;
        }
    }

    private int report(double seconds, double drain) throws IOException {
        StringBuilder md = new StringBuilder(Stats.HEADER).append('\n');
        StringBuilder props = new StringBuilder("seconds=" + seconds + "\n");
        for (Stats s : stats) {
            md.append(s.row(seconds)).append('\n');
            props.append(s.properties(s.name, seconds));
        }
        md.append(replays.row(seconds)).append('\n').append(lag.row(seconds)).append('\n');
        props.append(replays.properties("replay", seconds)).append(lag.properties("lag", seconds));
        long errors = lagLost.sum() + doubleCounted.sum();
        long failedAttempts = 0;
        long timeouts = 0;
        for (Stats s : stats) {
            errors += s.errors.sum();
            failedAttempts += s.failedAttempts.sum();
            timeouts += s.timeouts.sum();
        }
        errors += replays.errors.sum();
        props.append("errors=").append(errors).append("\nfailedAttempts=").append(failedAttempts)
                .append("\ntimeouts=").append(timeouts).append("\ndoubleCounted=").append(doubleCounted.sum())
                .append("\nlagLost=").append(lagLost.sum()).append("\nredeemSkipped=").append(redeemSkipped.sum())
                .append("\nmembers=").append(population.ids.size()).append("\nnodes=").append(bases.size())
                .append("\ndrainSeconds=").append(String.format(Locale.ROOT, "%.1f", drain)).append('\n');
        md.append('\n').append(String.format(Locale.ROOT, "Measured %.0f s after a %d s warm-up%s; %d members, %d node(s); "
                        + "the last requests finished %.1f s after the schedule ended. Errors: %d; retried attempts: %d; "
                        + "client timeouts: %d; double counted: %d; lag samples never visible: %d; redemptions skipped "
                        + "(no member with enough known points): %d.%n", seconds, options.integer("warmup-s", 10),
                rampNanos == 0 ? "" : " (the rate rising from zero over its first " + TimeUnit.NANOSECONDS.toSeconds(rampNanos) + " s)",
                population.ids.size(), bases.size(), drain, errors, failedAttempts, timeouts, doubleCounted.sum(),
                lagLost.sum(), redeemSkipped.sum()));
        if (!errorSamples.isEmpty()) {
            md.append("\nFirst failures:\n\n");
            errorSamples.forEach(e -> md.append("- `").append(e.replace('`', '\'')).append("`\n"));
        }
        String out = options.string("out", null);
        if (out != null) {
            Files.writeString(Path.of(out + ".md"), md);
            Files.writeString(Path.of(out + ".properties"), props);
        }
        System.out.print(md);
        return errors == 0 ? 0 : 1;
    }

    static long number(String json, String field) {
        String key = "\"" + field + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return 0;
        }
        int i = at + key.length();
        int j = i;
        while (j < json.length() && (json.charAt(j) == '-' || Character.isDigit(json.charAt(j)))) {
            j++;
        }
        return Long.parseLong(json.substring(i, j));
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
