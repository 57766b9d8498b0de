/**
 * The read side: projections that turn events into tables (JDBC, inside the event processor's
 * transaction together with its token, so each event is applied exactly once, also on replay) and
 * readers that serve those tables without blocking (R2DBC).
 */
package org.loyalty.query;
