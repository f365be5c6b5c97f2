package org.publicbudget.ledger.app.infrastructure.replication;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * With {@code LEDGER_REPLICA_URL} set, two connection pools: the primary's, as
 * {@code SPRING_DATASOURCE_*} and {@code spring.datasource.hikari.*} describe it, and a
 * read-only one on the streaming standby ({@code LEDGER_REPLICA_USERNAME} and
 * {@code _PASSWORD}, by default the primary's). Everything in the ledger uses one
 * DataSource that hands out the standby's connections only to a thread that
 * {@link ReadRouting} marked, so no query needed to know which database it runs on.
 */
@Configuration
@ConditionalOnProperty("ledger.replica.url")
public class ReplicaConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource primaryPool(DataSourceProperties primary) {
        HikariDataSource pool = primary.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        pool.setPoolName("primary");
        return pool;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource replicaPool(ReplicaSettings replica) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(replica.url());
        pool.setUsername(replica.username());
        pool.setPassword(replica.password());
        return pool;
    }

    @Bean
    @Primary
    public DataSource dataSource(@Qualifier("primaryPool") HikariDataSource primary, @Qualifier("replicaPool") HikariDataSource replica) {
        // bound after spring.datasource.hikari.*, so that these hold whatever it says
        replica.setPoolName("replica");
        replica.setReadOnly(true);
        // the ledger starts, and keeps running, while its standby is away: reads then stay on the primary
        replica.setInitializationFailTimeout(-1);
        AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {
            @Override
            protected Object determineCurrentLookupKey() {
                return ReadSource.lookupKey();
            }
        };
        routing.setTargetDataSources(Map.of(ReadSource.PRIMARY, primary, ReadSource.REPLICA, replica));
        routing.setDefaultTargetDataSource(primary);
        routing.afterPropertiesSet();
        return routing;
    }
}
