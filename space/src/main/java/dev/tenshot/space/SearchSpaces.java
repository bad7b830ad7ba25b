package dev.tenshot.space;

import dev.tenshot.space.mmdit.MmditPruningSpace;
import dev.tenshot.space.nasbench201.NasBench201Space;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The spaces a deployment knows, by name. */
public final class SearchSpaces {

    private final Map<String, SearchSpace> byName;

    private SearchSpaces(List<SearchSpace> spaces) {
        var map = new LinkedHashMap<String, SearchSpace>();
        for (SearchSpace space : spaces) {
            if (map.putIfAbsent(space.name(), space) != null) {
                throw new IllegalArgumentException("two spaces are named " + space.name());
            }
        }
        this.byName = map;
    }

    public static SearchSpaces of(SearchSpace... spaces) {
        return new SearchSpaces(List.of(spaces));
    }

    /** The spaces that ship with tenshot. */
    public static SearchSpaces builtIn() {
        return of(MmditPruningSpace.neodragon(), NasBench201Space.instance());
    }

    public Optional<SearchSpace> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<SearchSpace> all() {
        return List.copyOf(byName.values());
    }
}
