package org.loyalty.api.returns;

/** Units of one SKU of the original purchase being returned. */
public record ReturnItem(String sku, int quantity) {
}
