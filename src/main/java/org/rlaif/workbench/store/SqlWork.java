package org.rlaif.workbench.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on a connection; may throw {@link SQLException}, which the caller turns into a rollback. */
@FunctionalInterface
public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
}
