package dev.tenshot.service.space;

import dev.tenshot.space.SearchSpaces;
import dev.tenshot.space.mmdit.MmditPruningSpace;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SpaceConfiguration {

    @Bean
    SearchSpaces searchSpaces() {
        return SearchSpaces.builtIn();
    }

    /** The space searches and quality evaluations are in: the deployment's own, looked up by name, never a copy. */
    @Bean
    MmditPruningSpace mmditSpace(SearchSpaces spaces) {
        return spaces.find(MmditPruningSpace.NAME)
                .map(MmditPruningSpace.class::cast)
                .orElseThrow(() -> new IllegalStateException("no " + MmditPruningSpace.NAME + " space is deployed"));
    }
}
