package org.publicbudget.ledger.app.infrastructure.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.ConcurrentMap;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * The aggregate cache: at most {@code capacity} entries, those least likely to be used
 * again going first (Caffeine's size eviction), without one lock for every writer.
 * Axon's own caches either forget at every garbage collection (weak references) or need
 * JCache or Ehcache.
 */
final class RecentlyUsed implements Cache {

    private final ConcurrentMap<Object, Object> entries;

    RecentlyUsed(int capacity) {
        this.entries = Caffeine.newBuilder().maximumSize(capacity).build().asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    /** Nothing in the ledger listens to the cache. */
    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        throw new UnsupportedOperationException("the ledger's aggregate cache has no listeners");
    }
}
