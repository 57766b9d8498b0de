package org.loyalty.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LevelCheckingLogFactoryTest {

    private static final String NAME = "org.loyalty.test.LevelChecking";

    /** A message that counts how often it is turned into text, as Spring's lazy {@code LogMessage} would be formatted. */
    private static final class CountedMessage {
        final AtomicInteger rendered = new AtomicInteger();

        @Override
        public String toString() {
            rendered.incrementAndGet();
            return "the message";
        }
    }

    private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        level = logback.getLevel();
        appender.start();
        logback.addAppender(appender);
    }

    @AfterEach
    void restore() {
        logback.detachAppender(appender);
        logback.setLevel(level);
    }

    @Test
    void commonsLoggingFindsThePlatformsFactory() {
        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckingLogFactory.class);
        assertThat(LogFactory.getLog(NAME)).isInstanceOf(LevelCheckingLog.class);
    }

    @Test
    void aMessageBelowTheLevelIsNeverTurnedIntoText() {
        logback.setLevel(Level.INFO);
        Log log = LogFactory.getLog(NAME);
        CountedMessage message = new CountedMessage();

        log.debug(message);
        log.trace(message, new IllegalStateException("ignored"));

        assertThat(message.rendered).hasValue(0);
        assertThat(appender.list).isEmpty();
    }

    @Test
    void aMessageAtAnEnabledLevelIsLoggedOnceWithItsThrowable() {
        logback.setLevel(Level.DEBUG);
        Log log = LogFactory.getLog(NAME);
        CountedMessage message = new CountedMessage();

        log.debug(message);
        log.warn(message, new IllegalStateException("the cause"));

        assertThat(message.rendered).hasValue(2);
        assertThat(appender.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(tuple(Level.DEBUG, "the message"),
                        tuple(Level.WARN, "the message"));
        assertThat(appender.list.get(1).getThrowableProxy().getMessage()).isEqualTo("the cause");
        assertThat(appender.list.get(0).getLoggerName()).isEqualTo(NAME);
    }
}
