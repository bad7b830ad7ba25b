package dev.tenshot.service.access;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Token checks in a {@code @WebMvcTest} slice of any feature: the configured admin token is {@link #ADMIN_TOKEN}, no
 * agent or scoped token is known (their lookups are mocks), so a test can call as the admin or anonymously.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Import(WebSliceAccess.Config.class)
@MockitoBean(types = {AgentTokenLookup.class, AccessTokens.class})
@TestPropertySource(properties = "tenshot.admin-token=" + WebSliceAccess.ADMIN_TOKEN)
public @interface WebSliceAccess {

    String ADMIN_TOKEN = "the-admin-token";

    @TestConfiguration
    @EnableConfigurationProperties(AccessProperties.class)
    @Import(AdminToken.class)
    class Config {}
}
