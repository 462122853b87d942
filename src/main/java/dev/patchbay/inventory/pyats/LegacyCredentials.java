package dev.patchbay.inventory.pyats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The credential blocks of testbed files written before pyATS had {@code credentials:}, mapped as
 * pyATS's loader maps them: {@code tacacs.username} with {@code passwords.tacacs} is the {@code
 * default} credential, {@code passwords.enable} the {@code enable} one and {@code passwords.line}
 * the {@code line} one. The blocks themselves are kept as written (and exported so); the
 * credentials derived from them are not exported.
 */
final class LegacyCredentials {

  static final String TACACS = "tacacs";
  static final String PASSWORDS = "passwords";

  /** A credential the legacy blocks stand for: where its username and password were written. */
  record Derived(String name, YamlPath username, YamlPath password) {}

  private LegacyCredentials() {}

  /** The credentials the legacy blocks in {@code extra} (of the block at {@code owner}) give. */
  static List<Derived> derive(Map<String, Object> extra, YamlPath owner) {
    Map<?, ?> tacacs = extra.get(TACACS) instanceof Map<?, ?> m ? m : Map.of();
    Map<?, ?> passwords = extra.get(PASSWORDS) instanceof Map<?, ?> m ? m : Map.of();
    List<Derived> out = new ArrayList<>();
    YamlPath user = tacacs.get("username") != null ? owner.child(TACACS).child("username") : null;
    YamlPath tacacsPassword = path(passwords, owner, "tacacs");
    if (user != null || tacacsPassword != null) {
      out.add(new Derived("default", user, tacacsPassword));
    }
    YamlPath enable = path(passwords, owner, "enable");
    if (enable != null) {
      out.add(new Derived("enable", null, enable));
    }
    YamlPath line = path(passwords, owner, "line");
    if (line != null) {
      out.add(new Derived("line", null, line));
    }
    return out;
  }

  /** The names of the credentials the legacy blocks in {@code extra} give. */
  static List<String> names(Map<String, Object> extra) {
    return derive(extra, YamlPath.root()).stream().map(Derived::name).toList();
  }

  private static YamlPath path(Map<?, ?> passwords, YamlPath owner, String key) {
    return passwords.get(key) != null ? owner.child(PASSWORDS).child(key) : null;
  }
}
