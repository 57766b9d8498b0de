package org.loyalty.infra.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a real (embedded) PostgreSQL, reached over real HTTP on a random port.
 * Every test class uses the same configuration, so Spring starts one application and one database
 * for the whole run.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// Refits run when a test asks for them (the schedule is tested by calling it), never in the middle of another test.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"loyalty.retention.scheduled-refit=false", "loyalty.campaigns.scheduled=false"})
@ContextConfiguration(initializers = FreshEmbeddedDatabase.class)
@Import(TestClockConfiguration.class)
public @interface IntegrationTest {
}
