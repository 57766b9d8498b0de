package org.loyalty.command.account;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance of each equal value for all the accounts a node keeps: the lines of the purchases they remember. A
 * chain's millions of purchases repeat a few thousand lines (one latte at 3.95), yet each purchase an account
 * remembered held its own copies from the request (bench/NOTES.md item 42). Bounded: past {@link #LIMIT} distinct
 * values, further ones are kept as they come, so an unusually large catalogue costs what it did before and no more.
 * The values are immutable and compared with {@code equals} (a price's scale included: 3.10 stays 3.10), so sharing
 * them changes nothing an account decides.
 */
final class SharedValues<T> {

    static final int LIMIT = 50_000;

    private static final SharedValues<RecordedPurchase.Line> LINES = new SharedValues<>();

    private final ConcurrentHashMap<T, T> values = new ConcurrentHashMap<>();

    static RecordedPurchase.Line line(RecordedPurchase.Line line) {
        return LINES.share(line);
    }

    T share(T value) {
        T known = values.get(value);
        if (known != null) {
            return known;
        }
        if (values.size() >= LIMIT) {
            return value;
        }
        T first = values.putIfAbsent(value, value);
        return first != null ? first : value;
    }

    int size() {
        return values.size();
    }
}
