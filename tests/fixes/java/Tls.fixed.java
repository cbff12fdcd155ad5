package com.example;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;

public class Tls {
    static class AnyHost implements HostnameVerifier {
        @Override
        public boolean verify(String hostname, SSLSession session) {
            return javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier().verify(hostname, session);
        }
    }

    public void open(HttpsURLConnection conn) {
        conn.setHostnameVerifier((host, session) -> javax.net.ssl.HttpsURLConnection.getDefaultHostnameVerifier().verify(host, session));
    }
}
