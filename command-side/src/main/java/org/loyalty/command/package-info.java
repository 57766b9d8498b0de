/**
 * The write side: the member account aggregate and the command handlers that guard it. Every
 * decision that must be consistent (idempotency, balances, uniqueness) is taken here, in the same
 * database transaction that appends the events, never in a read model.
 */
package org.loyalty.command;
