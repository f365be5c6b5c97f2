package org.publicbudget.ledger.app.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source, counting how many connections each thread holds at
 * once and the most each ever held: a request that opens a second connection while it
 * holds one (a nested transaction of its own) shows as 2 on its thread.
 */
public final class ConnectionsHeld extends DelegatingDataSource {

    private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);
    private final Map<String, Integer> most = new ConcurrentHashMap<>();

    private ConnectionsHeld(DataSource target) {
        super(target);
    }

    /** Import into a Spring test to count the application's connections. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Counting {

        @Bean
        static BeanPostProcessor countConnectionsHeld() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource source && !(bean instanceof ConnectionsHeld) ? new ConnectionsHeld(source) : bean;
                }
            };
        }
    }

    /** Forget what was counted so far. */
    public void reset() {
        most.clear();
    }

    /** The most connections any thread whose name starts with {@code prefix} held at once since {@link #reset()}. */
    public int mostHeldAtOnceBy(String prefix) {
        return most.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToInt(Map.Entry::getValue).max().orElse(0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counted(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counted(super.getConnection(username, password));
    }

    private Connection counted(Connection connection) {
        int[] held = HELD.get();
        held[0]++;
        most.merge(Thread.currentThread().getName(), held[0], Math::max);
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("close") && closed.compareAndSet(false, true)) {
                held[0]--;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
