/**
 * Pure domain policies: how points are earned, what a valid purchase or enrollment is. Plain Java
 * on top of the api contract; no Spring, no Axon, so every policy is testable with a fixed Clock.
 */
package org.loyalty.rules;
