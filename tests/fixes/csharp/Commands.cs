using Microsoft.Data.SqlClient;

public class Commands
{
    // An ADO.NET command binds values through Parameters.AddWithValue statements: guidance only.
    public SqlCommand ByOwner(SqlConnection conn, string owner)
    {
        return new SqlCommand("SELECT * FROM Reports WHERE Owner = '" + owner + "'", conn);
    }
}
