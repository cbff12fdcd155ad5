package com.example.shop.auth;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class Login extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String returnTo = request.getParameter("returnTo");
        if (authenticate(request)) {
            response.sendRedirect(returnTo);
        } else {
            response.sendRedirect("/login?failed=1");
        }
    }

    private boolean authenticate(HttpServletRequest request) {
        return request.getUserPrincipal() != null;
    }
}
