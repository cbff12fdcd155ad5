package com.example.xml;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.transform.TransformerFactory;

public class XmlParsing {
    private static final DocumentBuilderFactory SHARED = DocumentBuilderFactory.newInstance(); // ok: java-xxe

    static {
        try {
            SHARED.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public DocumentBuilder plain() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance(); // expect: java-xxe
        return dbf.newDocumentBuilder();
    }

    public DocumentBuilder hardened() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance(); // ok: java-xxe
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return dbf.newDocumentBuilder();
    }

    public DocumentBuilder secureProcessing() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance(); // ok: java-xxe
        dbf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return dbf.newDocumentBuilder();
    }

    public void sax() throws Exception {
        SAXParserFactory spf = SAXParserFactory.newInstance(); // expect: java-xxe
        spf.setNamespaceAware(true);
        spf.newSAXParser();
    }

    public void stax() throws Exception {
        XMLInputFactory xif = XMLInputFactory.newFactory(); // expect: java-xxe
        xif.createXMLStreamReader(System.in);
    }

    public void staxHardened() throws Exception {
        XMLInputFactory xif = XMLInputFactory.newInstance(); // ok: java-xxe
        xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        xif.createXMLStreamReader(System.in);
    }

    public void transform() throws Exception {
        TransformerFactory tf = TransformerFactory.newInstance(); // expect: java-xxe
        tf.newTransformer();
    }

    public void transformHardened() throws Exception {
        TransformerFactory tf = TransformerFactory.newInstance(); // ok: java-xxe
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        tf.newTransformer();
    }
}
