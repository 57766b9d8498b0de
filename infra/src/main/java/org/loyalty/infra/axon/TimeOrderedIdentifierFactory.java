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

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(TimeOrderedIdentifierFactory::newRandom);

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
        byte[] bytes = new byte[10];   // one draw: each call into the DRBG has a fixed cost
        RANDOM.get().nextBytes(bytes);
        ByteBuffer random = ByteBuffer.wrap(bytes);
        long mostSignificant = (epochMillis.getAsLong() << 16) | 0x7000L | (random.getShort() & 0x0fffL);   // 48-bit time, version 7
        long leastSignificant = (random.getLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;             // IETF variant
        return new UUID(mostSignificant, leastSignificant).toString();
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
