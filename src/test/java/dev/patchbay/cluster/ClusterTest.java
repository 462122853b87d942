package dev.patchbay.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patchbay.PatchbayApplication;
import dev.patchbay.testsupport.PostgresTestSchema;
import dev.patchbay.testsupport.TestApiToken;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three instances on one real PostgreSQL schema act as one service: A is a separate JVM (so that it
 * can really be killed, SIGKILL, no clean stop), B and C are application contexts in this JVM; B
 * runs the built-in simulated lab for all three. A session opened through A is used through B and C
 * (REST and the web terminal), answers keep their problem types and name the instance that served
 * them, a forwarded request is never forwarded again, a recording is read through any instance;
 * when A dies, B and C end its sessions within the limit ({@code session-lost}, {@code
 * instance-lost}) and the device opens anew at once on a live instance. The instances share the
 * class's contexts; a short dead-after keeps it quick.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration DEAD_AFTER = Duration.ofSeconds(3);
  private static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static PostgresTestSchema schema;
  private static Path dataDir;
  private static Process a;
  private static int aPort;
  private static ConfigurableApplicationContext b;
  private static ConfigurableApplicationContext c;

  @BeforeAll
  static void startThreeInstances() throws Exception {
    schema = new PostgresTestSchema("cluster");
    dataDir = Files.createTempDirectory("patchbay-cluster");
    b = startInProcess("b", true);
    // b migrated the schema; a's JVM boots while c starts here
    aPort = freePort();
    a = startProcess("a", aPort);
    c = startInProcess("c", false);
    awaitHealthy(a, "a", a());
  }

  @AfterAll
  static void stopAll() throws Exception {
    if (a != null) {
      a.destroyForcibly().waitFor();
    }
    if (c != null) {
      c.close();
    }
    if (b != null) {
      b.close();
    }
    if (schema != null) {
      schema.drop();
    }
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  @Order(1)
  void aSessionOpenedThroughOneInstanceIsUsedThroughTheOthers() throws Exception {
    Answer opened = call(a(), "POST", "/api/v1/devices/sim-r1/sessions", "{\"alias\": \"one\"}");
    assertThat(opened.status()).as(opened.body()).isEqualTo(201);
    assertThat(opened.instance()).isEqualTo("a");

    for (String other : List.of(b(), c())) {
      Answer executed =
          call(
              other,
              "POST",
              "/api/v1/devices/sim-r1/sessions/one/execute",
              "{\"command\": \"show version\"}");
      assertThat(executed.status()).as(executed.body()).isEqualTo(200);
      assertThat(executed.json().path("output").asString()).contains("Cisco IOS XE");
      assertThat(executed.instance()).as("served by the owner").isEqualTo("a");
    }
    Answer listed = call(c(), "GET", "/api/v1/devices/sim-r1/sessions", null);
    assertThat(listed.json().path(0).path("alias").asString()).isEqualTo("one");
    assertThat(listed.instance()).isEqualTo("a");
    assertThat(call(b(), "GET", "/api/v1/devices/sim-h1/sessions", null).instance())
        .as("a device nobody owns is served where the call arrives")
        .isEqualTo("b");
    assertThat(call(c(), "GET", "/actuator/prometheus", null).body())
        .as("metrics carry the instance")
        .contains("instance=\"c\"");
  }

  @Test
  @Order(2)
  void forwardedProblemsKeepTheirStatusAndType() throws Exception {
    Answer missing =
        call(b(), "POST", "/api/v1/devices/sim-r1/sessions/nope/execute", "{\"command\": \"x\"}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("type").asString()).endsWith("/session-not-found");
    assertThat(missing.instance()).isEqualTo("a");

    Answer invalid = call(c(), "POST", "/api/v1/devices/sim-r1/sessions/one/execute", "{}");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().path("type").asString()).endsWith("/validation");
    assertThat(invalid.instance()).isEqualTo("a");

    Answer anonymous =
        send(
            HttpRequest.newBuilder(URI.create(b() + "/api/v1/devices/sim-r1/sessions"))
                .GET()
                .build());
    assertThat(anonymous.status()).as("the owner authenticates").isEqualTo(401);
  }

  @Test
  @Order(3)
  void aForwardedRequestIsNeverForwardedAgain() throws Exception {
    Answer get =
        send(
            request(b(), "GET", "/api/v1/devices/sim-r1/sessions/one", null)
                .header("Patchbay-Forwarded", "test")
                .build());
    assertThat(get.status()).as("served by b, which has no such session").isEqualTo(404);
    assertThat(get.instance()).isEqualTo("b");

    Answer open =
        send(
            request(b(), "POST", "/api/v1/devices/sim-r1/sessions", "{\"alias\": \"two\"}")
                .header("Patchbay-Forwarded", "test")
                .build());
    assertThat(open.status()).as("a device owned by a live instance is not claimed").isEqualTo(409);
    assertThat(open.json().path("type").asString()).endsWith("/owned-elsewhere");
  }

  @Test
  @Order(4)
  void aTerminalAttachedThroughBShowsWhatIsTypedThroughC() throws Exception {
    // a browser on b's own page: the owner checks the origin against the host b was called by
    Viewer watcher = Viewer.attach(ws(b()) + "/ws/v1/devices/sim-r1/sessions/one/terminal", b());
    Viewer typist = Viewer.attach(ws(c()) + "/ws/v1/devices/sim-r1/sessions/one/terminal");
    try {
      typist.awaitText("\"status\"");
      typist.text("{\"type\": \"request-write\"}");
      await(() -> typist.texts().contains("\"writable\":true"), "write control through c");
      typist.binary("show clock\r");
      await(() -> watcher.output().contains("show clock"), "typed command seen through b");
      await(() -> typist.output().contains("show clock"), "echo through c");
    } finally {
      watcher.close();
      typist.close();
    }
  }

  @Test
  @Order(5)
  void aRecordingIsReadThroughAnyInstance() throws Exception {
    Answer list = call(c(), "GET", "/api/v1/recordings?device=sim-r1", null);
    assertThat(list.status()).isEqualTo(200);
    long id = list.json().path("items").path(0).path("id").asLong();
    Answer file = call(c(), "GET", "/api/v1/recordings/" + id, null);
    assertThat(file.status()).as(file.body()).isEqualTo(200);
    assertThat(file.instance()).as("the instance holding the file").isEqualTo("a");
    assertThat(file.body()).contains("show version");
  }

  @Test
  @Order(10)
  void everyInstanceListsAndFollowsTheSessionsOfTheWholeCluster() throws Exception {
    JsonNode items = call(c(), "GET", "/api/v1/sessions?device=sim-r1", null).json().path("items");
    assertThat(items.size()).as("a's session listed through c").isEqualTo(1);
    assertThat(items.path(0).path("alias").asString()).isEqualTo("one");

    HttpResponse<Stream<String>> events =
        HTTP.send(
            request(c(), "GET", "/api/v1/events", null).build(),
            HttpResponse.BodyHandlers.ofLines());
    List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread.ofVirtual().start(() -> events.body().forEach(lines::add));
    try {
      await(() -> lines.stream().anyMatch(l -> l.contains("ready")), "c's stream is ready");
      for (int attempt = 0; attempt < 10 && !seen(lines, "watched"); attempt++) {
        Answer opened =
            call(a(), "POST", "/api/v1/devices/sim-r1/sessions", "{\"alias\": \"watched\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!seen(lines, "watched") && System.nanoTime() < until) {
          Thread.sleep(50);
        }
        assertThat(call(a(), "DELETE", "/api/v1/devices/sim-r1/sessions/watched", null).status())
            .isEqualTo(204);
      }
      assertThat(seen(lines, "watched")).as("a's session event reached c's stream").isTrue();
    } finally {
      events.body().close();
    }
  }

  private static boolean seen(List<String> lines, String alias) {
    return lines.stream().anyMatch(l -> l.contains("\"alias\":\"" + alias + "\""));
  }

  @Test
  @Order(12)
  void aRunningJobIsFollowedAndCancelledThroughAnyInstance() throws Exception {
    Answer started =
        call(
            a(),
            "POST",
            "/api/v1/jobs",
            "{\"devices\": [\"sim-r1\"], \"alias\": \"one\","
                + " \"commands\": [{\"command\": \"show hang\", \"timeoutSeconds\": 60}]}");
    assertThat(started.status()).as(started.body()).isEqualTo(202);
    String id = started.json().path("id").asString();

    Answer polled = call(b(), "GET", "/api/v1/jobs/" + id + "?wait=1", null);
    assertThat(polled.status()).as(polled.body()).isEqualTo(200);
    assertThat(polled.instance()).as("the long-poll is served where the job runs").isEqualTo("a");
    assertThat(polled.json().path("state").asString()).isIn("QUEUED", "RUNNING");

    Answer cancelled = call(c(), "DELETE", "/api/v1/jobs/" + id, null);
    assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(202);
    assertThat(cancelled.instance()).isEqualTo("a");
    Answer done = call(b(), "GET", "/api/v1/jobs/" + id + "?wait=30", null);
    assertThat(done.json().path("state").asString()).as(done.body()).isEqualTo("CANCELLED");
    assertThat(call(c(), "GET", "/api/v1/jobs/" + id, null).instance())
        .as("a finished job is read where the call arrives")
        .isEqualTo("c");
  }

  @Test
  @Order(16)
  void whenAnInstanceDiesItsSessionsAreLostAndItsDevicesFree() throws Exception {
    // a terminal attached through b to a's session, when a dies
    Viewer watcher = Viewer.attach(ws(b()) + "/ws/v1/devices/sim-r1/sessions/one/terminal");
    watcher.awaitText("\"status\"");
    a.destroyForcibly().waitFor();
    long killed = System.nanoTime();
    await(() -> watcher.closedWith() != null, "the terminal through b closes");
    assertThat(watcher.closedWith()).isEqualTo("4000 session-lost");

    Answer lost =
        call(b(), "POST", "/api/v1/devices/sim-r1/sessions/one/execute", "{\"command\": \"x\"}");
    assertThat(lost.status()).as(lost.body()).isEqualTo(410);
    assertThat(lost.json().path("type").asString()).endsWith("/session-lost");

    await(
        () -> auditClose().contains("instance-lost"),
        "b or c closes a's session with instance-lost");
    assertThat(Duration.ofNanos(System.nanoTime() - killed))
        .as("noticed within the limit, with room for slow machines")
        .isLessThan(DEAD_AFTER.multipliedBy(10));
    Answer stillLost =
        call(c(), "POST", "/api/v1/devices/sim-r1/sessions/one/execute", "{\"command\": \"x\"}");
    assertThat(stillLost.status()).as(stillLost.body()).isEqualTo(410);
    JsonNode recording =
        call(c(), "GET", "/api/v1/recordings?device=sim-r1", null).json().path("items").path(0);
    assertThat(recording.path("endedAt").isNull()).as("a's recording finished").isFalse();

    Answer reopened = call(c(), "POST", "/api/v1/devices/sim-r1/sessions", "{\"alias\": \"one\"}");
    assertThat(reopened.status()).as(reopened.body()).isEqualTo(201);
    assertThat(reopened.instance()).isEqualTo("c");
    Answer executed =
        call(
            b(),
            "POST",
            "/api/v1/devices/sim-r1/sessions/one/execute",
            "{\"command\": \"show version\"}");
    assertThat(executed.status()).as(executed.body()).isEqualTo(200);
    assertThat(executed.instance()).isEqualTo("c");
    assertThat(call(b(), "DELETE", "/api/v1/devices/sim-r1/sessions/one", null).status())
        .isEqualTo(204);
  }

  @Test
  @Order(17)
  void aStoppedInstanceClosesItsSessionsAsStoppingAndFreesItsDevices() throws Exception {
    int port = freePort();
    String d = "http://127.0.0.1:" + port;
    Process stopping = startProcess("d", port);
    try {
      awaitHealthy(stopping, "d", d);
      Answer opened = call(d, "POST", "/api/v1/devices/sim-h1/sessions", "{\"alias\": \"two\"}");
      assertThat(opened.status()).as(opened.body()).isEqualTo(201);
      assertThat(opened.instance()).isEqualTo("d");
      Viewer watcher = Viewer.attach(ws(b()) + "/ws/v1/devices/sim-h1/sessions/two/terminal");
      watcher.awaitText("\"status\"");

      stopping.destroy(); // SIGTERM: a graceful stop
      assertThat(stopping.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
          .as("d stops")
          .isTrue();

      await(() -> watcher.closedWith() != null, "the terminal through b closes");
      assertThat(auditClose()).contains("instance-stopping");
      Answer reopened =
          call(b(), "POST", "/api/v1/devices/sim-h1/sessions", "{\"alias\": \"two\"}");
      assertThat(reopened.status()).as("d released the device: " + reopened.body()).isEqualTo(201);
      assertThat(reopened.instance()).isEqualTo("b");
      assertThat(call(b(), "DELETE", "/api/v1/devices/sim-h1/sessions/two", null).status())
          .isEqualTo(204);
    } finally {
      stopping.destroyForcibly().waitFor();
    }
  }

  // --- instances

  private static ConfigurableApplicationContext startInProcess(String name, boolean simulator) {
    List<String> args = new ArrayList<>();
    args.add("--server.port=0");
    args.addAll(arguments(name, simulator));
    return new SpringApplicationBuilder(PatchbayApplication.class).run(args.toArray(String[]::new));
  }

  private static List<String> arguments(String name, boolean simulator) {
    List<String> args = new ArrayList<>();
    schema.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
    args.add("--patchbay.data-dir=" + dataDir.resolve(name));
    args.add("--patchbay.auth.admin-token=" + TestApiToken.ADMIN);
    args.add("--patchbay.security.master-key=" + MASTER_KEY);
    args.add("--patchbay.simulator.enabled=" + simulator);
    args.add("--patchbay.simulator.router-port=0");
    args.add("--patchbay.simulator.switch-port=0");
    args.add("--patchbay.simulator.host-port=0");
    args.add("--patchbay.cluster.name=" + name);
    args.add("--patchbay.cluster.heartbeat-interval=300ms");
    args.add("--patchbay.cluster.dead-after=" + DEAD_AFTER.toMillis() + "ms");
    return args;
  }

  /** A separate JVM, so that it can be killed or stopped as a process is. */
  private static Process startProcess(String name, int port) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    // A short-lived process serving a few requests: the C1 compiler alone starts it in about half
    // the CPU time (what this test checks is behaviour, not speed).
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PatchbayApplication.class.getName());
    command.add("--server.port=" + port);
    command.addAll(arguments(name, false));
    // A graceful stop first drains active requests, and a terminal relayed through b is one that
    // never ends by itself: the drain would wait out its 20 s before the sessions close.
    command.add("--spring.lifecycle.timeout-per-shutdown-phase=2s");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve(name + ".log").toFile())
        .start();
  }

  private static void awaitHealthy(Process process, String name, String base) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited: " + Files.readString(dataDir.resolve(name + ".log")));
      }
      try {
        if (call(base, "GET", "/actuator/health", null).status() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      assertThat(System.nanoTime())
          .as("%s started within %s", name, START_TIMEOUT)
          .isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static String a() {
    return "http://127.0.0.1:" + aPort;
  }

  private static String b() {
    return base(b);
  }

  private static String c() {
    return base(c);
  }

  private static String base(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  private static String ws(String base) {
    return base.replaceFirst("^http", "ws");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  // --- calls

  record Answer(int status, String body, String instance) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  private static String auditClose() {
    try {
      return call(b(), "GET", "/api/v1/audit?action=session.close&size=20", null).body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.Builder request(String base, String method, String path, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", TestApiToken.bearer(TestApiToken.ADMIN));
    if (json == null) {
      return request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return request
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  private static Answer call(String base, String method, String path, String json)
      throws Exception {
    return send(request(base, method, path, json).build());
  }

  private static Answer send(HttpRequest request) throws Exception {
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Patchbay-Instance").orElse(null));
  }

  private static void await(BooleanSupplier condition, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited for: %s", what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  /** A web terminal client (the JDK's WebSocket) collecting output and control messages. */
  static final class Viewer implements WebSocket.Listener {

    private final StringBuffer output = new StringBuffer();
    private final StringBuffer texts = new StringBuffer();
    private volatile String closedWith;
    private WebSocket socket;

    static Viewer attach(String uri) {
      return attach(uri, null);
    }

    /** Attaches sending {@code origin} as the Origin header (null: none, as non-browsers do). */
    static Viewer attach(String uri, String origin) {
      Viewer viewer = new Viewer();
      WebSocket.Builder builder =
          HTTP.newWebSocketBuilder()
              .header("Authorization", TestApiToken.bearer(TestApiToken.ADMIN));
      if (origin != null) {
        builder.header("Origin", origin);
      }
      viewer.socket = builder.buildAsync(URI.create(uri), viewer).join();
      return viewer;
    }

    void text(String json) {
      socket.sendText(json, true).join();
    }

    void binary(String bytes) {
      socket.sendBinary(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.UTF_8)), true).join();
    }

    String output() {
      return output.toString();
    }

    String texts() {
      return texts.toString().replace(" ", "");
    }

    void awaitText(String part) throws Exception {
      await(() -> texts.indexOf(part) >= 0, "a control message with " + part);
    }

    void close() {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }

    /** The close code and reason the server sent, null while open. */
    String closedWith() {
      return closedWith;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      texts.append(data).append('\n');
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      output.append(new String(bytes, StandardCharsets.UTF_8));
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closedWith = statusCode + " " + reason;
      return CompletableFuture.completedFuture(Map.of());
    }
  }
}
