package dev.axnode.events.store;

import dev.axnode.events.model.OffsetMap;

/** What a store file holds: the highest offset per source and the highest Lamport time (-1: none). */
record StoreState(OffsetMap present, long lamport) {
}
