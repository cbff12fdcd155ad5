package com.example.shop.auth;

import java.util.Random;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;
import java.security.SecureRandom;

public class Sessions {
    private static final Random RNG = new SecureRandom();

    void remember(HttpServletResponse response) {
        String token = Long.toHexString(RNG.nextLong());
        Cookie cookie = new Cookie("remember_token", token);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }

    void issueCsrf(HttpSession session) {
        session.setAttribute("csrfToken", Integer.toString(new SecureRandom().nextInt()));
    }
}
