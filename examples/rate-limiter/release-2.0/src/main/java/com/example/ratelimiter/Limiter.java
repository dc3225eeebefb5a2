package com.example.ratelimiter;

import dev.baton.core.describe.annotation.Description;
import dev.baton.core.describe.annotation.Since;
import dev.baton.core.describe.annotation.Unsigned;
import dev.baton.core.describe.annotation.Width;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limiter's state: its limits and each client's bucket. It is the one section the limiter
 * saves and migrates, described from the class itself ({@link LimiterDescriptions}): a field for
 * each field, in this order. Release 2.0 counts the requests it refused: version 2 of the section.
 */
@Description(name = "limiter", version = 2)
public final class Limiter {
    /** Requests a client may make at once: the tokens of a full bucket. */
    @Unsigned @Width(32) long capacity;
    /** Tokens a bucket gets back in a minute. */
    @Unsigned @Width(32) long refillPerMinute;
    /** Each client's bucket, by the client's name. */
    Map<String, Bucket> buckets = new LinkedHashMap<>();
    /** Requests refused since the limiter started; from version 2 on (release 1.0 did not count them). */
    @Since(2) @Unsigned long refused;
}
