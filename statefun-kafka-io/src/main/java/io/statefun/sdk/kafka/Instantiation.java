package io.statefun.sdk.kafka;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates (de)serializers from their classes through a no-argument constructor of any visibility,
 * so a private nested class works as it did in StateFun.
 */
final class Instantiation {
  private Instantiation() {}

  static <T> T newInstance(Class<? extends T> type, String role, String owner) {
    try {
      Constructor<? extends T> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          "the "
              + role
              + " "
              + type.getName()
              + " of "
              + owner
              + " needs a constructor without arguments"
              + (type.isMemberClass() && !java.lang.reflect.Modifier.isStatic(type.getModifiers())
                  ? " (it is an inner class: make it static)"
                  : ""),
          e);
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException(
          "the constructor of " + role + " " + type.getName() + " of " + owner + " failed",
          e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot create the " + role + " " + type.getName() + " of " + owner, e);
    }
  }
}
