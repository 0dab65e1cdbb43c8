package com.example.groovy

import java.sql.Connection
import java.sql.PreparedStatement
import javax.sql.DataSource
import spock.lang.Specification

/**
 * A Spock feature whose data source, connection and statement are test doubles: the code under
 * test closes the connection it took, takes it again and leaves it open, and never closes the
 * statement. None of them holds a resource.
 */
class MockedConnectionSpec extends Specification {
    def "closes the connection it took"() {
        given:
        def statement = Mock(PreparedStatement)
        def connection = Mock(Connection) { prepareStatement(_) >> statement }
        def dataSource = Stub(DataSource) { getConnection() >> connection }

        when:
        def c = dataSource.getConnection()
        c.prepareStatement("SELECT 1").executeQuery()
        c.close()
        dataSource.getConnection().createStatement()

        then:
        1 * connection.close()
    }
}
