package dev.askpage.installer.registry;

import java.io.IOException;
import java.util.Optional;

/** The parts of the Windows registry the installer uses: a key's default value under HKCU. */
public interface Registry {
  /** Creates {@code key} (e.g. {@code HKCU\Software\Mozilla\NativeMessagingHosts\dev.askpage.host}) with {@code value}. */
  void setDefaultValue(String key, String value) throws IOException, RegistryException;

  /** The default value of {@code key}, or empty when the key does not exist. */
  Optional<String> defaultValue(String key) throws IOException, RegistryException;

  /** Deletes {@code key}; returns whether it existed. */
  boolean deleteKey(String key) throws IOException, RegistryException;
}
