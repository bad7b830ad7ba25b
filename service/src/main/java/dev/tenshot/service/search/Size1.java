package dev.tenshot.service.search;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** One device per job for now: a job over several devices (one latency objective each) is not built yet. */
@Size(max = 1, message = "one device per search job in this release")
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@interface Size1 {

    String message() default "one device per search job in this release";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
