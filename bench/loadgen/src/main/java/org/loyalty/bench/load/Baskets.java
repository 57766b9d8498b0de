package org.loyalty.bench.load;

import java.util.concurrent.ThreadLocalRandom;

/** Coffee-shop baskets: 1 to 5 lines (mostly 1 or 2), prices as exact decimal literals (never doubles). */
final class Baskets {

    record Line(String sku, String category, String price) {
    }

    private static final Line[] MENU = {
            new Line("LATTE-TALL", "coffee", "3.95"), new Line("LATTE-GRANDE", "coffee", "4.75"),
            new Line("AMERICANO", "coffee", "3.25"), new Line("CAPPUCCINO", "coffee", "4.45"),
            new Line("COLD-BREW", "coffee", "4.95"), new Line("FRAPPUCCINO", "coffee", "5.95"),
            new Line("CHAI-LATTE", "tea", "4.65"), new Line("GREEN-TEA", "tea", "2.95"),
            new Line("CROISSANT", "bakery", "3.45"), new Line("MUFFIN", "bakery", "3.10"),
            new Line("BANANA-BREAD", "bakery", "3.75"), new Line("EGG-BITES", "food", "5.45"),
            new Line("PANINI", "food", "7.95"), new Line("PROTEIN-BOX", "food", "8.95"),
            new Line("BEANS-1LB", "merchandise", "16.95"), new Line("TUMBLER", "merchandise", "24.95")};
    /** Basket sizes 1..5. */
    private static final double[] SIZES = {0.45, 0.75, 0.90, 0.97, 1.0};
    private static final String[] PAYMENT = {"CARD", "CARD", "CARD", "STORED_VALUE_CARD", "STORED_VALUE_CARD",
            "MOBILE_WALLET", "CASH"};

    private Baskets() {
    }

    /** The purchase's JSON body; {@code firstSku} is what a later return takes back. */
    static String purchase(String transactionId, String memberId, String storeId, String occurredAt, String[] firstSku) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double u = random.nextDouble();
        int lines = 1;
        while (u > SIZES[lines - 1]) {
            lines++;
        }
        StringBuilder json = new StringBuilder(400).append("{\"transactionId\":\"").append(transactionId)
                .append("\",\"memberId\":\"").append(memberId)
                .append("\",\"storeId\":\"").append(storeId)
                .append("\",\"occurredAt\":\"").append(occurredAt)
                .append("\",\"currency\":\"USD\",\"paymentMethod\":\"").append(PAYMENT[random.nextInt(PAYMENT.length)])
                .append("\",\"items\":[");
        int start = random.nextInt(MENU.length);
        for (int i = 0; i < lines; i++) {
            // distinct lines: a return names a sku, and each sku appears once in the basket
            Line line = MENU[(start + i * 5) % MENU.length];
            if (i == 0) {
                firstSku[0] = line.sku;
            } else {
                json.append(',');
            }
            json.append("{\"sku\":\"").append(line.sku).append("\",\"category\":\"").append(line.category)
                    .append("\",\"quantity\":").append(random.nextDouble() < 0.85 ? 1 : 2)
                    .append(",\"unitPrice\":").append(line.price).append('}');
        }
        return json.append("]}").toString();
    }
}
