package config

import (
	"database/sql"
	"net/http"
	"net/smtp"
	"os"
	"path/filepath"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/go-ldap/ldap/v3"
	"github.com/golang-jwt/jwt/v5"
	rscors "github.com/rs/cors"
)

func Connect(user string) {
	sql.Open("mysql", "shop:Sup3rS3cret@tcp(db:3306)/shop")                           // expect: go-hardcoded-credential
	sql.Open("postgres", "host=db user=app password=hunter22 dbname=app sslmode=require") // expect: go-hardcoded-credential
	sql.Open("postgres", "postgres://app:"+os.Getenv("DB_PASSWORD")+"@db/app")         // ok: go-hardcoded-credential
	sql.Open("postgres", "postgres://app:${DB_PASSWORD}@db/app")                         // ok: go-hardcoded-credential
	sql.Open("postgres", os.Getenv("DATABASE_URL"))
	smtp.PlainAuth("", user, "mailpass123", "smtp.example.com")          // expect: go-hardcoded-credential
	smtp.PlainAuth("", user, os.Getenv("SMTP_PASSWORD"), "smtp.example.com") // ok: go-hardcoded-credential
}

func Sign(claims jwt.MapClaims, l *ldap.Conn) {
	token := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	token.SignedString([]byte("my-jwt-signing-key"))           // expect: go-hardcoded-credential
	token.SignedString([]byte(os.Getenv("JWT_SECRET")))        // ok: go-hardcoded-credential
	l.Bind("cn=admin,dc=example,dc=org", "ldapAdminPw")        // expect: go-hardcoded-credential
	l.Bind("cn=admin,dc=example,dc=org", os.Getenv("LDAP_PW")) // ok: go-hardcoded-credential
}

func Cors(r *gin.Engine) {
	r.Use(cors.New(cors.Config{AllowAllOrigins: true, AllowCredentials: true})) // expect: go-cors-any-origin-credentials
	r.Use(cors.New(cors.Config{AllowAllOrigins: true}))                         // ok: go-cors-any-origin-credentials
	rscors.New(rscors.Options{AllowedOrigins: []string{"*"}})
	c := cors.Config{
		AllowOrigins:     []string{"https://app.example.com"},
		AllowCredentials: true, // ok: go-cors-any-origin-credentials
	}
	r.Use(cors.New(c))
	r.Use(cors.New(cors.Config{ // expect: go-cors-any-origin-credentials
		AllowOriginFunc:  func(origin string) bool { return true },
		AllowCredentials: true,
	}))
	r.Use(cors.New(cors.Config{ // ok: go-cors-any-origin-credentials
		AllowOriginFunc:  func(origin string) bool { return origin == "https://app.example.com" },
		AllowCredentials: true,
	}))
}

func Reflect(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin")) // expect: go-cors-any-origin-credentials
	w.Header().Set("Access-Control-Allow-Credentials", "true")
}

func ReflectPublic(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin")) // ok: go-cors-any-origin-credentials
}

func Debug(r *gin.Engine) {
	gin.SetMode(gin.DebugMode)             // expect: go-debug-mode
	gin.SetMode("debug")                   // expect: go-debug-mode
	gin.SetMode(gin.ReleaseMode)           // ok: go-debug-mode
	gin.SetMode(os.Getenv("GIN_MODE"))     // ok: go-debug-mode
}

func Scratch(user string, id string) {
	os.WriteFile("/tmp/report.csv", nil, 0o600)                     // expect: go-predictable-temp-file
	os.Create(filepath.Join(os.TempDir(), "app.lock"))              // expect: go-predictable-temp-file
	os.Create("/tmp/" + user)                                       // expect: go-predictable-temp-file
	os.CreateTemp("", "report-*.csv")                               // ok: go-predictable-temp-file
	dir, _ := os.MkdirTemp("", "job-")
	os.WriteFile(filepath.Join(dir, "out.json"), nil, 0o600)        // ok: go-predictable-temp-file
	os.Create("/tmpl/cache/" + id)                                  // ok: go-predictable-temp-file
	os.Create(filepath.Join(os.TempDir(), "upload-"+randomSuffix())) // ok: go-predictable-temp-file
}

func randomSuffix() string { return "x" }
