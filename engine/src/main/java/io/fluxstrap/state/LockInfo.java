package io.fluxstrap.state;

import java.time.Instant;

/** Who holds the state lock, for what, since when. */
public record LockInfo(String id, String who, String operation, Instant created) {}
