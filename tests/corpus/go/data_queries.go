package data

import (
	"fmt"
	"net/http"
	"regexp"

	"github.com/antchfx/xmlquery"
	"github.com/antchfx/xpath"
	"github.com/gin-gonic/gin"
	"github.com/go-ldap/ldap/v3"
	"go.mongodb.org/mongo-driver/bson"
	"gorm.io/gorm"
)

const activeOnly = "this.active == true"

func Mongo(coll Collection, name, minAge string) {
	coll.Find(ctx, bson.M{"$where": "this.name == '" + name + "'"}) // expect: go-mongo-where-injection
	js := fmt.Sprintf("this.age > %s", minAge)
	coll.Find(ctx, bson.M{"$where": js})                                 // expect: go-mongo-where-injection
	coll.Find(ctx, bson.D{{Key: "$where", Value: js}})                  // expect: go-mongo-where-injection
	coll.Find(ctx, bson.M{"$where": activeOnly})                        // ok: go-mongo-where-injection
	coll.Find(ctx, bson.M{"name": name})                                // ok: go-mongo-where-injection
	coll.Find(ctx, bson.M{"name": bson.M{"$regex": regexp.QuoteMeta(name)}}) // ok: go-mongo-where-injection
}

func Directory(l *ldap.Conn, user string) {
	// expect: go-ldap-filter-injection
	l.Search(ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
		fmt.Sprintf("(&(objectClass=person)(uid=%s))", user), []string{"dn"}, nil))
	filter := "(uid=" + user + ")"
	l.Search(ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, filter, nil, nil)) // expect: go-ldap-filter-injection
	l.Search(&ldap.SearchRequest{BaseDN: "dc=example,dc=org", Filter: "(mail=" + user + ")"}) // expect: go-ldap-filter-injection
	// ok: go-ldap-filter-injection
	l.Search(ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false,
		fmt.Sprintf("(uid=%s)", ldap.EscapeFilter(user)), nil, nil))
	safe := fmt.Sprintf("(cn=%s)", ldap.EscapeFilter(user))
	l.Search(ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, safe, nil, nil)) // ok: go-ldap-filter-injection
	l.Search(ldap.NewSearchRequest("dc=example,dc=org", ldap.ScopeWholeSubtree, ldap.NeverDerefAliases, 0, 0, false, "(objectClass=group)", nil, nil)) // ok: go-ldap-filter-injection
}

func Catalog(doc *xmlquery.Node, sku string) {
	xmlquery.Find(doc, "//product[@sku='"+sku+"']") // expect: go-xpath-injection
	expr := fmt.Sprintf("//user[name/text()='%s']", sku)
	xmlquery.FindOne(doc, expr) // expect: go-xpath-injection
	xpath.MustCompile("//item[@id='" + sku + "']") // expect: go-xpath-injection
	for _, n := range xmlquery.Find(doc, "//product") { // ok: go-xpath-injection
		if n.SelectAttr("sku") == sku {
			fmt.Println(n.InnerText())
		}
	}
	xpath.MustCompile(fmt.Sprintf("//item[position() < %d]", 10)) // ok: go-xpath-injection
	xmlquery.Find(doc, "//price") // ok: go-xpath-injection
}

type User struct {
	ID      uint
	Name    string
	IsAdmin bool
}

func Update(c *gin.Context, db *gorm.DB) {
	var fields map[string]interface{}
	c.ShouldBindJSON(&fields)
	db.Model(&User{}).Where("id = ?", c.Param("id")).Updates(fields) // expect: go-gorm-updates-request-map
	db.Model(&User{}).Select("name").Updates(fields) // ok: go-gorm-updates-request-map
	db.Model(&User{}).Updates(map[string]interface{}{"name": fields["name"]}) // ok: go-gorm-updates-request-map
}

func Patch(w http.ResponseWriter, r *http.Request, db *gorm.DB) {
	patch := map[string]any{}
	json.NewDecoder(r.Body).Decode(&patch)
	db.Model(&User{}).Updates(patch) // expect: go-gorm-updates-request-map
	db.Table("users").Create(patch) // expect: go-gorm-updates-request-map
	defaults := map[string]any{"name": "guest"}
	db.Model(&User{}).Updates(defaults) // ok: go-gorm-updates-request-map
}
