package dev.tenshot.service.measurement;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * A number that is finite and not negative. JSON cannot say NaN, but {@code "NaN"} as a string and {@code 1e999}
 * both reach a {@code Double} as NaN and infinity, which {@code @PositiveOrZero} lets through.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NonNegativeFinite.Validator.class)
@interface NonNegativeFinite {

    String message() default "must be a finite number >= 0";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<NonNegativeFinite, Double> {
        @Override
        public boolean isValid(@Nullable Double value, ConstraintValidatorContext context) {
            return value == null || (Double.isFinite(value) && value >= 0);
        }
    }
}
