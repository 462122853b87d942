package dev.patchbay.connection.ssh;

import dev.patchbay.connection.SshAlgorithms;
import dev.patchbay.connection.SshOptions;
import dev.patchbay.io.SshNegotiationFailedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.auth.UserAuthFactory;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.OptionalFeature;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KexProposalOption;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.common.signature.Signature;

/**
 * One connection attempt's SSH handshake, kept as an attribute of the session's connection context:
 * it gives the session the algorithms the connection asked for (before the key exchange proposal is
 * sent) and records what the peer sent, so that a failure can be told apart: no SSH identification
 * (not an SSH server), no algorithm in common (with both sides' lists), or a refusal after the key
 * exchange.
 */
final class Handshake {

  static final AttributeKey<Handshake> KEY = new AttributeKey<>();

  private static final int MAX_LINE_KEPT = 80;

  private final SshOptions options;
  private volatile String firstLine;
  private volatile String serverVersion;
  private volatile boolean negotiated;
  private volatile Map<KexProposalOption, String> clientProposal;
  private volatile Map<KexProposalOption, String> serverProposal;
  private volatile Throwable negotiationFailure;
  private volatile boolean authenticated;

  Handshake(SshOptions options) {
    this.options = options;
  }

  /** Sets the session's algorithms; called when the session is created, before its KEXINIT. */
  void configure(ClientSession session) {
    session.setKeyExchangeFactories(
        factories(
            SshAlgorithms.Kind.KEX,
            name -> {
              BuiltinDHFactories dh = BuiltinDHFactories.fromFactoryName(name);
              return dh == null || !dh.isSupported() ? null : ClientBuilder.DH2KEX.apply(dh);
            }));
    session.setCipherFactories(
        factories(
            SshAlgorithms.Kind.CIPHER, name -> supported(BuiltinCiphers.fromFactoryName(name))));
    session.setMacFactories(
        factories(SshAlgorithms.Kind.MAC, name -> supported(BuiltinMacs.fromFactoryName(name))));
    session.setSignatureFactories(signatures(SshAlgorithms.Kind.HOST_KEY));
    List<UserAuthFactory> auth = new ArrayList<>();
    for (UserAuthFactory factory : session.getUserAuthFactories()) {
      auth.add(
          factory instanceof UserAuthPublicKeyFactory
              ? new UserAuthPublicKeyFactory(signatures(SshAlgorithms.Kind.PUBKEY))
              : factory);
    }
    session.setUserAuthFactories(auth);
  }

  /**
   * After a key exchange, before authentication: MINA signs public-key authentication with the
   * session's signature algorithms (its host key list) rather than the auth factory's, so they
   * become the public-key list until {@link #authenticated}.
   */
  void keyEstablished(ClientSession session) {
    if (!authenticated) {
      session.setSignatureFactories(signatures(SshAlgorithms.Kind.PUBKEY));
    }
  }

  /** Back to the host key list, which a later key exchange (re-keying) offers again. */
  void authenticated(ClientSession session) {
    authenticated = true;
    session.setSignatureFactories(signatures(SshAlgorithms.Kind.HOST_KEY));
  }

  private List<NamedFactory<Signature>> signatures(SshAlgorithms.Kind kind) {
    return factories(kind, name -> supported(BuiltinSignatures.fromFactoryName(name)));
  }

  /** The library's factory for an algorithm, if it has one and it works on this JVM. */
  static OptionalFeature libraryFactory(SshAlgorithms.Kind kind, String name) {
    return supported(
        switch (kind) {
          case KEX -> BuiltinDHFactories.fromFactoryName(name);
          case CIPHER -> BuiltinCiphers.fromFactoryName(name);
          case MAC -> BuiltinMacs.fromFactoryName(name);
          case HOST_KEY, PUBKEY -> BuiltinSignatures.fromFactoryName(name);
        });
  }

  private static <T extends OptionalFeature> T supported(T factory) {
    return factory == null || !factory.isSupported() ? null : factory;
  }

  /** The library's factories for the connection's {@code kind} list, in order, if supported. */
  private <T> List<T> factories(SshAlgorithms.Kind kind, Function<String, T> lookup) {
    return options.algorithms(kind).stream().map(lookup).filter(Objects::nonNull).toList();
  }

