package org.publicbudget.ledger.app.reads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.publicbudget.ledger.app.infrastructure.http.InvalidRequest;

/** A date is a day of the ledger's zone: 2025-12-31 in Beijing ends at 15:59:59.999999999 UTC. */
class MomentsTest {

    private final Moments beijing = new Moments(ZoneId.of("Asia/Shanghai"), null);

    @Test
    void aDateIsADayInTheLedgersZone() {
        assertThat(beijing.parse("asOf", "2025-12-31")).isEqualTo(Instant.parse("2025-12-31T15:59:59.999999999Z"));
        assertThat(beijing.startOf("from", "2025-12-31")).isEqualTo(Instant.parse("2025-12-30T16:00:00Z"));
        assertThat(new Moments(ZoneId.of("UTC"), null).parse("asOf", "2025-12-31")).isEqualTo(Instant.parse("2025-12-31T23:59:59.999999999Z"));
    }

    @Test
    void anInstantIsTakenAsItIs() {
        assertThat(beijing.parse("asOf", "2025-07-01T00:00:00Z")).isEqualTo(Instant.parse("2025-07-01T00:00:00Z"));
        assertThat(beijing.startOf("from", "2025-07-01T08:00:00+08:00")).isEqualTo(Instant.parse("2025-07-01T00:00:00Z"));
    }

    @Test
    void aDayThatIsNoneOrOutOfRangeIsRefused() {
        assertThatThrownBy(() -> beijing.parse("asOf", "2025-02-30")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> beijing.parse("asOf", "1800-01-01")).isInstanceOf(InvalidRequest.class);
    }
}
