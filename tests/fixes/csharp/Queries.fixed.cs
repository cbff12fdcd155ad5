using System.Collections.Generic;
using System.Data;
using System.Linq;
using Dapper;
using Microsoft.EntityFrameworkCore;

public class Queries
{
    public IEnumerable<User> ByName(IDbConnection conn, string name, int minAge)
    {
        return conn.Query<User>("SELECT Id, Name FROM Users WHERE Name = @name AND Age >= @minAge", new { name, minAge });
    }

    public int Deactivate(DbContext db, string id)
    {
        return db.Database.ExecuteSqlRaw("UPDATE Users SET Active = 0 WHERE Id = {0}", id);
    }
}
