package org.loyalty.infra.security;

/**
 * The header names and values Spring Security's strict firewall accepts, checked by a loop over the code points
 * instead of its regular expressions. Why: the firewall checks every header the application reads, on every request,
 * and its patterns ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*} for names, the same with tab allowed for values) took
 * 2% of a node's CPU under 2,000 purchases/s, for a question a loop answers the same way (bench/NOTES.md item 30; a
 * test compares both on assigned, unassigned, control and surrogate characters).
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** Every code point assigned by Unicode and none a control character; no text at all passes, as in Spring's check. */
    static boolean validName(String name) {
        return valid(name, false);
    }

    /** As a name, but tabs allowed. */
    static boolean validValue(String value) {
        return valid(value, true);
    }

    private static boolean valid(String text, boolean tabAllowed) {
        if (text == null) {
            return true;
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int type = Character.getType(c);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && c == '\t')) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
