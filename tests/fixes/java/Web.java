package com.example;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLInputFactory;

public class Web {
    void login(HttpServletResponse resp, String id) {
        Cookie session = new Cookie("SESSION", id);
        resp.addCookie(session);
    }

    void remember(HttpServletResponse resp, String token) {
        Cookie auth = new Cookie("auth_token", token);
        auth.setSecure(false);
        auth.setHttpOnly(true);
        resp.addCookie(auth);
    }

    public DocumentBuilder parser() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        return dbf.newDocumentBuilder();
    }

    public void stax() throws Exception {
        XMLInputFactory xif = XMLInputFactory.newFactory();
        xif.createXMLStreamReader(System.in);
    }
}
