package com.example.groovy

import java.sql.DriverManager
import spock.lang.Specification

/** A Spock feature that leaves a statement open when it closes its connection. */
class StatementLeftOpenSpec extends Specification {
    static List kept = []

    def "a statement left open"() {
        given:
        def c = DriverManager.getConnection("jdbc:sqlite::memory:")

        when:
        kept << c.prepareStatement("SELECT 1")
        c.close()

        then:
        c.isClosed()
    }
}
