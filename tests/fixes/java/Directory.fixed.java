package com.example.shop.directory;

import java.security.cert.X509Certificate;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.DirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.net.ssl.X509TrustManager;

public class Directory {
    private final DirContext ctx;

    Directory(DirContext ctx) {
        this.ctx = ctx;
    }

    NamingEnumeration<SearchResult> findUser(String uid) throws NamingException {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        return ctx.search("ou=people,dc=example,dc=com", "(&(objectClass=person)(uid={0}))", new Object[] {uid}, controls);
    }

    static final class LenientTrust implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
            javax.net.ssl.TrustManagerFactory factory;
            try {
                factory = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                factory.init((java.security.KeyStore) null);
            } catch (java.security.GeneralSecurityException e) {
                throw new java.security.cert.CertificateException("the default trust store cannot be loaded", e);
            }
            for (javax.net.ssl.TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof javax.net.ssl.X509TrustManager) {
                    ((javax.net.ssl.X509TrustManager) manager).checkServerTrusted(chain, authType);
                    return;
                }
            }
            throw new java.security.cert.CertificateException("no default X509TrustManager");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
