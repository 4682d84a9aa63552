package io.quantsinfra.core.silence;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.promql.LabelMatcher;
import io.quantsinfra.core.promql.Labels;
import io.quantsinfra.core.promql.PromDuration;
import io.quantsinfra.core.routing.Matchers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Adds, lists and expires silences, and answers which silences mute an alert.
 *
 * {@snippet :
 * Silence s = silences.add(List.of("alertname=HighCpu", "service_name=~\"freqtrade-.*\""), Duration.ofHours(2),
 *         "deploying a fix", "alice");
 * silences.expire(s.id());
 * }
 */
public final class SilenceService {
    /** The longest a silence may last. */
    public static final Duration MAX_DURATION = Duration.ofDays(30);
    /** The most matchers one silence may hold: a silence names what it mutes; Alertmanager's UI shows a handful. */
    public static final int MAX_MATCHERS = 32;
    /** The longest comment, in characters: a reason and a ticket link, not a log. */
    public static final int MAX_COMMENT_LENGTH = 500;
    /** How long after its end an expired silence is still checked for alerts it left firing. */
    static final Duration NOTICE_WINDOW = Duration.ofHours(1);

    private final SilenceStore store;
    private final Clock clock;

    public SilenceService(SilenceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Silence add(List<String> matchers, Duration duration, String comment, String author) {
        if (matchers == null || matchers.isEmpty()) {
            throw new InvalidInputException("matchers", "a silence needs at least one matcher, like alertname=HighCpu");
        }
        List<LabelMatcher> parsed = new ArrayList<>();
        if (matchers.size() > MAX_MATCHERS) {
            throw tooManyMatchers(matchers.size());
        }
        for (int i = 0; i < matchers.size(); i++) {
            try {
                parsed.addAll(Matchers.parseList(matchers.get(i)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("matchers[" + i + "]", e.getMessage());
            }
            if (parsed.size() > MAX_MATCHERS) {
                throw tooManyMatchers(parsed.size());
            }
        }
        if (parsed.stream().allMatch(LabelMatcher::matchesEmpty)) {
            throw new InvalidInputException("matchers", "at least one matcher must not match an empty label; "
                    + "otherwise the silence would mute every alert");
        }
        if (duration == null || duration.isZero() || duration.isNegative() || duration.compareTo(MAX_DURATION) > 0) {
            throw new InvalidInputException("duration", "a silence lasts more than 0 and at most 30d, got "
                    + (duration == null ? "nothing" : io.quantsinfra.core.promql.PromDuration.format(duration)));
        }
        if (comment == null || comment.isBlank()) {
            throw new InvalidInputException("comment", "say why: a silence needs a comment");
        }
        if (comment.length() > MAX_COMMENT_LENGTH) {
            throw new InvalidInputException("comment", "the comment is " + comment.length() + " characters; the limit is "
                    + MAX_COMMENT_LENGTH + " characters");
        }
        if (author == null || author.isBlank()) {
            throw new InvalidInputException("author", "a silence needs an author");
        }
        Instant now = clock.instant();
        Silence s = new Silence(UUID.randomUUID().toString(), parsed, now, now.plus(duration), author, comment.strip(), now,
                false, 1);
        store.put(s);
        return s;
    }

    private static InvalidInputException tooManyMatchers(int n) {
        return new InvalidInputException("matchers", "the silence has " + n + " matchers; the limit is " + MAX_MATCHERS
                + " matchers per silence");
    }

    /**
     * {@link #addAs(String, String, List, Duration, String)} with the duration as a request writes it, Prometheus
     * style ({@code 30m}, {@code 2h}, {@code 1d}); InvalidInputException on field {@code duration} when it is not one.
     */
    public Silence addAs(String caller, String claimedAuthor, List<String> matchers, String duration, String comment) {
        Duration d;
        try {
            d = PromDuration.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("duration", e.getMessage());
        }
        return addAs(caller, claimedAuthor, matchers, d, comment);
    }

    /**
     * Adds a silence in the caller's name: the author recorded is the identity that made the request (the IAM
     * principal on AWS, the local user in local mode), never one the request names. A request that names another
     * author is refused, so nobody posts silences in someone else's name by mistake or on purpose.
     */
    public Silence addAs(String caller, String claimedAuthor, List<String> matchers, Duration duration, String comment) {
        if (claimedAuthor != null && !claimedAuthor.isBlank() && !claimedAuthor.strip().equals(caller)) {
            throw new InvalidInputException("author", "a silence is recorded under the caller's identity ("
                    + caller + "); leave author out");
        }
        return add(matchers, duration, comment, caller);
    }

    /** Every silence, newest first. */
    public List<Silence> list() {
        List<Silence> all = new ArrayList<>(store.all());
        all.sort(Comparator.comparing(Silence::createdAt).reversed());
        return all;
    }

    public Silence expire(String id) {
        Silence s = store.get(id).orElseThrow(() -> new NotFoundException("silence " + id + " does not exist"));
        Instant now = clock.instant();
        if (s.status(now).equals("expired")) {
            throw new ConflictException("silence " + id + " already expired at " + s.endsAt());
        }
        Silence expired = s.with(now, false);
        store.put(expired);
        return expired;
    }

    /** The ids of the silences muting an alert with {@code labels} at {@code now}. */
    public List<String> mutedBy(List<Silence> silences, Labels labels, Instant now) {
        List<String> out = new ArrayList<>();
        for (Silence s : silences) {
            if (s.status(now).equals("active") && s.matches(labels)) {
                out.add(s.id());
            }
        }
        return out;
    }

    /**
     * For each silence that expired (within the last hour) and has not been looked at, a notice naming the
     * alerts it muted that still fire; every such silence is then marked, so each notice is given once.
     */
    public List<String> expiryNotices(List<Silence> silences, List<Labels> firing, Instant now) {
        List<String> notices = new ArrayList<>();
        for (Silence s : silences) {
            if (s.expiryNoticed() || !s.status(now).equals("expired") || s.endsAt().isBefore(now.minus(NOTICE_WINDOW))) {
                continue;
            }
            List<String> still = firing.stream().filter(s::matches).map(Labels::toString).toList();
            try {
                store.put(s.with(s.endsAt(), true));
            } catch (ConflictException e) {
                continue;
            }
            if (!still.isEmpty()) {
                notices.add("silence " + s.id() + " (" + s.comment() + ", by " + s.createdBy() + ") expired at " + s.endsAt()
                        + " while " + still.size() + " alert(s) it muted still fire: " + String.join(", ", still));
            }
        }
        return notices;
    }
}
