package main

import (
	"net/http"
	_ "net/http/pprof" // expect: go-debug-mode

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.Debug = true // expect: go-debug-mode
	go e.Start(":9000")
	http.ListenAndServe(":8080", nil)
}
