using System.Collections.Generic;
using MongoDB.Bson;
using MongoDB.Driver;

public class OrderStore
{
    private readonly IMongoCollection<BsonDocument> _orders;

    public OrderStore(IMongoDatabase db)
    {
        _orders = db.GetCollection<BsonDocument>("orders");
    }

    public List<BsonDocument> ForCustomer(string customer)
    {
        return _orders.Find($"{{ customer: '{customer}', archived: false }}").ToList();
    }

    public BsonDocument OwnerFilter(string owner)
    {
        return BsonDocument.Parse("{ \"owner\": \"" + owner + "\", \"limit\": 50 }");
    }
}
