package org.loyalty.infra.webhook;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves webhook hosts for the HTTP client and refuses every address that is not public (loopback, private,
 * link-local such as the cloud metadata service at 169.254.169.254, unique-local, multicast, unspecified):
 * a subscriber URL must not make the platform call into its own network (SSRF). The check runs on the
 * addresses actually connected to, at every delivery, so a DNS name that later re-points inside is refused
 * too. Literal IP addresses go through the same check.
 */
final class PublicAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        DefaultNameResolver names = new DefaultNameResolver(executor);
        return new AbstractAddressResolver<>(executor, InetSocketAddress.class) {
            @Override
            protected boolean doIsResolved(InetSocketAddress address) {
                // Never "already resolved": literal addresses are checked like names.
                return false;
            }

            @Override
            protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
                resolvePublic(names, unresolved, promise, allowed -> promise.setSuccess(allowed.get(0)));
            }

            @Override
            protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
                resolvePublic(names, unresolved, promise, promise::setSuccess);
            }
        };
    }

    /** Resolves the host and hands on its public addresses, or fails the promise when there are none. */
    private static void resolvePublic(DefaultNameResolver names, InetSocketAddress unresolved, Promise<?> promise,
                                      java.util.function.Consumer<List<InetSocketAddress>> onPublic) {
        names.resolveAll(unresolved.getHostString()).addListener(done -> {
            if (!done.isSuccess()) {
                promise.setFailure(done.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetAddress> addresses = (List<InetAddress>) done.getNow();
            List<InetSocketAddress> allowed = new ArrayList<>();
            publicOnes(addresses).forEach(address -> allowed.add(new InetSocketAddress(address, unresolved.getPort())));
            if (allowed.isEmpty()) {
                promise.setFailure(refused(unresolved.getHostString(), addresses));
            } else {
                onPublic.accept(allowed);
            }
        });
    }

    private static List<InetAddress> publicOnes(List<InetAddress> addresses) {
        return addresses.stream().filter(PublicAddressResolverGroup::isPublic).toList();
    }

    private static UnknownHostException refused(String host, List<InetAddress> addresses) {
        return new UnknownHostException(host + " resolves only to non-public addresses " + addresses
                + "; webhooks are sent to public addresses (loyalty.webhooks.allow-private-addresses)");
    }

    /**
     * At registration, without a DNS lookup on the request thread: false for {@code localhost} and for literal
     * addresses that are not public; a name is checked when it is resolved, at each delivery.
     */
    static boolean mayBePublic(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost") || h.toLowerCase(java.util.Locale.ROOT).endsWith(".localhost")) {
            return false;
        }
        // Digits and dots (127.0.0.1, 127.1, 2130706433) or a colon (IPv6): an address, not a name.
        boolean literal = h.contains(":") || h.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        if (!literal) {
            return true;
        }
        try {
            return isPublic(InetAddress.getByName(h));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Whether a subscriber may be at this address. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff, second = b[1] & 0xff;
            // 100.64/10 carrier-grade NAT, 0/8 "this network", 192.0.0/24 protocol assignments, 198.18/15 benchmarks, 240/4 reserved.
            return !(first == 0 || (first == 100 && second >= 64 && second < 128) || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240);
        }
        // IPv6 unique-local fc00::/7, and IPv4-mapped/compatible forms of a non-public IPv4 address.
        if ((b[0] & 0xfe) == 0xfc) {
            return false;
        }
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
            try {
                return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return true;
    }
}
