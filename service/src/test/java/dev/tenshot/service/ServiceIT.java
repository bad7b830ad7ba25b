package dev.tenshot.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The service on a random port against the tests' PostgreSQL (see {@link TestDatabase}), with a known admin token. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tenshot.admin-token=" + HttpApi.ADMIN_TOKEN)
@ContextConfiguration(initializers = TestDatabase.class)
public @interface ServiceIT {}
