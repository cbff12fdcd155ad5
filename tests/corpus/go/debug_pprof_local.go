package main

import (
	"log"
	"net/http"
	_ "net/http/pprof" // ok: go-debug-mode

	"github.com/labstack/echo/v4"
)

func main() {
	e := echo.New()
	e.Debug = false // ok: go-debug-mode
	go func() { log.Println(http.ListenAndServe("localhost:6060", nil)) }()
	e.Logger.Fatal(e.Start(":9000"))
}
