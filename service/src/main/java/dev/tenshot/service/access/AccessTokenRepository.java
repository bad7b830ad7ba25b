package dev.tenshot.service.access;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccessTokenRepository extends JpaRepository<AccessToken, UUID> {

    Optional<AccessToken> findByTokenHash(String tokenHash);

    List<AccessToken> findAllByOrderByCreatedAtAsc();
}
