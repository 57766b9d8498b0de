package org.loyalty.api.returns;

/** Units of one SKU brought back, and the points they had earned. */
public record ReturnedItem(String sku, int quantity, long points) {
}
