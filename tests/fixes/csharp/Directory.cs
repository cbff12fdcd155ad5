using System.DirectoryServices;
using System.Xml;

namespace Example.Accounts
{
    public class AccountLookup
    {
        private readonly XmlDocument _users;

        public AccountLookup(XmlDocument users)
        {
            _users = users;
        }

        public SearchResult FindAccount(string user)
        {
            var searcher = new DirectorySearcher("(&(objectClass=user)(sAMAccountName=" + user + "))");
            return searcher.FindOne();
        }

        public string Email(string user)
        {
            var node = _users.SelectSingleNode($"//user[@name='{user}']/email");
            return node?.InnerText ?? "";
        }
    }
}
