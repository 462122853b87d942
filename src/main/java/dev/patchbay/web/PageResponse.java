package dev.patchbay.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.function.Function;
import org.springframework.data.domain.Page;

/** One page of a listing, sorted by name. */
@Schema(description = "One page of a listing, sorted by name")
public record PageResponse<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

  /** Page {@code page} of {@code size} items of the whole listing {@code all}. */
  public static <T> PageResponse<T> slice(List<T> all, int page, int size) {
    int from = (int) Math.min((long) page * size, all.size());
    int to = Math.min(from + size, all.size());
    return new PageResponse<>(
        all.subList(from, to), page, size, all.size(), (all.size() + size - 1) / size);
  }

  public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
    return new PageResponse<>(
        page.getContent().stream().map(mapper).toList(),
        page.getNumber(),
        page.getSize(),
        page.getTotalElements(),
        page.getTotalPages());
  }
}
