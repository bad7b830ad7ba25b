package dev.tenshot.service.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchControllerTest {

    @Test
    void readsWhetherAClientTakesGzip() {
        assertThat(SearchController.acceptsGzip("gzip")).isTrue();
        assertThat(SearchController.acceptsGzip("deflate, gzip;q=0.5, br")).isTrue();
        assertThat(SearchController.acceptsGzip("GZIP")).isTrue();
        assertThat(SearchController.acceptsGzip("*")).isTrue();
        assertThat(SearchController.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(SearchController.acceptsGzip("gzip; q=0.000")).isFalse();
        assertThat(SearchController.acceptsGzip("identity, br")).isFalse();
        assertThat(SearchController.acceptsGzip(null)).isFalse();
    }
}
