package org.loyalty.infra.observability;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.commons.logging.impl.Slf4jLogFactory;

/**
 * The commons-logging factory the platform runs with (named in {@code META-INF/services}): Apache commons-logging's
 * own SLF4J factory, whose logs check their level before they turn a message into text.
 *
 * <p>Spring and Spring Security log with {@code log.debug(LogMessage.format(...))}, a message that is only formatted
 * when it is printed. Spring's former {@code spring-jcl} checked the level first; Apache commons-logging 1.3, which
 * Spring Framework 7 uses instead, calls {@code String.valueOf(message)} whatever the level (spring-framework issue
 * 37266). Every request then formatted several debug lines that were thrown away: 2% of the application's CPU on a
 * balance read (bench/NOTES.md item 19).
 */
public final class LevelCheckingLogFactory extends LogFactory {

    private final LogFactory slf4j = new Slf4jLogFactory();
    private final ConcurrentMap<String, Log> logs = new ConcurrentHashMap<>();

    @Override
    public Log getInstance(String name) {
        return logs.computeIfAbsent(name, n -> new LevelCheckingLog(slf4j.getInstance(n)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Log getInstance(Class clazz) {
        return getInstance(clazz.getName());
    }

    @Override
    public Object getAttribute(String name) {
        return slf4j.getAttribute(name);
    }

    @Override
    public String[] getAttributeNames() {
        return slf4j.getAttributeNames();
    }

    @Override
    public void removeAttribute(String name) {
        slf4j.removeAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        slf4j.setAttribute(name, value);
    }

    @Override
    public void release() {
        logs.clear();
        slf4j.release();
    }
}
