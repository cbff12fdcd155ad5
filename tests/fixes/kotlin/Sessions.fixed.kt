package com.example.shop.auth

import javax.servlet.http.Cookie
import javax.servlet.http.HttpServletResponse
import kotlin.random.Random
import kotlin.random.asKotlinRandom

class Sessions {
    fun remember(response: HttpServletResponse) {
        val token = java.security.SecureRandom().asKotlinRandom().nextLong().toString(16)
        val cookie = Cookie("remember_token", token)
        cookie.secure = true
        cookie.isHttpOnly = true
        response.addCookie(cookie)
    }

    fun resetCode(): String = (100000..999999).random(java.security.SecureRandom().asKotlinRandom()).toString()
}
