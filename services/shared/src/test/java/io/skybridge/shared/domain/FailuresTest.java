package io.skybridge.shared.domain;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailuresTest {

    @Test
    void shouldDescribeADatabaseErrorByItsClassAndSqlStateOnly() {
        PgException pg = new PgException("duplicate key value violates unique constraint \"link_pk\": Key (psk)=(s3cr3t-psk)"
                + " already exists", "ERROR", "23505", "Key (psk)=(s3cr3t-psk) already exists.");
        RuntimeException wrapped = new RuntimeException("insert into networking.tunnel (psk) values ('s3cr3t-psk')", pg);

        String described = Failures.describe(wrapped);

        assertEquals("RuntimeException (SQLSTATE 23505)", described);
        assertFalse(described.contains("s3cr3t"), described);
    }

    @Test
    void shouldDescribeAJdbcErrorBySqlState() {
        SQLException sql = new SQLException("ERROR: value too long for type character varying(128) — row (…)", "22001");
        assertEquals("SQLException (SQLSTATE 22001)", Failures.describe(sql));
    }

    @Test
    void shouldKeepTheFirstLineOfAnyOtherFailureBounded() {
        String described = Failures.describe(new IllegalStateException("first line\nsecond line " + "x".repeat(1000)));
        assertEquals("IllegalStateException: first line", described);
        assertTrue(Failures.describe(new IllegalStateException("y".repeat(5000))).length() <= 300);
        assertEquals("NullPointerException", Failures.describe(new NullPointerException()));
    }
}
