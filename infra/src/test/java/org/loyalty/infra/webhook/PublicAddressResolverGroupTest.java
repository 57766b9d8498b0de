package org.loyalty.infra.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.resolver.AddressResolver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Webhooks go to public addresses only: the resolver the dispatcher connects through refuses the rest. */
class PublicAddressResolverGroupTest {

    static NioEventLoopGroup loop;

    @BeforeAll
    static void start() {
        loop = new NioEventLoopGroup(1);
    }

    @AfterAll
    static void stop() {
        loop.shutdownGracefully();
    }

    @Test
    void loopbackPrivateLinkLocalAndMappedAddressesAreNotPublic() throws UnknownHostException {
        for (String address : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "0.0.0.0",
                "100.64.0.1", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254"}) {
            assertThat(PublicAddressResolverGroup.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : new String[] {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "172.32.0.1"}) {
            assertThat(PublicAddressResolverGroup.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void registrationRefusesLocalhostAndLiteralInternalAddressesWithoutALookup() {
        assertThat(PublicAddressResolverGroup.mayBePublic("localhost")).isFalse();
        assertThat(PublicAddressResolverGroup.mayBePublic("api.localhost")).isFalse();
        assertThat(PublicAddressResolverGroup.mayBePublic("169.254.169.254")).isFalse();
        assertThat(PublicAddressResolverGroup.mayBePublic("[::1]")).isFalse();
        assertThat(PublicAddressResolverGroup.mayBePublic("127.1")).isFalse();
        assertThat(PublicAddressResolverGroup.mayBePublic("crm.example.com")).as("names are checked when resolved").isTrue();
        assertThat(PublicAddressResolverGroup.mayBePublic("93.184.216.34")).isTrue();
    }

    @Test
    void theResolverRefusesNamesAndLiteralsThatLeadInside() throws Exception {
        AddressResolver<InetSocketAddress> resolver = new PublicAddressResolverGroup().getResolver(loop.next());
        for (InetSocketAddress target : new InetSocketAddress[] {InetSocketAddress.createUnresolved("localhost", 80),
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 8080),
                InetSocketAddress.createUnresolved("169.254.169.254", 80)}) {
            var resolved = resolver.resolve(target).await();
            assertThat(resolved.isSuccess()).as(target.toString()).isFalse();
            assertThat(resolved.cause()).isInstanceOf(UnknownHostException.class).hasMessageContaining("non-public");
            assertThat(resolver.resolveAll(target).await().isSuccess()).as(target + " (all)").isFalse();
        }
        var ok = resolver.resolve(new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 443)).await();
        assertThat(ok.isSuccess()).isTrue();
        assertThat(ok.getNow().getAddress().getHostAddress()).isEqualTo("93.184.216.34");
    }
}
