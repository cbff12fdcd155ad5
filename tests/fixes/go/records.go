package records

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"math/rand"
	"net/http"

	"github.com/antchfx/xmlquery"
	"github.com/lestrrat-go/libxml2"
	"github.com/lestrrat-go/libxml2/parser"
	"github.com/lestrrat-go/libxml2/types"
	"github.com/sashabaranov/go-openai"
	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"gorm.io/gorm"
)

func NewSessionToken() string {
	buf := make([]byte, 32)
	rand.Read(buf)
	return hex.EncodeToString(buf)
}

func ImportFeed(body []byte) (types.Document, error) {
	return libxml2.Parse(body, parser.XMLParseNoEnt|parser.XMLParseNoNet)
}

func ByOwner(ctx context.Context, coll *mongo.Collection, r *http.Request) (*mongo.Cursor, error) {
	owner := r.FormValue("owner")
	return coll.Find(ctx, bson.M{"$where": "this.owner == '" + owner + "'", "archived": false})
}

func SaveSummary(ctx context.Context, db *sql.DB, resp openai.ChatCompletionResponse, id int64) error {
	_, err := db.ExecContext(ctx, "UPDATE tickets SET summary = '"+resp.Choices[0].Message.Content+"' WHERE id = 7")
	return err
}

type Account struct {
	ID      uint
	Name    string
	Email   string
	Role    string
	Balance int64
}

func PatchAccount(w http.ResponseWriter, r *http.Request, db *gorm.DB) {
	changes := map[string]interface{}{}
	if err := json.NewDecoder(r.Body).Decode(&changes); err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	db.Model(&Account{}).Where("id = ?", r.PathValue("id")).Updates(changes)
}

func Price(catalog *xmlquery.Node, sku string) string {
	node := xmlquery.FindOne(catalog, "//product[@sku='"+sku+"']/price")
	if node == nil {
		return ""
	}
	return node.InnerText()
}
