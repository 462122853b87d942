package dev.patchbay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Static consistency checks between the deployment descriptors (docker-compose.yml, the Helm chart
 * and the {@code build-image} configuration in pom.xml) and the application configuration they
 * drive. Everything is read at test time, so new keys in application*.yml are picked up.
 */
class DeploymentDescriptorsTest {

  private static final Path RESOURCES = Path.of("src/main/resources");
  private static final Path CHART = Path.of("helm/patchbay");
  private static final Path TEMPLATES = CHART.resolve("templates");

  /** Environment variables every deployment has to set for the postgres setup. */
  private static final Set<String> REQUIRED_ENV =
      Set.of(
          "SPRING_PROFILES_ACTIVE",
          "PATCHBAY_DB_URL",
          "PATCHBAY_DB_USER",
          "PATCHBAY_DB_PASSWORD",
          "PATCHBAY_MASTER_KEY",
          "PATCHBAY_DATA_DIR");

  /** Variables of the image's health checker (Paketo health-checker), not of the application. */
  private static final String HEALTH_CHECKER_ENV_PREFIX = "THC_";

  private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
  private static final Pattern PORT_DEFAULT = Pattern.compile("\\$\\{[A-Z0-9_]+:(\\d+)}");
  private static final Pattern COMPOSE_TAG_DEFAULT = Pattern.compile("\\$\\{\\w+:-([^}]+)}");
  private static final String COMPONENT = "app.kubernetes.io/component";
  private static final Pattern VALUES_REFERENCE = Pattern.compile("\\.Values((?:\\.\\w+)+)");

  private Map<String, Object> application;
  private Map<String, Object> compose;
  private Map<String, Object> patchbayService;
  private Map<String, Object> chart;
  private Map<String, Object> values;
  private Map<String, Object> statefulSet;
  private Map<String, Object> container;
  private Map<String, Object> configMap;
  private Map<String, Object> secret;
  private Map<String, Object> ingress;
  private Map<String, Object> podDisruptionBudget;
  private Map<String, Object> serviceMonitor;
  private Element pom;

  @BeforeEach
  void load() throws Exception {
    application = loadAll(RESOURCES.resolve("application.yml"));
    compose = loadYaml(Path.of("docker-compose.yml"));
    patchbayService = map(get(compose, "services.patchbay"));
    chart = loadYaml(CHART.resolve("Chart.yaml"));
    values = loadYaml(CHART.resolve("values.yaml"));
    statefulSet = loadTemplate("statefulset.yaml");
    container = map(list(get(statefulSet, "spec.template.spec.containers")).getFirst());
    configMap = loadTemplate("configmap.yaml");
    secret = loadTemplate("secret.yaml");
    ingress = loadTemplate("ingress.yaml");
    podDisruptionBudget = loadTemplate("poddisruptionbudget.yaml");
    serviceMonitor = loadTemplate("servicemonitor.yaml");
    pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(Path.of("pom.xml").toFile())
            .getDocumentElement();
  }

  @Test
  void imageRepositoryIsTheBuildImageName() {
    String buildImage = buildImageName();
    assertThat(buildImage).endsWith(":${project.version}");
    String repository = repositoryOf(buildImage);

    assertThat(repositoryOf((String) patchbayService.get("image"))).isEqualTo(repository);
    assertThat(get(values, "image.repository")).isEqualTo(repository);
  }

  @Test
  void chartAndComposeDefaultToTheProjectVersion() {
    String version = childText(pom, "version");
    String composeImage = (String) patchbayService.get("image");
    Matcher tagDefault = COMPOSE_TAG_DEFAULT.matcher(composeImage);

    assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("appVersion", version);
    assertThat(get(values, "image.tag")).as("empty tag falls back to appVersion").isEqualTo("");
    assertThat(tagDefault.find() ? tagDefault.group(1) : composeImage).isEqualTo(version);
  }

