package fedvec.learning.ddpg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The DDPG step ({@code ddpg-step.torchscript}) as one TorchScript method, and acting as another:
 * libtorch runs the step's ~200 ops in one native call, where the same ops issued one by one
 * through DJL cost a JNI call, Java wrappers and a handle each (measured side by side: 0.68x the
 * time of one agent's update, 0.84x per agent in a pass of 10; the same results bit for bit).
 *
 * <p>DJL loads TorchScript modules but cannot compile source, so the module is packaged here the
 * way {@code torch.jit.save} would: a zip of the source ({@code code/__torch__.py}), the pickled
 * module object ({@code data.pkl}: an instance of {@code __torch__.Step} with its {@code training}
 * flag), no constants and format version 3; {@code torch::jit::load} compiles the source. One
 * module per network shape and batch size, shared by every agent of the JVM (running it is
 * thread-safe). The graph executor's optimizations are off on the stepping thread, so the ops run
 * as written.
 */
final class TorchScriptStep {
  private static final Map<String, TorchScriptStep> LOADED = new ConcurrentHashMap<>(); // by shape
  private static final String SOURCE = "ddpg-step.torchscript";
  private static final String TEMPLATE = template();
  // pickle protocol 2: __torch__.Step(), state {"training": True}
  private static final byte[] MODULE_OBJECT =
      "\200\002c__torch__\nStep\nq\000)\201}q\001X\010\000\000\000trainingq\002\210sb."
          .getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] NO_CONSTANTS = {(byte) 0x80, 2, ')', '.'};

  private final PtSymbolBlock module;
  private final NDArray oneHot; // [1, 3 rows, 3]: candidate j of every row is e_j

  private TorchScriptStep(String source, int rows) {
    NDManager manager = NDManager.newBaseManager("PyTorch"); // the module's, for the JVM's life
    oneHot = manager.create(candidateTargets(rows), new Shape(1, 3L * rows, 3));
    try (InputStream archive = new ByteArrayInputStream(archive(source))) {
      module = JniUtils.loadModule((PtNDManager) manager, archive, false, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      manager.close();
      throw new IllegalStateException(
          "libtorch " + manager.getEngine().getVersion() + " did not load " + SOURCE, e);
    }
  }

  /** The step for agents of {@code shape} training on batches of {@code rows}. */
  static TorchScriptStep of(DdpgShape shape, int rows) {
    String key =
        Arrays.toString(shape.actorSizes()) + Arrays.toString(shape.criticSizes()) + " x " + rows;
    return LOADED.computeIfAbsent(key, any -> new TorchScriptStep(source(shape, rows), rows));
  }

  /** Candidate j of each of the rows is the one-hot e_j: {@code [3 rows, 3]}. */
  private static float[] candidateTargets(int rows) {
    float[] oneHots = new float[3 * rows * 3];
    for (int j = 0; j < 3; j++) {
      for (int row = 0; row < rows; row++) {
        oneHots[(j * rows + row) * 3 + j] = 1f;
      }
    }
    return oneHots;
  }

  /**
   * Views of an agent's online actor in its {@code state} ({@code [4, P]}) for {@link #act}; they
   * follow the state's in-place changes. The caller closes them.
   */
  IValue actorLayers(NDArray state) {
    try (IValue input = IValue.from((PtNDArray) state)) {
      return asWritten("actor_layers", input);
    }
  }

  /** The actor's raw outputs (3 target logits, 2 ratio pre-activations) for {@code x} [1, 1, o]. */
  float[] act(IValue actorLayers, NDArray x) {
    try (IValue input = IValue.from((PtNDArray) x);
        IValue output = asWritten("act", actorLayers, input)) {
      return output.toTensor((PtNDManager) x.getManager()).toFloatArray();
    }
  }

  /**
   * One step of K agents, each of whose state {@code [4, P]} is changed in place; see the source's
   * header for the arguments.
   */
  void run(List<NDArray> states, NDArray batch, NDArray rates, NDArray constants) {
    IValue[] inputs = {
      IValue.listFrom(states.stream().map(PtNDArray.class::cast).toArray(PtNDArray[]::new)),
      IValue.from((PtNDArray) batch),
      IValue.from((PtNDArray) rates),
      IValue.from((PtNDArray) constants),
      IValue.from((PtNDArray) oneHot)
    };
    try {
      asWritten("forward", inputs).close(); // the critic's TD gradient, not needed here
    } finally {
      for (IValue input : inputs) {
        input.close();
      }
    }
  }

  /**
   * Runs {@code method} with the graph executor's optimizations off on this thread (a thread-local
   * flag), so that its ops run as written and round as the eager step did.
   */
  private IValue asWritten(String method, IValue... inputs) {
    JniUtils.setGraphExecutorOptimize(false);
    return IValueUtils.runMethod(module, method, inputs);
  }

  private static String source(DdpgShape shape, int rows) {
    Map<String, String> values =
        Map.of(
            "actorParameters", Long.toString(shape.actorParameterCount()),
            "actorSizes", Arrays.toString(shape.actorSizes()),
            "criticSizes", Arrays.toString(shape.criticSizes()),
            "observation", Integer.toString(shape.observationSize()),
            "action", Integer.toString(shape.actionSize()),
            "rows", Integer.toString(rows),
            "criticInputs", Integer.toString(shape.criticSizes()[0]));
    String source = TEMPLATE;
    for (Map.Entry<String, String> value : values.entrySet()) {
      source = source.replace("${" + value.getKey() + "}", value.getValue());
    }
    return source;
  }

  private static String template() {
    try (InputStream in = TorchScriptStep.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + SOURCE + " missing next to TorchScriptStep");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A TorchScript archive as {@code torch.jit.save} writes one (entries stored, not deflated). */
  private static byte[] archive(String source) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setMethod(ZipOutputStream.STORED);
      for (var entry :
          List.of(
              Map.entry("archive/data.pkl", MODULE_OBJECT),
              Map.entry("archive/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8)),
              Map.entry("archive/constants.pkl", NO_CONSTANTS),
              Map.entry("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII)))) {
        stored(zip, entry.getKey(), entry.getValue());
      }
    }
    return bytes.toByteArray();
  }

  private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    CRC32 crc = new CRC32();
    crc.update(content);
    entry.setSize(content.length);
    entry.setCompressedSize(content.length);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(content);
    zip.closeEntry();
  }
}
