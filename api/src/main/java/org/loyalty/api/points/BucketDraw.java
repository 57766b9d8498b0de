package org.loyalty.api.points;

/** Points taken from (or given back to) one bucket: what makes spending, expiry and cancellation exact. */
public record BucketDraw(String bucketId, long points) {
}