  @Test
  void containerPortIsTheDefaultServerPort() throws IOException {
    int port = defaultServerPort();

    assertThat(list(patchbayService.get("ports"))).contains(port + ":" + port);
    assertThat(composeHealthcheckUrl()).startsWith("http://localhost:" + port + "/");
    assertThat(get(values, "service.port")).isEqualTo(port);
    Map<String, Object> httpPort = map(list(container.get("ports")).getFirst());
    assertThat(httpPort).containsEntry("containerPort", port).containsEntry("name", "http");
    Map<String, Object> service = loadTemplate("service.yaml");
    assertThat(service).containsEntry("kind", "Service");
    assertThat(map(list(get(service, "spec.ports")).getFirst()))
        .containsEntry("targetPort", "http");
  }

  @Test
  void deploymentsSetOnlyEnvironmentVariablesTheApplicationReads() throws IOException {
    Set<String> referenced = referencedEnvironmentVariables();
    Set<String> composeEnv = new HashSet<>(map(patchbayService.get("environment")).keySet());
    composeEnv.removeIf(name -> name.startsWith(HEALTH_CHECKER_ENV_PREFIX));
    Set<String> chartEnv = new HashSet<>(map(configMap.get("data")).keySet());
    chartEnv.addAll(map(secret.get("data")).keySet());
    if (container.get("env") != null) {
      list(container.get("env")).forEach(env -> chartEnv.add((String) map(env).get("name")));
    }

    assertThat(composeEnv).containsAll(REQUIRED_ENV);
    assertThat(chartEnv).containsAll(REQUIRED_ENV);
    assertThat(referenced).containsAll(composeEnv).containsAll(chartEnv);
  }

  @Test
  void activeProfilesHaveConfigFiles() {
    List<Object> profileSettings =
        List.of(
            map(patchbayService.get("environment")).get("SPRING_PROFILES_ACTIVE"),
            map(configMap.get("data")).get("SPRING_PROFILES_ACTIVE"));

    for (Object setting : profileSettings) {
      for (String profile : setting.toString().split(",")) {
        assertThat(RESOURCES.resolve("application-" + profile.strip() + ".yml")).isRegularFile();
      }
    }
  }

  @Test
  void probesUseEnabledHealthGroups() {
    Set<String> groupPaths = healthGroupPaths();

    assertThat(groupPaths).contains(healthPath("liveness"), healthPath("readiness"));
    assertThat(probePath("startupProbe")).isIn(groupPaths);
    assertThat(probePath("livenessProbe")).isEqualTo(healthPath("liveness"));
    assertThat(probePath("readinessProbe")).isEqualTo(healthPath("readiness"));
    assertThat(composeHealthcheckUrl()).endsWith(healthPath("readiness"));
  }

  @Test
  void dataDirectoryIsOnPersistentStorage() {
    String composeDataDir =
        (String) map(patchbayService.get("environment")).get("PATCHBAY_DATA_DIR");
    Set<String> namedVolumes = map(compose.get("volumes")).keySet();
    String chartDataDir = (String) map(configMap.get("data")).get("PATCHBAY_DATA_DIR");
    Map<String, Object> mount = map(list(container.get("volumeMounts")).getFirst());
    Map<String, Object> claim = map(list(get(statefulSet, "spec.volumeClaimTemplates")).getFirst());

    String[] composeMount = ((String) list(patchbayService.get("volumes")).getFirst()).split(":");
    assertThat(namedVolumes).contains(composeMount[0]);
    assertThat(composeMount[1]).isEqualTo(composeDataDir);
    assertThat(chartDataDir)
        .as("a directory the service creates (and owns) in the volume, not its root-owned root")
        .startsWith(mount.get("mountPath") + "/");
    assertThat(get(claim, "metadata.name")).isEqualTo(mount.get("name"));
  }

  @Test
  void composeStartsPatchbayAfterHealthyPostgres() {
    Map<String, Object> postgres = map(get(compose, "services.postgres"));

    assertThat(get(patchbayService, "depends_on.postgres.condition")).isEqualTo("service_healthy");
    assertThat((String) postgres.get("image")).startsWith("postgres:16");
    assertThat(list(get(postgres, "healthcheck.test")).toString()).contains("pg_isready");
    assertThat(map(compose.get("volumes")).keySet())
        .contains(((String) list(postgres.get("volumes")).getFirst()).split(":")[0]);
    assertThat(map(patchbayService.get("environment")).get("PATCHBAY_MASTER_KEY").toString())
        .as("master key must be required, not defaulted")
        .startsWith("${PATCHBAY_MASTER_KEY:?");
  }

