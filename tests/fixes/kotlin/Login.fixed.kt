package com.example.shop.auth

import org.springframework.stereotype.Controller
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RequestParam

@Controller
class Login {
    @PostMapping("/login")
    fun login(@RequestParam returnTo: String): String {
        return "redirect:/" + returnTo.replaceFirst(Regex("^[/\\\\\\s]+"), "")
    }
}
