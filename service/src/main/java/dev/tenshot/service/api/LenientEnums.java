package dev.tenshot.service.api;

import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.convert.converter.ConverterFactory;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Query parameters name enum values as the JSON does ({@code ?state=queued}), whatever their case. */
@Configuration(proxyBeanMethods = false)
class LenientEnums implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverterFactory(new CaseInsensitive());
    }

    @SuppressWarnings({"rawtypes", "unchecked"}) // ConverterFactory's bound needs the raw Enum type
    private static final class CaseInsensitive implements ConverterFactory<String, Enum> {
        @Override
        public <T extends Enum> Converter<String, T> getConverter(Class<T> type) {
            return source -> (T) Enum.valueOf(type, source.strip().toUpperCase(Locale.ROOT));
        }
    }
}
