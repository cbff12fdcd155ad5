// Shapes of a real HTML library's DOM bridge that the XXE rule misread.
import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

class DomBridge {
    protected DocumentBuilderFactory factory;

    DomBridge() {
        // builders of this factory only create empty documents that the bridge fills in
        factory = DocumentBuilderFactory.newInstance(); // ok: java-xxe
        factory.setNamespaceAware(true);
    }

    Document fromNodes() throws Exception {
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.newDocument();
    }

    static String asString(Document doc) throws Exception {
        // an identity transform of an in-memory DOM loads nothing
        TransformerFactory tf = TransformerFactory.newInstance(); // ok: java-xxe
        Transformer transformer = tf.newTransformer();
        StringWriter writer = new StringWriter();
        transformer.transform(new DOMSource(doc), new StreamResult(writer));
        return writer.toString();
    }

    static String styled(Document doc, String xslt) throws Exception {
        // a stylesheet read from text is parsed, with its DTD and external references
        TransformerFactory tf = TransformerFactory.newInstance(); // expect: java-xxe
        Transformer transformer = tf.newTransformer(new StreamSource(new StringReader(xslt)));
        StringWriter writer = new StringWriter();
        transformer.transform(new DOMSource(doc), new StreamResult(writer));
        return writer.toString();
    }
}

class XmlReader {
    Document empty() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument(); // expect: java-xxe
    }

    Document read(String xml) throws Exception {
        // the same class parses text too: the factory is reported
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance(); // expect: java-xxe
        return dbf.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
