package com.example.ratelimiter;

import dev.baton.core.describe.annotation.Description;

/** A client's bucket: its tokens when it was last updated. */
@Description(name = "limiter.bucket")
public record Bucket(double tokens, long updatedAtMillis) {
}
