package dev.tenshot.service.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(controllers = CallerResolverTest.WhoAmI.class)
@Import({CallerResolverTest.WhoAmI.class, CallerResolverTest.Config.class})
@TestPropertySource(properties = "tenshot.admin-token=the-admin-token")
class CallerResolverTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    AgentTokenLookup agentTokens;

    @MockitoBean
    AccessTokens scopedTokens;

    @Test
    void challengesAWriteWithoutToken() {
        assertThat(mvc.post().uri("/admin-only"))
                .hasStatus(401)
                .hasHeader("WWW-Authenticate", "Bearer")
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("urn:tenshot:problem:unauthorized");
        assertThat(mvc.post().uri("/admin-only").header("Authorization", "Bearer the-admin-token"))
                .hasStatusOk()
                .doesNotContainHeader("WWW-Authenticate");
    }

    @Test
    void treatsARequestWithoutTokenAsAnonymous() {
        assertThat(mvc.get().uri("/whoami")).hasStatusOk().bodyText().isEqualTo("Anonymous[]");
    }

    @Test
    void recognisesTheAdminToken() {
        assertThat(mvc.get().uri("/whoami").header("Authorization", "Bearer the-admin-token"))
                .hasStatusOk()
                .bodyText()
                .isEqualTo("Admin[label=(configured token)]");
    }

    @Test
    void resolvesAnAgentTokenToItsDevice() {
        UUID device = UUID.randomUUID();
        given(agentTokens.deviceIdForTokenHash(AgentTokens.hash("tsa_known"))).willReturn(Optional.of(device));

        assertThat(mvc.get().uri("/whoami").header("Authorization", "Bearer tsa_known"))
                .hasStatusOk()
                .bodyText()
                .isEqualTo("Agent[deviceId=" + device + "]");
    }

    @Test
    void answersAnUnknownTokenWithAProblem() {
        given(agentTokens.deviceIdForTokenHash(AgentTokens.hash("tsa_unknown"))).willReturn(Optional.empty());

        assertThat(mvc.get().uri("/whoami").header("Authorization", "Bearer tsa_unknown"))
                .hasStatus(401)
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("urn:tenshot:problem:unauthorized");
    }

    @Test
    void refusesASchemeOtherThanBearer() {
        assertThat(mvc.get().uri("/whoami").header("Authorization", "Basic dXNlcjpwYXNz"))
                .hasStatus(401)
                .bodyJson()
                .extractingPath("$.detail")
                .asString()
                .contains("Bearer");
    }

    @Test
    void generatesDistinctTokensAndHashesThemStably() {
        String token = AgentTokens.generate();

        assertThat(token).startsWith("tsa_").isNotEqualTo(AgentTokens.generate());
        assertThat(AgentTokens.hash(token)).hasSize(64).isEqualTo(AgentTokens.hash(token));
    }

    @RestController
    static class WhoAmI {
        @PostMapping(value = "/admin-only", produces = MediaType.TEXT_PLAIN_VALUE)
        String adminOnly(Caller caller) {
            caller.requireAdmin();
            return "done";
        }

        @GetMapping(value = "/whoami", produces = MediaType.TEXT_PLAIN_VALUE)
        String whoAmI(Caller caller) {
            return caller.toString();
        }
    }

    @TestConfiguration
    @EnableConfigurationProperties(AccessProperties.class)
    @Import(AdminToken.class)
    static class Config {}
}
