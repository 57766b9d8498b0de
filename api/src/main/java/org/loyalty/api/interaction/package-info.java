/**
 * Member interactions: support requests and their resolution, complaints, surveys (NPS, CSAT, CES),
 * app visits and reviews, on any channel; and the member's timeline, which shows them with the
 * account's own events.
 */
package org.loyalty.api.interaction;
