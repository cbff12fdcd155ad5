using System.DirectoryServices;
using System.DirectoryServices.Protocols;
using System.Xml;
using System.Xml.Linq;
using System.Xml.XPath;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Example.Directory
{
    public class Lookups
    {
        private const string Base = "dc=example,dc=com";

        public void Mongo(IMongoCollection<BsonDocument> collection, string name, int age)
        {
            collection.Find($"{{ name: '{name}' }}").ToList(); // expect: cs-nosql-injection
            var filter = BsonDocument.Parse("{ \"owner\": \"" + name + "\" }"); // expect: cs-nosql-injection
            collection.Find(new BsonDocument("$where", "this.name == '" + name + "'")); // expect: cs-nosql-injection
            collection.DeleteMany(new JsonFilterDefinition<BsonDocument>($"{{ tag: '{name}' }}")); // expect: cs-nosql-injection
            collection.Find(Builders<BsonDocument>.Filter.Eq("name", name)).ToList(); // ok: cs-nosql-injection
            collection.Find("{ active: true }").ToList(); // ok: cs-nosql-injection
            var byAge = new BsonDocument("age", new BsonDocument("$gt", age)); // ok: cs-nosql-injection
            collection.Find(new BsonDocument("$where", "this.a > this.b")); // ok: cs-nosql-injection
            var names = new List<string>();
            names.Find(n => n == name); // ok: cs-nosql-injection
        }

        public void Ldap(string user, LdapConnection conn)
        {
            var searcher = new DirectorySearcher("(&(objectClass=user)(sAMAccountName=" + user + "))"); // expect: cs-ldap-injection
            var other = new DirectorySearcher(new DirectoryEntry("LDAP://dc1"));
            other.Filter = $"(uid={user})"; // expect: cs-ldap-injection
            var request = new SearchRequest(Base, $"(mail={user})", SearchScope.Subtree); // expect: cs-ldap-injection
            var third = new DirectorySearcher { Filter = "(cn=" + user + ")" }; // expect: cs-ldap-injection
            other.Filter = $"(uid={LdapFilterEscape(user)})"; // ok: cs-ldap-injection
            other.Filter = "(objectClass=person)"; // ok: cs-ldap-injection
            var dialog = new OpenFileDialog();
            dialog.Filter = $"{user} files|*.{user}"; // ok: cs-ldap-injection
            var fixedRequest = new SearchRequest(Base, "(objectClass=group)", SearchScope.OneLevel); // ok: cs-ldap-injection
        }

        public void XPath(XmlDocument doc, XDocument xdoc, XPathNavigator nav, string user, int id)
        {
            doc.SelectSingleNode("//user[name='" + user + "']"); // expect: cs-xpath-injection
            xdoc.XPathSelectElements($"//order[@customer='{user}']"); // expect: cs-xpath-injection
            nav.Select("//account[@owner='" + user + "']"); // expect: cs-xpath-injection
            XPathExpression.Compile($"count(//item[@tag='{user}'])"); // expect: cs-xpath-injection
            doc.SelectNodes("//user[@active='true']"); // ok: cs-xpath-injection
            doc.SelectSingleNode("//user[@id=$id]"); // ok: cs-xpath-injection
            doc.SelectSingleNode("//user[name=" + XPathQuote(user) + "]"); // ok: cs-xpath-injection
            var names = new[] { user }.Select(u => u.Trim()); // ok: cs-xpath-injection
        }
    }
}
