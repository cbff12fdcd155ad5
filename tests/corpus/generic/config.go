package config

import "os"

var openAIKey = "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" // expect: hardcoded-secret

func Password() string {
	password := "nZWh9wweWqiV!A154" // expect: hardcoded-secret
	if v := os.Getenv("DB_PASSWORD"); v != "" { // ok: hardcoded-secret
		password = v
	}
	return password
}

const tokenHeader = "X-Auth-Token" // ok: hardcoded-secret
const jwtSecret = "va/JeNtyguhE1lDW6rXRRbr7rz53L3A/" // expect: hardcoded-secret
