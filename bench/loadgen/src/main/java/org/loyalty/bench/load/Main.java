package org.loyalty.bench.load;

import java.util.Arrays;

/**
 * bench/loadgen: {@code enroll} the population, {@code run} open-loop load, {@code check} the data afterwards,
 * {@code replay-wait} time a read-model rebuild, {@code yardstick} measure the host. See bench/run-bench.sh for how they are put together.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: loadgen enroll|run|check|replay-wait|yardstick --option value ...");
            System.exit(2);
        }
        Options options = new Options(Arrays.copyOfRange(args, 1, args.length));
        int status = switch (args[0]) {
            case "enroll" -> Enroll.run(options);
            case "run" -> new LoadRun(options).run();
            case "check" -> Check.run(options);
            case "replay-wait" -> ReplayWait.run(options);
            case "yardstick" -> Yardstick.run(options);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
        System.exit(status);
    }
}
