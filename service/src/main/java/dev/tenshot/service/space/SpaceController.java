package dev.tenshot.service.space;

import dev.tenshot.service.access.Tokens;
import dev.tenshot.space.SearchSpaces;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/spaces")
@Tag(name = "spaces", description = "Search spaces")
class SpaceController {

    private final SearchSpaces spaces;

    SpaceController(SearchSpaces spaces) {
        this.spaces = spaces;
    }

    @GetMapping
    @Operation(operationId = "listSpaces", summary = "The search spaces the service knows")
    @SecurityRequirement(name = Tokens.READ)
    @SecurityRequirement(name = Tokens.AGENT)
    @SecurityRequirement(name = Tokens.ADMIN)
    @ApiResponse(responseCode = "200", description = "OK")
    List<SpaceResponse> list() {
        return spaces.all().stream()
                .map(space -> new SpaceResponse(space.name(), space.description()))
                .toList();
    }

    record SpaceResponse(String name, String description) {}
}
