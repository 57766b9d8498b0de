/**
 * Customer-base ("buy till you die") retention models in plain Java: the BG/NBD purchase and
 * drop-out model of Fader, Hardie and Lee (2005, "Counting your customers the easy way") and the
 * Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV"), with maximum-likelihood
 * fitters built on a self-contained Nelder-Mead simplex search. No third-party libraries.
 *
 * <p>Time is measured in whatever unit the calibration data use (weeks for CDNOW).
 */
package org.loyalty.query.retention;
