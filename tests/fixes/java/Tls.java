package com.example;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;

public class Tls {
    static class AnyHost implements HostnameVerifier {
        @Override
        public boolean verify(String hostname, SSLSession session) {
            return true;
        }
    }

    public void open(HttpsURLConnection conn) {
        conn.setHostnameVerifier((host, session) -> true);
    }
}
