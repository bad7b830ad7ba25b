package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.tenshot.service.access.WebSliceAccess;
import dev.tenshot.service.api.EventStreams;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * The search API's request rules and error answers, without a database: every refusal is a problem of the catalogue
 * and reaches no service.
 */
@WebMvcTest(controllers = SearchController.class)
@WebSliceAccess
class SearchControllerWebTest {

    private static final String ADMIN = "Bearer " + WebSliceAccess.ADMIN_TOKEN;
    private static final String DEVICE = "\"0b8c3f6e-2a1d-4c59-9f3e-5d7a1b2c3d4e\"";

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    SearchJobs jobs;

    @MockitoBean
    FrontCache fronts;

    @MockitoBean
    EventStreams streams;

    @MockitoBean
    SearchJobEvents events;

    @Test
    void refusesAMissingFieldListingIt() {
        var answer = submit("{\"objectives\": [\"latency\", \"quality\"]}");

        assertThat(answer).hasStatus(422).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer).bodyJson().extractingPath("$.type").isEqualTo("urn:tenshot:problem:invalid-request");
        assertThat(answer).bodyJson().extractingPath("$.errors[0].field").isEqualTo("devices");
        verify(jobs, never()).submit(any(), any());
    }

    @Test
    void refusesValuesOutOfRange() {
        var answer = submit("{\"devices\": [" + DEVICE + "], \"objectives\": [\"latency\", \"quality\"],"
                + " \"confidence\": 0.3, \"verifyTopK\": 21, \"budget\": {\"population\": 2}}");

        assertThat(answer).hasStatus(422);
        assertThat(answer)
                .bodyJson()
                .extractingPath("$.errors[*].field")
                .asArray()
                .containsExactlyInAnyOrder("confidence", "verifyTopK", "budget.population");
        verify(jobs, never()).submit(any(), any());
    }

    @Test
    void refusesUnknownFieldsAndWrongTypesAsMalformed() {
        var unknown = submit("{\"devices\": [" + DEVICE + "], \"objectives\": [\"latency\"], \"budgett\": {}}");
        var wrongType = submit("{\"devices\": [" + DEVICE + "], \"objectives\": [\"latency\"], \"seed\": \"7\"}");
        var notJson = submit("{\"devices\": [");

        for (MvcTestResult answer : new MvcTestResult[] {unknown, wrongType, notJson}) {
            assertThat(answer).hasStatus(400);
            assertThat(answer).bodyJson().extractingPath("$.type").isEqualTo("urn:tenshot:problem:malformed-request");
        }
        verify(jobs, never()).submit(any(), any());
    }

    @Test
    void needsTheAdminTokenToSubmit() {
        var anonymous = mvc.post()
                .uri("/api/v1/search-jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"devices\": [" + DEVICE + "], \"objectives\": [\"latency\", \"quality\"]}")
                .exchange();

        assertThat(anonymous).hasStatus(401).hasHeader("WWW-Authenticate", "Bearer");
        verify(jobs, never()).submit(any(), any());
    }

    @Test
    void answersTheServicesProblemsWithTheCataloguesStatusAndTitle() {
        UUID id = UUID.randomUUID();
        given(jobs.find(id)).willThrow(SearchProblems.jobNotFound(id));

        var answer = mvc.get()
                .uri("/api/v1/search-jobs/" + id)
                .header("Authorization", ADMIN)
                .exchange();

        assertThat(answer).hasStatus(404).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer).bodyJson().extractingPath("$.type").isEqualTo("urn:tenshot:problem:search-job-not-found");
        assertThat(answer).bodyJson().extractingPath("$.title").isEqualTo("Search job not found");
        assertThat(answer).bodyJson().extractingPath("$.jobId").isEqualTo(id.toString());
    }

    @Test
    void refusesAnIdThatIsNoUuidAsAnInvalidParameter() {
        var answer = mvc.get()
                .uri("/api/v1/search-jobs/42")
                .header("Authorization", ADMIN)
                .exchange();

        assertThat(answer).hasStatus(400);
        assertThat(answer).bodyJson().extractingPath("$.type").isEqualTo("urn:tenshot:problem:invalid-parameter");
    }

    private MvcTestResult submit(String body) {
        return mvc.post()
                .uri("/api/v1/search-jobs")
                .header("Authorization", ADMIN)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange();
    }
}
