package dev.axnode.kernel.members;

import dev.axnode.kernel.registry.VerticleSpec;

/** The deployment of {@link FakeKeystoreVerticle} under the keystore's name. */
final class FakeKeystoreSpec {

  private FakeKeystoreSpec() {
  }

  static VerticleSpec keystore() {
    return new VerticleSpec("keystore", FakeKeystoreVerticle.class.getName(), null, null);
  }
}
