package org.loyalty.api.returns;

/** The answer to a return: the points taken back and the balance after (negative when they had been spent). */
public record ReturnReceipt(String memberId, String returnId, long pointsTaken, long balance, boolean replayed) {

    public ReturnReceipt asReplay() {
        return new ReturnReceipt(memberId, returnId, pointsTaken, balance, true);
    }
}
