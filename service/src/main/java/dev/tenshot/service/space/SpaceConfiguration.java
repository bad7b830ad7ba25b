package dev.tenshot.service.space;

import dev.tenshot.space.SearchSpaces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SpaceConfiguration {

    @Bean
    SearchSpaces searchSpaces() {
        return SearchSpaces.builtIn();
    }
}
