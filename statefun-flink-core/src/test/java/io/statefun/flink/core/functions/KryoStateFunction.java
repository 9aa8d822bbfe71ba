package io.statefun.flink.core.functions;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.KryoSerializable;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.statefun.sdk.Context;
import io.statefun.sdk.FunctionType;
import io.statefun.sdk.StatefulFunction;
import io.statefun.sdk.annotations.Persisted;
import io.statefun.sdk.state.PersistedValue;

/**
 * Keeps a {@link Profile}, a state class that falls back to Kryo, for the restore failure tests: a
 * "set" input stores one, any other input emits nothing and reads it.
 */
final class KryoStateFunction implements StatefulFunction {
  static final FunctionType TYPE = new FunctionType("operator-test", "kryo-state");

  @Persisted
  private final PersistedValue<Profile> profile = PersistedValue.of("profile", Profile.class);

  /**
   * Read by Kryo; after {@link #changeIncompatibly()} reading fails as Kryo does when a class
   * gained a field since the snapshot was written.
   */
  static final class Profile implements KryoSerializable {
    private static volatile boolean changed;

    String name = "";

    static void changeIncompatibly() {
      changed = true;
    }

    static void restoreOriginal() {
      changed = false;
    }

    @Override
    public void write(Kryo kryo, Output output) {
      output.writeString(name);
    }

    @Override
    public void read(Kryo kryo, Input input) {
      if (changed) {
        throw new KryoException("Unable to resolve reference for String with id: 2");
      }
      name = input.readString();
    }
  }

  @Override
  public void invoke(Context context, Object input) {
    if ("set".equals(input)) {
      Profile p = new Profile();
      p.name = context.self().id();
      profile.set(p);
    } else {
      profile.get();
    }
  }
}
