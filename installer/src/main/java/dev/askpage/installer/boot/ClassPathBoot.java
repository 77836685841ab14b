package dev.askpage.installer.boot;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the application from jars whose path Java 17's class path cannot take (an emoji in it; {@code :} when the
 * launcher runs from inside the folder, see {@code JvmPaths}): the launcher puts only this class on the module path
 * (its own small jar), and this class loads the jars through a {@link URLClassLoader} with correctly encoded URLs.
 *
 * <p>Arguments: the jars (absolute, or relative to the working folder), {@code --}, the main class, its arguments.
 * Nothing here writes to stdout: it is the browser's channel.
 */
public final class ClassPathBoot {
  private ClassPathBoot() {}

  /** Loads the jars, then runs the main class with the remaining arguments. */
  public static void main(String[] args) throws Throwable {
    int split = Arrays.asList(args).indexOf("--");
    if (split < 1 || split + 1 >= args.length) {
      System.err.println("askpage launcher: expected JAR... -- MAIN-CLASS [ARGS...]");
      System.exit(2);
    }
    List<String> jars = Arrays.asList(args).subList(0, split);
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = Path.of(jars.get(i)).toAbsolutePath().toUri().toURL();
    }
    ClassLoader loader = new URLClassLoader("askpage", urls, ClassLoader.getPlatformClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
    Method main = Class.forName(args[split + 1], true, loader).getMethod("main", String[].class);
    try {
      main.invoke(null, (Object) Arrays.copyOfRange(args, split + 2, args.length));
    } catch (InvocationTargetException e) {
      throw e.getCause(); // the application's own failure, as if it had been started directly
    }
  }
}