  void line(String line) {
    if (firstLine == null && line != null && !line.isBlank()) {
      String printable = line.replaceAll("\\p{Cntrl}", "?");
      firstLine =
          printable.length() > MAX_LINE_KEPT ? printable.substring(0, MAX_LINE_KEPT) : printable;
    }
  }

  void identified(String version) {
    serverVersion = version;
  }

  void negotiationEnded(
      Map<KexProposalOption, String> client,
      Map<KexProposalOption, String> server,
      Throwable reason) {
    if (reason == null) {
      negotiated = true;
    } else {
      clientProposal = Map.copyOf(client);
      serverProposal = Map.copyOf(server);
      negotiationFailure = reason;
    }
  }

  /** True once the peer sent an SSH identification line. */
  boolean identified() {
    return serverVersion != null;
  }

  /** True once the key exchange agreed on algorithms. */
  boolean negotiated() {
    return negotiated;
  }

  /** The first non-SSH line the peer sent, cut short and with control characters replaced. */
  String firstLine() {
    return firstLine;
  }

  boolean negotiationFailed() {
    return negotiationFailure != null;
  }

  private static final Map<KexProposalOption, SshAlgorithms.Kind> KINDS = kinds();

  private static Map<KexProposalOption, SshAlgorithms.Kind> kinds() {
    Map<KexProposalOption, SshAlgorithms.Kind> kinds = new EnumMap<>(KexProposalOption.class);
    kinds.put(KexProposalOption.ALGORITHMS, SshAlgorithms.Kind.KEX);
    kinds.put(KexProposalOption.SERVERKEYS, SshAlgorithms.Kind.HOST_KEY);
    kinds.put(KexProposalOption.C2SENC, SshAlgorithms.Kind.CIPHER);
    kinds.put(KexProposalOption.S2CENC, SshAlgorithms.Kind.CIPHER);
    kinds.put(KexProposalOption.C2SMAC, SshAlgorithms.Kind.MAC);
    kinds.put(KexProposalOption.S2CMAC, SshAlgorithms.Kind.MAC);
    return kinds;
  }

  /**
   * The negotiation problem: the first list without an algorithm in common, both sides' lists and
   * the option that adds one of the device's algorithms Patchbay has.
   */
  SshNegotiationFailedException failure(String endpoint) {
    for (Map.Entry<KexProposalOption, SshAlgorithms.Kind> entry : KINDS.entrySet()) {
      List<String> ours = names(clientProposal.get(entry.getKey()));
      List<String> theirs = names(serverProposal.get(entry.getKey()));
      if (ours.isEmpty() || theirs.isEmpty() || theirs.stream().anyMatch(ours::contains)) {
        continue;
      }
      SshAlgorithms.Kind kind = entry.getValue();
      String add =
          theirs.stream().filter(SshAlgorithms.available(kind)::contains).findFirst().orElse(null);
      String suggestion = add == null ? null : "-o" + kind.option() + "=+" + add;
      String detail =
          "SSH negotiation with "
              + endpoint
              + " failed: the device offers "
              + kind.label()
              + " "
              + theirs
              + "; Patchbay offers "
              + ours
              + "; "
              + (suggestion == null
                  ? "Patchbay supports none of the device's algorithms"
                  : "add " + suggestion + " to ssh_options");
      return new SshNegotiationFailedException(
          detail, kind.label(), theirs, ours, suggestion, negotiationFailure);
    }
    return new SshNegotiationFailedException(
        "SSH negotiation with " + endpoint + " failed: " + negotiationFailure.getMessage(),
        "unknown",
        List.of(),
        List.of(),
        null,
        negotiationFailure);
  }

  /** A proposal's names without the protocol markers (ext-info-c, kex-strict-…). */
  private static List<String> names(String proposal) {
    if (proposal == null || proposal.isBlank()) {
      return List.of();
    }
    return Arrays.stream(proposal.split(","))
        .filter(n -> !n.startsWith("ext-info-") && !n.startsWith("kex-strict-"))
        .toList();
  }
}
