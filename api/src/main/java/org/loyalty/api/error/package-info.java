/**
 * The typed rejections a command can end in. They are part of the contract: the web layer maps
 * each kind to one HTTP status (400 invalid, 404 unknown, 409 conflict, 422 refused by a rule).
 */
package org.loyalty.api.error;
