package com.example.ratelimiter;

import dev.baton.core.describe.annotation.Description;
import dev.baton.core.describe.annotation.Unsigned;
import dev.baton.core.describe.annotation.Width;

/**
 * What a client that keeps asking when refused has earned: its refusals in a row, and the time
 * until which it is refused whatever its tokens (0: it is not blocked). New in release 2.0.
 */
@Description(name = "limiter.penalty")
public record Penalty(@Unsigned @Width(16) int strikes, long blockedUntilMillis) {
    /** No refusals, not blocked. */
    public static final Penalty NONE = new Penalty(0, 0);
}
