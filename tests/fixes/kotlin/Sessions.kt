package com.example.shop.auth

import javax.servlet.http.Cookie
import javax.servlet.http.HttpServletResponse
import kotlin.random.Random

class Sessions {
    fun remember(response: HttpServletResponse) {
        val token = Random.nextLong().toString(16)
        val cookie = Cookie("remember_token", token)
        cookie.secure = true
        cookie.isHttpOnly = true
        response.addCookie(cookie)
    }

    fun resetCode(): String = (100000..999999).random().toString()
}
