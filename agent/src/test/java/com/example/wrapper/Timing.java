package com.example.wrapper;

import java.sql.SQLException;

/** Runs a JDBC call for a wrapper, as a metrics or retry helper does: the call is made here, not in the wrapper's class. */
final class Timing {
    interface Call<T> {
        T run() throws SQLException;
    }

    private Timing() {}

    static <T> T run(Call<T> call) throws SQLException {
        return call.run();
    }
}
