package fedvec.learning.network;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads the PyTorch engine (its native library and first tensor, about a second) once per JVM on a
 * background thread, so that a node's start-up (actor system, cluster join) overlaps it instead of
 * waiting for it when the run begins.
 */
public final class EngineWarmUp {
  private static CompletableFuture<Void> loading;

  private EngineWarmUp() {}

  /** Starts loading the engine, unless it is loading or loaded already. */
  public static synchronized CompletableFuture<Void> start() {
    if (loading == null) {
      CompletableFuture<Void> future = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  load();
                  future.complete(null);
                } catch (Throwable e) {
                  future.completeExceptionally(e);
                }
              },
              "fedvec-engine-load");
      thread.setDaemon(true);
      thread.start();
      loading = future;
    }
    return loading;
  }

  /** Waits until the engine is loaded; throws what loading it threw. */
  public static void await() {
    try {
      start().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private static void load() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      manager.zeros(new Shape(1)).close();
    }
  }
}
