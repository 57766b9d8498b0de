package org.loyalty.api.member;

/**
 * Asks an account to do whatever time has made due: expire points, re-qualify its tier, issue a
 * birthday reward. Sent by the platform's scheduler; harmless to send twice.
 */
public record ProcessDueWork(String memberId) {
}
