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
import org.springframework.web.bind.annotation.PathVariable;
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
    AccessTokens accessTokens;

    @Test
    void treatsARequestWithoutTokenAsAnonymous() {
        assertThat(mvc.get().uri("/whoami")).hasStatusOk().bodyText().isEqualTo("Anonymous[]");
    }

    @Test
    void recognisesTheAdminToken() {
        assertThat(mvc.get().uri("/whoami").header("Authorization", "Bearer the-admin-token"))
                .hasStatusOk()
                .bodyText()
                .startsWith("Admin[");
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
    void resolvesAnAccessTokenToItsScope() {
        var reader = new Caller.Reader(new Caller.Actor(UUID.randomUUID(), "grafana", "read"));
        given(accessTokens.callerFor(AgentTokens.hash("tst_reader"))).willReturn(Optional.of(reader));

        assertThat(mvc.get().uri("/whoami").header("Authorization", "Bearer tst_reader"))
                .hasStatusOk()
                .bodyText()
                .isEqualTo(reader.toString());
    }

    @Test
    void refusesAnAnonymousReadWithABearerChallenge() {
        assertThat(mvc.get().uri("/api/devices/" + UUID.randomUUID()))
                .hasStatus(401)
                .hasHeader("WWW-Authenticate", BearerChallenge.CHALLENGE)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("urn:tenshot:problem:unauthorized");
    }

    @Test
    void letsAnAgentReadOnlyItsOwnDevice() {
        UUID own = UUID.randomUUID();
        given(agentTokens.deviceIdForTokenHash(AgentTokens.hash("tsa_agent"))).willReturn(Optional.of(own));

        assertThat(mvc.get().uri("/api/devices/" + own).header("Authorization", "Bearer tsa_agent"))
                .hasStatusOk();
        assertThat(mvc.get().uri("/api/devices/" + UUID.randomUUID()).header("Authorization", "Bearer tsa_agent"))
                .hasStatus(403)
                .bodyJson()
                .extractingPath("$.type")
                .isEqualTo("urn:tenshot:problem:forbidden");
    }

    @Test
    void refusesReadsToAnEnrolmentToken() {
        var enroler = new Caller.Enroler(new Caller.Actor(UUID.randomUUID(), "lab", "enrol"));
        given(accessTokens.callerFor(AgentTokens.hash("tst_enrol"))).willReturn(Optional.of(enroler));

        assertThat(mvc.get().uri("/api/devices/" + UUID.randomUUID()).header("Authorization", "Bearer tst_enrol"))
                .hasStatus(403);
    }

    @Test
    void generatesDistinctTokensAndHashesThemStably() {
        String token = AgentTokens.generate();

        assertThat(token).startsWith("tsa_").isNotEqualTo(AgentTokens.generate());
        assertThat(AgentTokens.hash(token)).hasSize(64).isEqualTo(AgentTokens.hash(token));
    }

    @RestController
    static class WhoAmI {
        @GetMapping(value = "/whoami", produces = MediaType.TEXT_PLAIN_VALUE)
        String whoAmI(Caller caller) {
            return caller.toString();
        }

        /** A read: it takes no caller, so the resolver's interceptor decides. */
        @GetMapping(value = "/api/devices/{deviceId}", produces = MediaType.TEXT_PLAIN_VALUE)
        String read(@PathVariable String deviceId) {
            return deviceId;
        }
    }

    @TestConfiguration
    @EnableConfigurationProperties(AccessProperties.class)
    @Import(AdminToken.class)
    static class Config {}
}
