package dev.tenshot.service.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A time a measurement can have been taken: not before 2000 and at most a day ahead of the service's clock (an
 * agent's clock may run a little fast). A year 292,278,994 parses as an {@link Instant} but PostgreSQL refuses it.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = PlausibleTime.Validator.class)
public @interface PlausibleTime {

    String message() default "must be after 2000-01-01T00:00:00Z and at most a day ahead of the service's clock";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<PlausibleTime, Instant> {
        private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
        private static final Duration CLOCK_SKEW = Duration.ofDays(1);

        @Override
        public boolean isValid(@Nullable Instant value, ConstraintValidatorContext context) {
            return value == null
                    || (!value.isBefore(EARLIEST)
                            && !value.isAfter(Instant.now().plus(CLOCK_SKEW)));
        }
    }
}