  @Test
  void chartTemplatesHaveExpectedKindsAndWiring() throws IOException {
    String secretTemplate = Files.readString(TEMPLATES.resolve("secret.yaml"));

    assertThat(statefulSet).containsEntry("kind", "StatefulSet");
    assertThat(configMap).containsEntry("kind", "ConfigMap");
    assertThat(secret).containsEntry("kind", "Secret");
    assertThat(ingress)
        .containsEntry("apiVersion", "networking.k8s.io/v1")
        .containsEntry("kind", "Ingress");
    assertThat(podDisruptionBudget)
        .containsEntry("apiVersion", "policy/v1")
        .containsEntry("kind", "PodDisruptionBudget");
    assertThat(serviceMonitor)
        .containsEntry("apiVersion", "monitoring.coreos.com/v1")
        .containsEntry("kind", "ServiceMonitor");
    assertThat(secretTemplate.lines().findFirst()).hasValue("{{- if not .Values.existingSecret }}");
    for (String key : map(secret.get("data")).keySet()) {
      assertThat(secretTemplate).containsPattern(key + ": \\{\\{.*\\| b64enc");
    }
    assertThat(list(container.get("envFrom")))
        .extracting(source -> map(source).keySet())
        .containsExactlyInAnyOrder(Set.of("configMapRef"), Set.of("secretRef"));
  }

  @Test
  void optionalTemplatesAreSwitchedByValues() throws IOException {
    Map<String, String> switches =
        Map.of(
            "ingress.yaml", "ingress",
            "servicemonitor.yaml", "serviceMonitor",
            "poddisruptionbudget.yaml", "podDisruptionBudget");

    for (var entry : switches.entrySet()) {
      List<String> lines = Files.readAllLines(TEMPLATES.resolve(entry.getKey()));
      assertThat(lines.getFirst()).isEqualTo("{{- if .Values." + entry.getValue() + ".enabled }}");
      assertThat(lines.getLast()).isEqualTo("{{- end }}");
    }
    assertThat(get(values, "ingress.enabled")).isEqualTo(false);
    assertThat(get(values, "serviceMonitor.enabled"))
        .as("needs the Prometheus Operator CRD and a token Secret")
        .isEqualTo(false);
    assertThat(get(values, "podDisruptionBudget.enabled")).isEqualTo(true);
  }

