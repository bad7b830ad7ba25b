package dev.tenshot.service.space;

import dev.tenshot.space.SearchSpaces;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/spaces")
class SpaceController {

    private final SearchSpaces spaces;

    SpaceController(SearchSpaces spaces) {
        this.spaces = spaces;
    }

    @GetMapping
    List<SpaceResponse> list() {
        return spaces.all().stream()
                .map(space -> new SpaceResponse(space.name(), space.description()))
                .toList();
    }

    record SpaceResponse(String name, String description) {}
}
