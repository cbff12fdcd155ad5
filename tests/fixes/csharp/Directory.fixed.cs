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
            var searcher = new DirectorySearcher("(&(objectClass=user)(sAMAccountName=" + LdapFilterEscape(user) + "))");
            return searcher.FindOne();
        }

        public string Email(string user)
        {
            var node = _users.SelectSingleNode($"//user[@name={XPathQuote(user)}]/email");
            return node?.InnerText ?? "";
        }

        private static string LdapFilterEscape(string value)
        {
            var escaped = new System.Text.StringBuilder(value.Length);
            foreach (var c in value)
            {
                if (c == '\\' || c == '*' || c == '(' || c == ')' || c == '\0')
                    escaped.Append('\\').Append(((int)c).ToString("x2"));
                else
                    escaped.Append(c);
            }
            return escaped.ToString();
        }

        private static string XPathQuote(string value)
        {
            if (!value.Contains('\''))
                return "'" + value + "'";
            if (!value.Contains('"'))
                return "\"" + value + "\"";
            return "concat('" + value.Replace("'", "', \"'\", '") + "')";
        }
    }
}
