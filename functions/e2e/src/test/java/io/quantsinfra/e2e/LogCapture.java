package io.quantsinfra.e2e;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.filter.Filter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line the API writes (down to DEBUG) with its MDC and throwable chain, for leak scans. The root's
 * other appenders (the console) keep printing only what they printed before: the DEBUG lines go to the capture, not
 * to the build log.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level before = root.getLevel();
    /** Each other appender of the root, with the filters it had before this capture added a threshold. */
    private final Map<Appender<ILoggingEvent>, List<Filter<ILoggingEvent>>> quieted = new LinkedHashMap<>();

    LogCapture() {
        setContext(root.getLoggerContext());
        start();
        root.iteratorForAppenders().forEachRemaining(a -> {
            quieted.put(a, a.getCopyOfAttachedFiltersList());
            ThresholdFilter threshold = new ThresholdFilter();
            threshold.setLevel(before.levelStr);
            threshold.start();
            a.addFilter(threshold);
        });
        root.addAppender(this);
        root.setLevel(Level.DEBUG);
    }

    @Override
    protected void append(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getLoggerName()).append(' ').append(e.getFormattedMessage())
                .append(' ').append(e.getMDCPropertyMap());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
        }
        lines.add(b.toString());
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        root.detachAppender(this);
        root.setLevel(before);
        quieted.forEach((appender, filters) -> {
            appender.clearAllFilters();
            filters.forEach(appender::addFilter);
        });
        stop();
    }
}
