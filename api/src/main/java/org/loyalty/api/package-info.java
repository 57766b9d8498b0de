/**
 * The message contract shared by every module: commands (imperative), events (past-tense facts),
 * query results and value objects. Records only; no Spring and no Axon here, so the contract can
 * be read and serialized without the runtime.
 *
 * <p>Once an event has been stored its shape changes only through an upcaster.
 */
package org.loyalty.api;
