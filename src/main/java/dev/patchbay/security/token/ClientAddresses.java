package dev.patchbay.security.token;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who the client is, for failed-authentication limits and the audit: the peer's address, or, when
 * the peer is one of {@code patchbay.auth.trusted-proxies}, the address it forwarded in {@code
 * X-Forwarded-For} (the right-most entry that is not itself a trusted proxy). From any other peer
 * the header is ignored: a client cannot pick the address it is counted under. Entries are read as
 * IP literals only, never resolved.
 */
final class ClientAddresses {

  static final String FORWARDED_FOR = "X-Forwarded-For";

  private final List<Block> trusted;

  /**
   * @param trustedProxies IP addresses or CIDR blocks ({@code 10.0.0.0/8}, {@code fd00::/8})
   * @throws IllegalArgumentException naming an entry that is neither
   */
  ClientAddresses(List<String> trustedProxies) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : trustedProxies) {
      blocks.add(Block.parse(entry.strip()));
    }
    this.trusted = List.copyOf(blocks);
  }

  String of(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null || remote.getAddress() == null) {
      return "unknown";
    }
    InetAddress peer = remote.getAddress();
    if (!isTrusted(peer)) {
      return peer.getHostAddress();
    }
    List<String> forwarded = exchange.getRequest().getHeaders().get(FORWARDED_FOR);
    if (forwarded == null) {
      return peer.getHostAddress();
    }
    List<String> hops = new ArrayList<>();
    forwarded.forEach(value -> hops.addAll(List.of(value.split(","))));
    InetAddress client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      InetAddress hop = NetUtil.createInetAddressFromIpAddressString(hops.get(i).strip());
      if (hop == null) {
        break;
      }
      client = hop;
      if (!isTrusted(hop)) {
        break;
      }
    }
    return client.getHostAddress();
  }

  private boolean isTrusted(InetAddress address) {
    for (Block block : trusted) {
      if (block.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /** An address and how many leading bits of it count. */
  private record Block(byte[] network, int bits) {

    static Block parse(String entry) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
      if (bytes == null) {
        throw new IllegalArgumentException(
            "patchbay.auth.trusted-proxies: '" + entry + "' is not an IP address or CIDR block");
      }
      int bits = bytes.length * 8;
      if (slash >= 0) {
        try {
          bits = Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
          bits = -1;
        }
        if (bits < 0 || bits > bytes.length * 8) {
          throw new IllegalArgumentException(
              "patchbay.auth.trusted-proxies: '" + entry + "' has an invalid prefix length");
        }
      }
      return new Block(bytes, bits);
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit += 8) {
        int mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
        if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
