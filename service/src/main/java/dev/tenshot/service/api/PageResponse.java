package dev.tenshot.service.api;

import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** One page of a listing, with what a client needs to fetch the next. */
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

    /** The last page number a listing takes: with at most 1,000 per page its offset stays within an int. */
    public static final long MAX_PAGE = 1_000_000;

    public PageResponse {
        items = List.copyOf(items);
    }

    public static <E, T> PageResponse<T> from(Page<E> page, Function<E, T> toItem) {
        return new PageResponse<>(
                page.getContent().stream().map(toItem).toList(),
                page.getNumber(),
                page.getSize(),
                page.getTotalElements(),
                page.getTotalPages());
    }
}
