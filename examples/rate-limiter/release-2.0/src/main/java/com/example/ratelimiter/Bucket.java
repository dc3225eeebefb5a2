package com.example.ratelimiter;

import dev.baton.core.describe.annotation.AsSubsection;
import dev.baton.core.describe.annotation.Description;

/**
 * A client's bucket: its tokens when it was last updated, and, new in release 2.0, its penalty.
 * The penalty is a subsection, written only for a bucket that has one ({@link #penalized()}) and
 * only for releases that know it: release 1.0's profile pins its gate {@code limiter.penalties}
 * off, so what 2.0 saves for 1.0 leaves it out, and 1.0 loads it.
 */
@Description(name = "limiter.bucket")
public record Bucket(double tokens, long updatedAtMillis,
        @AsSubsection(needed = "penalized", gate = "limiter.penalties") Penalty penalty) {

    public Bucket {
        // a bucket saved without a penalty (by 1.0, or having none) gets none
        penalty = penalty == null ? Penalty.NONE : penalty;
    }

    boolean penalized() {
        return !penalty.equals(Penalty.NONE);
    }
}
