package settings

import (
	"database/sql"
	"net/http"
	"net/smtp"
	"os"

	"github.com/gin-contrib/cors"
	"github.com/gin-gonic/gin"
	"github.com/golang-jwt/jwt/v5"
	"github.com/gorilla/csrf"
	"github.com/labstack/echo/v4"
)

func OpenStore() (*sql.DB, error) {
	return sql.Open("mysql", os.Getenv("DATABASE_URL"))
}

func Mailer(user string) smtp.Auth {
	return smtp.PlainAuth("", user, os.Getenv("SMTP_PASSWORD"), "smtp.example.com")
}

func Router() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.Use(cors.New(cors.Config{AllowAllOrigins: true, AllowCredentials: false}))
	return r
}

func Admin() *echo.Echo {
	e := echo.New()
	e.Debug = false
	return e
}

func Webhook(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-CSRF-Token", csrf.Token(r))
}

func Routes(mux *http.ServeMux) http.Handler {
	protection := http.NewCrossOriginProtection()
	return protection.Handler(mux)
}

func Session(tok string, key []byte) (*jwt.Token, error) {
	return jwt.Parse(tok, func(t *jwt.Token) (interface{}, error) { return key, nil })
}
