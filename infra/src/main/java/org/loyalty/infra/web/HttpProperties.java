package org.loyalty.infra.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a client may send ({@code loyalty.http}).
 *
 * @param maxRequestBytes the largest request body accepted; a larger one is refused with 413 before it
 *                        is read (declared Content-Length) or as soon as it passes the limit (chunked)
 */
@ConfigurationProperties("loyalty.http")
public record HttpProperties(@DefaultValue("256KB") DataSize maxRequestBytes) {
}
