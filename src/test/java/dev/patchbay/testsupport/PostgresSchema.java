package dev.patchbay.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Runs a Spring test class on the real PostgreSQL given by {@code patchbay.test.pg.url}, in a
 * throwaway {@link PostgresTestSchema}: the datasource and Flyway point at a fresh schema (migrated
 * from scratch when the context starts), dropped when the context closes. Fails, never skips, when
 * PostgreSQL is down.
 *
 * <pre>{@code
 * @PostgresSchema("api")
 * class LeasePostgresTest extends LeaseApiTestSupport { ... }
 * }</pre>
 *
 * <p>The schema is part of the context's cache key: classes naming the same schema whose other
 * configuration is also the same share one context and schema, as their H2 siblings share theirs
 * (each context start migrates a schema, a few seconds of a test JVM); the cache closes it when the
 * test JVM ends. A class needing a schema of its own names another.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(PostgresSchema.Factory.class)
public @interface PostgresSchema {

  /**
   * A short word naming the schema ({@code pb_<purpose>_<random>}) for a human reading psql, and
   * which classes share it.
   */
  String value();

  /** Turns the annotation into a context customizer; other test classes get none. */
  final class Factory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
        Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
      PostgresSchema annotation =
          TestContextAnnotationUtils.findMergedAnnotation(testClass, PostgresSchema.class);
      return annotation == null ? null : new Customizer(annotation.value());
    }
  }

  /** Creates the schema's properties in the context and drops the schema when it closes. */
  final class Customizer implements ContextCustomizer {

    private final String purpose;

    Customizer(String purpose) {
      this.purpose = purpose;
    }

    @Override
    public void customizeContext(
        ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
      PostgresTestSchema schema = new PostgresTestSchema(purpose);
      context
          .getEnvironment()
          .getPropertySources()
          .addFirst(
              new MapPropertySource(
                  "postgres-test-schema", Map.<String, Object>copyOf(schema.properties())));
      context.addApplicationListener(
          (ApplicationEvent event) -> {
            if (event instanceof ContextClosedEvent closed
                && closed.getApplicationContext() == context) {
              try {
                schema.drop();
              } catch (SQLException e) {
                throw new IllegalStateException("cannot drop schema " + schema.name(), e);
              }
            }
          });
    }

    /** One context per schema name (and other configuration): see the annotation. */
    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer that && purpose.equals(that.purpose);
    }

    @Override
    public int hashCode() {
      return purpose.hashCode();
    }
  }
}