  @Test
  void ingressRoutesEverythingToTheServiceWithoutCuttingIdleWebSockets() throws IOException {
    Map<String, Object> rule = map(list(get(ingress, "spec.rules")).getFirst());
    Map<String, Object> path = map(list(get(rule, "http.paths")).getFirst());
    Map<String, Object> annotations = map(get(ingress, "metadata.annotations"));

    assertThat(path).containsEntry("path", "/").containsEntry("pathType", "Prefix");
    Map<String, Object> servicePort =
        map(list(get(loadTemplate("service.yaml"), "spec.ports")).getFirst());
    assertThat(get(path, "backend.service.port.name")).isEqualTo(servicePort.get("name"));
    assertThat(annotations)
        .as("rendered from values.yaml")
        .isEqualTo(get(values, "ingress.annotations"));
    // The terminal WebSocket sends no pings: a viewer watching a quiet session is idle traffic.
    for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
      Object seconds = annotations.get("nginx.ingress.kubernetes.io/" + timeout);
      assertThat(seconds)
          .as(timeout + " (a string, as annotations are)")
          .isInstanceOf(String.class);
      assertThat(Integer.parseInt((String) seconds)).as(timeout).isGreaterThanOrEqualTo(3600);
    }
    assertThat(list(get(ingress, "spec.tls")))
        .singleElement()
        .satisfies(tls -> assertThat(map(tls)).containsKeys("hosts", "secretName"));
  }

  @Test
  void podDisruptionBudgetAndServiceMonitorSelectThisRelease() throws IOException {
    String selector =
        "matchLabels:\n\\s+\\{\\{- include \"patchbay.selectorLabels\" \\. \\| nindent";
    for (String name :
        List.of("statefulset.yaml", "poddisruptionbudget.yaml", "servicemonitor.yaml")) {
      assertThat(Files.readString(TEMPLATES.resolve(name))).as(name).containsPattern(selector);
    }
    assertThat(Files.readString(TEMPLATES.resolve("service.yaml")))
        .as("the ServiceMonitor selects the Service by these labels")
        .contains("include \"patchbay.labels\"");
    assertThat(get(podDisruptionBudget, "spec.unhealthyPodEvictionPolicy"))
        .isEqualTo("AlwaysAllow");
    assertThat(map(get(podDisruptionBudget, "spec"))).containsKey("maxUnavailable");
    assertThat(get(values, "podDisruptionBudget.maxUnavailable")).isEqualTo(1);
  }

  @Test
  void serviceMonitorScrapesThePrometheusEndpointWithABearerToken() throws IOException {
    Map<String, Object> endpoint = map(list(get(serviceMonitor, "spec.endpoints")).getFirst());
    String basePath =
        (String) application.getOrDefault("management.endpoints.web.base-path", "/actuator");
    String exposed = String.valueOf(application.get("management.endpoints.web.exposure.include"));

    assertThat(Arrays.stream(exposed.split(",")).map(String::strip)).contains("prometheus");
    assertThat(endpoint)
        .containsEntry("port", "http")
        .containsEntry("path", basePath + "/prometheus");
    assertThat(get(endpoint, "authorization.type")).isEqualTo("Bearer");
    assertThat(map(get(endpoint, "authorization.credentials"))).containsKeys("name", "key");
    assertThat(Files.readString(TEMPLATES.resolve("servicemonitor.yaml")))
        .containsPattern("name: \\{\\{ required .*\\.Values\\.serviceMonitor\\.tokenSecret\\.name");
    assertThat((String) get(values, "serviceMonitor.tokenSecret.key")).isNotBlank();
  }

  @Test
  void containerRunsAsNonRootOnAReadOnlyRootFilesystem() {
    Map<String, Object> podSpec = map(get(statefulSet, "spec.template.spec"));
    Map<String, Object> securityContext = map(container.get("securityContext"));
    List<Object> mounts = list(container.get("volumeMounts"));

    assertThat(securityContext)
        .containsEntry("runAsNonRoot", true)
        .containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("allowPrivilegeEscalation", false);
    assertThat(list(get(securityContext, "capabilities.drop"))).containsExactly("ALL");
    assertThat(get(podSpec, "securityContext.fsGroup")).isInstanceOf(Integer.class);
    assertThat(mounts)
        .extracting(mount -> map(mount).get("mountPath"))
        .containsExactly("/var/lib/patchbay", "/tmp");
    assertThat(list(podSpec.get("volumes")))
        .singleElement()
        .satisfies(
            volume -> {
              assertThat(map(volume)).containsEntry("name", map(mounts.get(1)).get("name"));
              assertThat(map(volume)).containsKey("emptyDir");
            });
  }

  @Test
  void containerRequestsAndLimitsResources() {
    Map<String, Object> resources = map(container.get("resources"));

    assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
    assertThat(map(resources.get("limits"))).containsKey("memory");
  }

  @Test
  void composeSecondInstanceExampleSharesPostgresUnderItsOwnNameAndUrl() throws IOException {
    String commented = Files.readString(Path.of("docker-compose.yml"));
    Map<String, Object> uncommented = map(new Yaml().load(uncommentSecondInstance(commented)));
    Map<String, Object> first = map(get(uncommented, "services.patchbay"));
    Map<String, Object> second = map(get(uncommented, "services.patchbay-2"));
    Map<String, Object> firstEnv = map(first.get("environment"));
    Map<String, Object> secondEnv = map(second.get("environment"));

    assertThat(map(compose.get("services")).keySet())
        .as("commented out as shipped")
        .doesNotContain("patchbay-2");
    for (var instance : Map.of("patchbay", firstEnv, "patchbay-2", secondEnv).entrySet()) {
      int port = defaultServerPort();
      assertThat(instance.getValue())
          .containsEntry("PATCHBAY_INSTANCE_NAME", instance.getKey())
          .containsEntry("PATCHBAY_ADVERTISED_URL", "http://" + instance.getKey() + ":" + port);
    }
    Map<String, Object> sharedEnv = new LinkedHashMap<>(secondEnv);
    sharedEnv.keySet().removeAll(Set.of("PATCHBAY_INSTANCE_NAME", "PATCHBAY_ADVERTISED_URL"));
    assertThat(firstEnv).as("one database, one master key").containsAllEntriesOf(sharedEnv);
    assertThat(second.get("image")).isEqualTo(first.get("image"));
    assertThat(second.get("healthcheck")).isEqualTo(first.get("healthcheck"));
    assertThat(list(second.get("ports"))).doesNotContainAnyElementsOf(list(first.get("ports")));
    String secondVolume = ((String) list(second.get("volumes")).getFirst()).split(":")[0];
    assertThat(map(uncommented.get("volumes")).keySet()).contains(secondVolume);
    assertThat(list(first.get("volumes")).toString()).doesNotContain(secondVolume + ":");
    assertThat(get(second, "depends_on.patchbay.condition"))
        .as("started after the first: one of them migrates the empty database")
        .isEqualTo("service_healthy");
  }

  @Test
  void severalReplicasReachEachOtherAtStablePodNames() throws IOException {
    Map<String, Object> headless = loadTemplate("service-headless.yaml");
    String headlessTemplate = Files.readString(TEMPLATES.resolve("service-headless.yaml"));
    String statefulSetTemplate = Files.readString(TEMPLATES.resolve("statefulset.yaml"));
    int containerPort = (Integer) map(list(container.get("ports")).getFirst()).get("containerPort");
    List<Object> env = list(container.get("env"));

    assertThat(headless).containsEntry("kind", "Service");
    assertThat(map(headless.get("spec")))
        .containsEntry("clusterIP", "None")
        .as("a stopping pod still serves its sessions' forwarded calls")
        .containsEntry("publishNotReadyAddresses", true);
    assertThat(map(list(get(headless, "spec.ports")).getFirst()))
        .containsEntry("targetPort", "http");
    assertThat(headlessTemplate)
        .contains("name: {{ include \"patchbay.headlessName\" . }}")
        .contains("include \"patchbay.selectorLabels\"");
    assertThat(statefulSetTemplate)
        .contains("serviceName: {{ include \"patchbay.headlessName\" . }}")
        .contains(
            "\"http://$(PATCHBAY_INSTANCE_NAME).{{ include \"patchbay.headlessName\" . }}"
                + ".{{ .Release.Namespace }}.svc:"
                + containerPort
                + "\"");
    assertThat(env)
        .extracting(variable -> map(variable).get("name"))
        .as("a variable is used in $(...) only after it is defined")
        .containsExactly("PATCHBAY_INSTANCE_NAME", "PATCHBAY_ADVERTISED_URL");
    assertThat(get(map(env.getFirst()), "valueFrom.fieldRef.fieldPath")).isEqualTo("metadata.name");
    assertThat(Files.readString(CHART.resolve("values.yaml")) + statefulSetTemplate)
        .doesNotContainIgnoringCase("not supported");
  }

  @Test
  void theServiceMonitorScrapesEachPodOnceThroughTheApiService() throws IOException {
    Map<String, Object> apiLabels = map(get(loadTemplate("service.yaml"), "metadata.labels"));
    Map<String, Object> peerLabels =
        map(get(loadTemplate("service-headless.yaml"), "metadata.labels"));
    Object selected = get(serviceMonitor, "spec.selector.matchLabels");

    assertThat(map(selected))
        .containsEntry(COMPONENT, apiLabels.get(COMPONENT))
        .doesNotContainEntry(COMPONENT, peerLabels.get(COMPONENT));
    assertThat(apiLabels.get(COMPONENT)).isNotEqualTo(peerLabels.get(COMPONENT));
  }

  @Test
  void podsAreSpreadOverNodesUnlessSwitchedOff() throws IOException {
    String template = Files.readString(TEMPLATES.resolve("statefulset.yaml"));
    Map<String, Object> antiAffinity =
        map(get(statefulSet, "spec.template.spec.affinity.podAntiAffinity"));
    Map<String, Object> required =
        map(list(antiAffinity.get("requiredDuringSchedulingIgnoredDuringExecution")).getFirst());
    Map<String, Object> preferred =
        map(list(antiAffinity.get("preferredDuringSchedulingIgnoredDuringExecution")).getFirst());

    assertThat(template)
        .contains("{{- if ne .Values.podAntiAffinity \"none\" }}")
        .contains("{{- if eq .Values.podAntiAffinity \"hard\" }}");
    assertThat(required).containsEntry("topologyKey", "kubernetes.io/hostname");
    assertThat(get(preferred, "podAffinityTerm.topologyKey")).isEqualTo("kubernetes.io/hostname");
    assertThat(template)
        .containsPattern(
            "matchLabels:\n\\s+\\{\\{- include \"patchbay.selectorLabels\" \\. \\| nindent 18")
        .containsPattern(
            "matchLabels:\n\\s+\\{\\{- include \"patchbay.selectorLabels\" \\. \\| nindent 20");
    assertThat(get(values, "podAntiAffinity")).isEqualTo("soft");
  }

  @Test
  void aStoppingPodLeavesTheLoadBalancerBeforeItDrains() throws IOException {
    String template = Files.readString(TEMPLATES.resolve("statefulset.yaml"));
    int preStop = (Integer) get(values, "shutdown.preStopSleepSeconds");
    int grace = (Integer) get(values, "shutdown.terminationGracePeriodSeconds");
    Duration requests =
        DurationStyle.detectAndParse(
            String.valueOf(application.get("spring.lifecycle.timeout-per-shutdown-phase")));
    Duration executes =
        DurationStyle.detectAndParse(
            String.valueOf(application.get("patchbay.manager.shutdown-timeout")));

    assertThat(template)
        .contains(
            "terminationGracePeriodSeconds: {{ .Values.shutdown.terminationGracePeriodSeconds }}")
        .contains("seconds: {{ .Values.shutdown.preStopSleepSeconds }}");
    assertThat(map(get(container, "lifecycle.preStop.sleep"))).containsKey("seconds");
    assertThat(application.get("server.shutdown")).isEqualTo("graceful");
    assertThat(Duration.ofSeconds(grace))
        .as("preStop sleep, requests and executes all fit in the grace period")
        .isGreaterThan(Duration.ofSeconds(preStop).plus(requests).plus(executes));
    assertThat(preStop)
        .as("at least one readiness period: load balancers polling readiness notice too")
        .isGreaterThanOrEqualTo((Integer) get(container, "readinessProbe.periodSeconds"));
  }

  @Test
  void valuesSchemaRefusesTheEmbeddedDatabaseForSeveralReplicas() throws IOException {
    JsonNode schema =
        JsonMapper.builder().build().readTree(CHART.resolve("values.schema.json").toFile());
    Map<String, Object> replicas = new LinkedHashMap<>(values);
    replicas.put("replicaCount", 3);

    assertThat(ValuesSchema.violations(schema, replicas)).isEmpty();
    replicas.put(
        "postgres", Map.of("url", "jdbc:h2:file:/var/lib/patchbay/data/patchbay", "user", "sa"));
    assertThat(ValuesSchema.violations(schema, replicas))
        .singleElement()
        .satisfies(v -> assertThat(v).startsWith("postgres.url"));
  }

  @Test
  void valuesSchemaDescribesEveryValue() throws IOException {
    JsonNode schema =
        JsonMapper.builder().build().readTree(CHART.resolve("values.schema.json").toFile());

    assertThat(schema.path("$schema").asString()).contains("draft-07");
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.path("properties").propertyNames())
        .containsExactlyInAnyOrderElementsOf(values.keySet());
    assertThat(ValuesSchema.violations(schema, values)).isEmpty();
  }

  @Test
  void valuesSchemaRejectsWrongValues() throws IOException {
    JsonNode schema =
        JsonMapper.builder().build().readTree(CHART.resolve("values.schema.json").toFile());
    Map<String, Object> wrong = new LinkedHashMap<>(values);
    wrong.put("replicaCount", "two");
    wrong.put("ingres", Map.of());
    wrong.put("masterKey", "not-a-key");
    wrong.put("adminToken", "short");
    wrong.put("service", Map.of("type", "ClusterIP", "port", 0));
    wrong.put("podDisruptionBudget", Map.of("enabled", true, "maxUnavailable", "half"));
    wrong.put("podAntiAffinity", "sometimes");
    wrong.put(
        "shutdown", Map.of("preStopSleepSeconds", "10s", "terminationGracePeriodSeconds", 60));

    assertThat(ValuesSchema.violations(schema, wrong))
        .hasSize(8)
        .anySatisfy(v -> assertThat(v).startsWith("podAntiAffinity"))
        .anySatisfy(v -> assertThat(v).startsWith("shutdown.preStopSleepSeconds"))
        .anySatisfy(v -> assertThat(v).startsWith("replicaCount"))
        .anySatisfy(v -> assertThat(v).startsWith("ingres"))
        .anySatisfy(v -> assertThat(v).startsWith("masterKey"))
        .anySatisfy(v -> assertThat(v).startsWith("adminToken"))
        .anySatisfy(v -> assertThat(v).startsWith("service.port"))
        .anySatisfy(v -> assertThat(v).startsWith("podDisruptionBudget.maxUnavailable"));
  }

  @Test
  void templateValueReferencesExistInValues() throws IOException {
    List<String> references = new ArrayList<>();
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      for (Path file : files.toList()) {
        Matcher matcher = VALUES_REFERENCE.matcher(Files.readString(file));
        while (matcher.find()) {
          references.add(matcher.group(1).substring(1));
        }
      }
    }

    assertThat(references).isNotEmpty();
    assertThat(references).allSatisfy(path -> assertThat(containsPath(values, path)).isTrue());
  }

  /** The compose file with its commented second instance switched on, as its comment says. */
  private static String uncommentSecondInstance(String compose) {
    StringBuilder result = new StringBuilder();
    boolean inside = false;
    for (String line : compose.lines().toList()) {
      if (line.strip().startsWith("# >>> ")) {
        inside = true;
      } else if (line.strip().startsWith("# <<< ")) {
        inside = false;
      } else {
        result.append(inside ? line.replaceFirst("#", "") : line).append('\n');
      }
    }
    assertThat(inside).as("every >>> has its <<<").isFalse();
    return result.toString();
  }

  private int defaultServerPort() {
    Object port = application.get("server.port");
    if (port instanceof Integer number) {
      return number;
    }
    Matcher matcher = PORT_DEFAULT.matcher(String.valueOf(port));
    assertThat(matcher.matches()).as("server.port %s has a numeric default", port).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  /** Names in {@code ${NAME:...}} placeholders of all application*.yml, plus the profile switch. */
  private static Set<String> referencedEnvironmentVariables() throws IOException {
    Set<String> names = new HashSet<>(Set.of("SPRING_PROFILES_ACTIVE"));
    try (Stream<Path> files = Files.list(RESOURCES)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("application") && name.endsWith(".yml")) {
          ENV_PLACEHOLDER
              .matcher(Files.readString(file))
              .results()
              .forEach(m -> names.add(m.group(1)));
        }
      }
    }
    return names;
  }

  /** Paths of the health groups application.yml enables: the probe groups plus explicit groups. */
  private Set<String> healthGroupPaths() {
    Set<String> groups = new HashSet<>();
    if (Boolean.TRUE.equals(application.get("management.endpoint.health.probes.enabled"))) {
      groups.addAll(Set.of("liveness", "readiness"));
    }
    String groupPrefix = "management.endpoint.health.group.";
    application.keySet().stream()
        .filter(key -> key.startsWith(groupPrefix))
        .forEach(key -> groups.add(key.substring(groupPrefix.length()).split("\\.")[0]));
    String exposed = String.valueOf(application.get("management.endpoints.web.exposure.include"));
    List<String> exposedIds = Arrays.stream(exposed.split(",")).map(String::strip).toList();
    if (!exposedIds.contains("health") && !exposedIds.contains("*")) {
      return Set.of();
    }
    Set<String> paths = new HashSet<>();
    groups.forEach(group -> paths.add(healthPath(group)));
    return paths;
  }

  private String healthPath(String group) {
    String basePath =
        (String) application.getOrDefault("management.endpoints.web.base-path", "/actuator");
    String health =
        (String) application.getOrDefault("management.endpoints.web.path-mapping.health", "health");
    return basePath + "/" + health + "/" + group;
  }

  private String probePath(String probe) {
    Map<String, Object> httpGet = map(get(container, probe + ".httpGet"));
    assertThat(httpGet).as(probe).containsEntry("port", "http");
    return (String) httpGet.get("path");
  }

  /** The URL the image's health checker probes: {@code THC_PORT} and {@code THC_PATH}. */
  private String composeHealthcheckUrl() {
    assertThat(list(get(patchbayService, "healthcheck.test")))
        .containsExactly("CMD", "/workspace/health-check");
    assertThat(pom.getElementsByTagName("BP_HEALTH_CHECKER_ENABLED").item(0).getTextContent())
        .as("image built with the Paketo health checker")
        .isEqualTo("true");
    Map<String, Object> env = map(patchbayService.get("environment"));
    return "http://localhost:" + env.get("THC_PORT") + env.get("THC_PATH");
  }

  private String buildImageName() {
    var plugins = pom.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if ("spring-boot-maven-plugin".equals(childText(plugin, "artifactId"))) {
        var names = plugin.getElementsByTagName("image");
        assertThat(names.getLength()).as("spring-boot-maven-plugin <image>").isEqualTo(1);
        return childText((Element) names.item(0), "name");
      }
    }
    throw new AssertionError("pom.xml has no spring-boot-maven-plugin");
  }

  private static String childText(Element parent, String name) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getTagName().equals(name)) {
        return element.getTextContent().strip();
      }
    }
    throw new AssertionError("<" + parent.getTagName() + "> has no <" + name + ">");
  }

  /** The image reference without its tag: {@code registry/owner/name}. */
  private static String repositoryOf(String image) {
    int tag = image.indexOf(':', image.lastIndexOf('/'));
    return tag < 0 ? image : image.substring(0, tag);
  }

  private Map<String, Object> loadTemplate(String name) throws IOException {
    return map(
        new Yaml()
            .load(HelmTemplateStripper.render(Files.readString(TEMPLATES.resolve(name)), values)));
  }

  private static Map<String, Object> loadYaml(Path file) throws IOException {
    return map(new Yaml().load(Files.readString(file)));
  }

  /** All documents of a multi-document YAML file, later documents overriding earlier ones. */
  private static Map<String, Object> loadAll(Path file) throws IOException {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Object document : new Yaml().loadAll(Files.readString(file))) {
      merged.putAll(flatten(map(document)));
    }
    return merged;
  }

  /** Flattens nested maps to Spring-style dotted keys; dotted keys written in YAML stay as-is. */
  private static Map<String, Object> flatten(Map<String, Object> nested) {
    Map<String, Object> flat = new LinkedHashMap<>();
    nested.forEach(
        (key, value) -> {
          if (value instanceof Map<?, ?> child && !child.isEmpty()) {
            flatten(map(child)).forEach((childKey, leaf) -> flat.put(key + "." + childKey, leaf));
          } else {
            flat.put(key, value);
          }
        });
    return flat;
  }

  /** Follows a dotted path through nested maps; fails if a segment is missing. */
  private static Object get(Map<String, Object> root, String path) {
    Object node = root;
    for (String segment : path.split("\\.")) {
      assertThat(node).as("parent of %s in %s", segment, path).isInstanceOf(Map.class);
      assertThat(map(node)).as(path).containsKey(segment);
      node = map(node).get(segment);
    }
    return node;
  }

  private static boolean containsPath(Map<String, Object> root, String path) {
    Object node = root;
    for (String segment : path.split("\\.")) {
      if (!(node instanceof Map<?, ?> parent) || !parent.containsKey(segment)) {
        return false;
      }
      node = parent.get(segment);
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node) {
    assertThat(node).isInstanceOf(Map.class);
    return (Map<String, Object>) node;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object node) {
    assertThat(node).isInstanceOf(List.class);
    return (List<Object>) node;
  }
}
