package dev.tenshot.service;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The tests' PostgreSQL (see {@link TestDatabase}) reached through a {@link TcpProxy} the test can cut: an outage
 * of the service's database without stopping the server other tests use.
 */
public final class ProxiedTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Pattern HOST_PORT = Pattern.compile("(jdbc:postgresql://)([^:/?]+)(?::(\\d+))?/");
    private static volatile TcpProxy proxy;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String[] properties = TestDatabase.properties().clone();
        for (int i = 0; i < properties.length; i++) {
            if (properties[i].startsWith("spring.datasource.url=")) {
                properties[i] = "spring.datasource.url=" + throughProxy(properties[i].substring(22));
            }
        }
        TestPropertyValues.of(Arrays.asList(properties)).applyTo(context);
    }

    /** The proxy between the service and PostgreSQL; there once a context used this initializer. */
    public static TcpProxy proxy() {
        if (proxy == null) {
            throw new IllegalStateException("no context has started with " + ProxiedTestDatabase.class.getName());
        }
        return proxy;
    }

    private static synchronized String throughProxy(String url) {
        Matcher matcher = HOST_PORT.matcher(url);
        if (!matcher.find()) {
            throw new IllegalStateException("not a PostgreSQL JDBC URL with a host: " + url);
        }
        if (proxy == null) {
            int port = matcher.group(3) == null ? 5432 : Integer.parseInt(matcher.group(3));
            proxy = new TcpProxy(matcher.group(2), port);
        }
        return matcher.replaceFirst(Matcher.quoteReplacement(matcher.group(1) + "127.0.0.1:" + proxy.port() + "/"));
    }
}
