package org.publicbudget.ledger.app.feed;

import java.util.List;

/**
 * A page of the feed: its events in store order; {@code completeUpTo}, the position up
 * to which no event can still appear (every transaction that could write one below it
 * has ended); and {@code next}, the {@code after} of the next page.
 */
public record FeedPage(List<FeedEvent> events, long completeUpTo, long next) {
}
