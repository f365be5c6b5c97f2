package org.publicbudget.ledger.app.infrastructure.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Settings of the connection pool that depend on the database it reaches. */
@Configuration
public class DatabaseConfiguration {

    /**
     * On PostgreSQL every statement is planned for the values it runs with. By default a
     * prepared statement run five times keeps a generic plan made then; a read-model table
     * that was empty at that moment — a new node's, or the copy a rebuild fills — keeps
     * being scanned whole as it grows to millions of rows (seen: one 500-row lookup by
     * primary key taking 200 ms, 70 times slower than planned afresh). Planning again
     * costs a fraction of a millisecond.
     *
     * <p>And a batch of inserts (a batch's events and their chain hashes, a projection's
     * new rows) goes as multi-row statements rather than one statement per row: the
     * driver's {@code reWriteBatchedInserts}, measured in docs/measurements.md ("Writes
     * against the machine's limits").
     */
    @Bean
    public static BeanPostProcessor planEveryStatementForItsValues() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                    if (pool.getConnectionInitSql() == null) {
                        pool.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
                    }
                    pool.addDataSourceProperty("reWriteBatchedInserts", "true");
                    // an operator looking at pg_stat_activity, on the primary or a standby, sees whose connections these are
                    pool.addDataSourceProperty("ApplicationName", "budget-ledger");
                }
                return bean;
            }
        };
    }
}
