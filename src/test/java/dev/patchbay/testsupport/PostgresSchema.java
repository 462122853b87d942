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
import java.util.Objects;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactories;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Runs a Spring test class on the real PostgreSQL given by {@code patchbay.test.pg.url}, in a
 * throwaway {@link PostgresTestSchema} of its own: the datasource and Flyway point at a fresh
 * schema (migrated from scratch when the context starts) and the schema is dropped when the context
 * closes, which {@link DirtiesContext} makes happen right after the class. Fails, never skips, when
 * PostgreSQL is down.
 *
 * <pre>{@code
 * @PostgresSchema("lease")
 * class LeasePostgresTest extends LeaseApiTestSupport { ... }
 * }</pre>
 *
 * <p>Each annotated class gets its own context (the schema is part of the context's cache key), so
 * the class's other configuration is the one of its H2 sibling plus this schema.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@DirtiesContext
@ContextCustomizerFactories(PostgresSchema.Factory.class)
public @interface PostgresSchema {

  /** A short word naming the schema ({@code pb_<purpose>_<random>}), for a human reading psql. */
  String value();

  /** Turns the annotation into a context customizer; other test classes get none. */
  final class Factory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
        Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
      PostgresSchema annotation =
          TestContextAnnotationUtils.findMergedAnnotation(testClass, PostgresSchema.class);
      return annotation == null ? null : new Customizer(testClass, annotation.value());
    }
  }

  /** Creates the schema's properties in the context and drops the schema when it closes. */
  final class Customizer implements ContextCustomizer {

    private final Class<?> testClass;
    private final String purpose;

    Customizer(Class<?> testClass, String purpose) {
      this.testClass = testClass;
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

    /** One context per annotated class: a schema is never shared. */
    @Override
    public boolean equals(Object other) {
      return other instanceof Customizer that
          && testClass == that.testClass
          && purpose.equals(that.purpose);
    }

    @Override
    public int hashCode() {
      return Objects.hash(testClass, purpose);
    }
  }
}
