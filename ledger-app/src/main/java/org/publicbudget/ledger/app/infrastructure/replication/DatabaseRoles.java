package org.publicbudget.ledger.app.infrastructure.replication;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Which database can do what, looked at every second on connections of its own (never
 * the pools', so that a busy pool is not taken for a lost primary): whether the primary
 * takes writes, and whether the standby answers, how far behind it is and which
 * position its read models hold. With the primary away, "how far behind" is the time
 * since the standby was last seen holding everything the primary had: the most its
 * answers can be missing.
 */
@Component
public class DatabaseRoles implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRoles.class);

    /** What the standby was found to be at the last look. */
    public record Replica(boolean reachable, boolean standby, long lagMillis, Long position) {
        static final Replica AWAY = new Replica(false, true, Long.MAX_VALUE, null);
    }

    private final String primaryUrl;
    private final Properties primaryLogin;
    private final ReplicaSettings replicaSettings;
    private final Properties replicaLogin;
    private final Duration maxLag;
    private final boolean postgres;
    private Connection primary;
    private Connection replicaConnection;
    private volatile boolean primaryWritable = true;
    private volatile Instant primaryAwaySince;
    private volatile Replica replica = Replica.AWAY;
    private volatile Instant replicaCurrentAt;

    public DatabaseRoles(DataSourceProperties database, ReplicaSettings replica,
            @Value("${ledger.replica.max-lag:PT5S}") Duration maxLag, MeterRegistry meters) {
        this.primaryUrl = database.determineUrl();
        this.primaryLogin = login(database.determineUsername(), database.determinePassword());
        this.replicaSettings = replica;
        this.replicaLogin = login(replica.username(), replica.password());
        this.maxLag = maxLag;
        this.postgres = primaryUrl != null && primaryUrl.startsWith("jdbc:postgresql:");
        Gauge.builder("ledger.database.primary.writable", this, roles -> roles.primaryWritable ? 1 : 0)
                .description("1 while the primary database takes writes, 0 while it is away").register(meters);
        if (replica.configured()) {
            Gauge.builder("ledger.replica.lag", this, roles -> roles.replica.reachable() && roles.replica.lagMillis() != Long.MAX_VALUE
                    ? roles.replica.lagMillis() / 1000.0 : Double.NaN)
                    .baseUnit("seconds").description("how far behind the standby's answers may be; NaN while it does not answer or cannot tell")
                    .register(meters);
        }
    }

    private static Properties login(String user, String password) {
        Properties login = new Properties();
        if (user != null) {
            login.setProperty("user", user);
        }
        if (password != null) {
            login.setProperty("password", password);
        }
        // a host that does not answer at all is away after two seconds, not after the driver's default of ten
        login.setProperty("connectTimeout", "2");
        login.setProperty("socketTimeout", "5");
        login.setProperty("ApplicationName", "budget-ledger roles");
        return login;
    }

    /** True while the primary answers and is not in recovery: writes can be taken. */
    public boolean primaryWritable() {
        return primaryWritable;
    }

    public Instant primaryAwaySince() {
        return primaryAwaySince;
    }

    public Replica replica() {
        return replica;
    }

    public boolean replicaConfigured() {
        return replicaSettings.configured();
    }

    /**
     * Whether an auditor's read goes to the standby: it answers, and it is either no
     * further behind than {@code ledger.replica.max-lag} or the only database there is.
     */
    public boolean readsFromReplica() {
        Replica now = replica;
        return replicaConfigured() && now.reachable() && (!now.standby() || !primaryWritable || now.lagMillis() <= maxLag.toMillis());
    }

    @Scheduled(fixedDelayString = "${ledger.replica.check-every:PT1S}", initialDelay = 0)
    public synchronized void look() {
        if (!postgres) {
            return;
        }
        String primaryPosition = lookAtPrimary();
        boolean writable = primaryPosition != null;
        if (writable != primaryWritable) {
            log.warn(writable ? "The primary database takes writes again" : "The primary database is away: writes are refused with 503"
                    + (replicaConfigured() ? ", reads go on from the standby" : ""));
            primaryAwaySince = writable ? null : Instant.now();
        }
        primaryWritable = writable;
        if (replicaConfigured()) {
            replica = lookAtReplica(primaryPosition);
        }
    }

    /** The primary's WAL position, or null when it cannot take writes. */
    private String lookAtPrimary() {
        try {
            if (primary == null || primary.isClosed()) {
                primary = DriverManager.getConnection(primaryUrl, primaryLogin);
            }
            try (PreparedStatement look = primary.prepareStatement(
                    "SELECT CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END");
                    ResultSet row = look.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        } catch (SQLException e) {
            primary = close(primary);
            return null;
        }
    }

    private Replica lookAtReplica(String primaryPosition) {
        Instant now = Instant.now();
        try {
            if (replicaConnection == null || replicaConnection.isClosed()) {
                replicaConnection = DriverManager.getConnection(replicaSettings.url(), replicaLogin);
                replicaConnection.setAutoCommit(true);
            }
            boolean standby;
            boolean holdsAll;
            Long replayAge;
            try (PreparedStatement look = replicaConnection.prepareStatement("SELECT pg_is_in_recovery(), "
                    + "COALESCE(pg_last_wal_replay_lsn() >= ?::pg_lsn, false), "
                    + "(EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint")) {
                look.setString(1, primaryPosition);
                try (ResultSet row = look.executeQuery()) {
                    row.next();
                    standby = row.getBoolean(1);
                    holdsAll = row.getBoolean(2);
                    replayAge = (Long) row.getObject(3, Long.class);
                }
            }
            long unknown = replayAge == null ? Long.MAX_VALUE : replayAge;
            long lag;
            if (!standby || holdsAll) {
                replicaCurrentAt = now;
                lag = 0;
            } else if (primaryPosition != null || replicaCurrentAt == null) {
                lag = unknown;
            } else {
                // the primary away: the standby may miss whatever came after it was last seen holding all
                lag = Duration.between(replicaCurrentAt, now).toMillis();
            }
            return new Replica(true, standby, lag, journalPosition());
        } catch (SQLException e) {
            replicaConnection = close(replicaConnection);
            return Replica.AWAY;
        }
    }

    /** The newest position the standby's read models hold; null before they hold any. */
    private Long journalPosition() {
        try (PreparedStatement look = replicaConnection.prepareStatement("SELECT MAX(position) FROM ledger_journal");
                ResultSet row = look.executeQuery()) {
            row.next();
            return (Long) row.getObject(1, Long.class);
        } catch (SQLException e) {
            // the schema is not there yet (a node starting on a new database)
            return null;
        }
    }

    private static Connection close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // it was already lost
            }
        }
        return null;
    }

    @Override
    public synchronized void destroy() {
        primary = close(primary);
        replicaConnection = close(replicaConnection);
    }
}
