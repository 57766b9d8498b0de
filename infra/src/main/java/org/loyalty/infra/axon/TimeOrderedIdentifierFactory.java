package org.loyalty.infra.axon;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.axonframework.common.IdentifierFactory;

/**
 * Time-ordered (version 7) UUIDs for Axon's message and event identifiers: the millisecond they were made, then 74
 * random bits drawn from one DRBG per thread. Axon finds this class through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 *
 * <p>Why time-ordered: the event store keeps a unique index on the event identifier. Random (version 4) identifiers
 * land on a random page of that index, so every event stored touched a different page of an index that grows without
 * end; identifiers that rise with time land on its last pages (bench/NOTES.md item 34). They stay unique and
 * unguessable: 74 random bits a millisecond.
 *
 * <p>Why a DRBG per thread: {@code UUID.randomUUID()} goes through one JVM-wide {@code SecureRandom} that reads
 * {@code /dev/urandom} under a lock, about 2% of a purchase's CPU in a profile and a point where every thread queues.
 * A DRBG seeded once from the operating system is as unpredictable, without a system call or a shared lock.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    /** Random bytes for this many identifiers are drawn at once. */
    private static final int IDENTIFIERS_A_DRAW = 64;
    private static final int BYTES_AN_IDENTIFIER = 10;

    private static final ThreadLocal<RandomBytes> RANDOM = ThreadLocal.withInitial(RandomBytes::new);

    private final LongSupplier epochMillis;

    /** The factory Axon loads: the system's wall clock (an identifier's time orders it, nothing reads it back). */
    public TimeOrderedIdentifierFactory() {
        this(System::currentTimeMillis);
    }

    TimeOrderedIdentifierFactory(LongSupplier epochMillis) {
        this.epochMillis = epochMillis;
    }

    @Override
    public String generateIdentifier() {
        ByteBuffer random = RANDOM.get().next();
        long mostSignificant = (epochMillis.getAsLong() << 16) | 0x7000L | (random.getShort() & 0x0fffL);   // 48-bit time, version 7
        long leastSignificant = (random.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;             // IETF variant
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    /**
     * One thread's DRBG and the bytes it drew last. Each call into the DRBG costs two hashes besides the output's own, so
     * drawing ten bytes for each identifier spent most of it there (1.7% of a purchase's CPU in a profile, bench/NOTES.md
     * item 61); one draw now serves {@link #IDENTIFIERS_A_DRAW} identifiers, each its own ten bytes of the output.
     */
    private static final class RandomBytes {
        private final SecureRandom random = newRandom();
        private final ByteBuffer drawn = ByteBuffer.allocate(IDENTIFIERS_A_DRAW * BYTES_AN_IDENTIFIER).position(IDENTIFIERS_A_DRAW * BYTES_AN_IDENTIFIER);

        /** The next identifier's ten random bytes, as a buffer positioned at its first. */
        ByteBuffer next() {
            if (!drawn.hasRemaining()) {
                random.nextBytes(drawn.array());
                drawn.clear();
            }
            return drawn;
        }

        private static SecureRandom newRandom() {
            try {
                return SecureRandom.getInstance("DRBG");
            } catch (NoSuchAlgorithmException e) {
                return new SecureRandom();
            }
        }
    }
}
